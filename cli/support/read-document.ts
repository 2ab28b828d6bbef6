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
  if (!/\.ya?ml$/i.test(path)) refuseJsonProblems(text.replace(/^\uFEFF/, ""), `${flag} ${path}: not valid JSON`);
  try {
    if (/\.ya?ml$/i.test(path)) {
      const { parse } = (require("yaml") as typeof import("yaml"));
      return parse(text);
    }
    return JSON.parse(text);
  } catch (err) {
    throw new UsageError(`${flag} ${path}: not valid ${/\.ya?ml$/i.test(path) ? "YAML" : "JSON"}: ${(err as Error).message.split("\n")[0]}`);
  }
}
