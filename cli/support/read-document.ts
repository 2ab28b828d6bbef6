/**
 * Reads a JSON or YAML file (by extension) for a flag, mapping failures to UsageError naming both.
 * JSON duplicate keys are refused with their line and column (YAML refuses them itself).
 */
import { readFileSync } from "node:fs";
import { UsageError } from "../errors";
import { refuseJsonProblems } from "./json-problems";

export async function readDocument(path: string, flag: string): Promise<unknown> {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (err) {
    throw new UsageError(`${flag} ${path}: cannot read the file (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
  }
  const format = /\.ya?ml$/i.test(path) ? "yaml" : "json";
  return parseDocumentText(text, format, `${flag} ${path}: not valid ${format.toUpperCase()}`);
}

/**
 * JSON (duplicate keys and syntax errors with line and column) or YAML text as a value; a byte-order
 * mark is ignored. Errors start with `invalid`, e.g. "schedule s.json is not valid JSON".
 */
export function parseDocumentText(text: string, format: "json" | "yaml", invalid: string): unknown {
  const body = text.replace(/^\uFEFF/, "");
  if (format === "json") refuseJsonProblems(body, invalid);
  try {
    if (format === "yaml") return (require("yaml") as typeof import("yaml")).parse(body);
    return JSON.parse(body);
  } catch (err) {
    throw new UsageError(`${invalid}: ${(err as Error).message.split("\n")[0]}`);
  }
}
