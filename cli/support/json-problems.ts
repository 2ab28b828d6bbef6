/**
 * JSON from the user is checked as environment files are (config/json-syntax.ts): the first syntax
 * error or every duplicate key, each with its line and column. JSON.parse alone keeps the last of two
 * equal keys silently, so a pasted block could undo an edit above it.
 */
import { findJsonProblems } from "../../config/json-syntax";
import { UsageError } from "../errors";

/**
 * Throws a UsageError that starts with `heading` ("--plan x.json: not valid JSON") and gives each
 * problem's line and column (one on the same line, several one a line); returns when the text is clean.
 */
export function refuseJsonProblems(text: string, heading: string): void {
  const problems = findJsonProblems(text);
  if (!problems.length) return;
  const shown = problems.slice(0, 20).map((p) => `line ${p.line}, column ${p.column}: ${p.message}`);
  if (shown.length === 1) throw new UsageError(`${heading}: ${shown[0]}`);
  const more = problems.length > shown.length ? `\n  ... and ${problems.length - shown.length} more` : "";
  throw new UsageError(`${heading}:\n  ${shown.join("\n  ")}${more}`);
}
