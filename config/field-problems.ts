/**
 * Turns a failed parse into one problem per field, named by its dotted path. Unknown keys (zod's
 * `unrecognized_keys` issue, raised by every z.strictObject) become one problem each, with the
 * closest accepted key as a suggestion. It works for any section, including ones added later:
 * the accepted keys are read from the object schema that raised the issue, not listed here.
 */
import type { z } from "zod";
import { closestMatch } from "../lib/did-you-mean";

export interface FieldProblem {
  /** Dotted path, e.g. `media.channelCount` or `notifications.platforms.0.name`; `(root)` for the document. */
  readonly field: string;
  readonly message: string;
}

export type ParseOutcome<T> = { readonly ok: true; readonly data: T } | { readonly ok: false; readonly problems: FieldProblem[] };

const pathKey = (path: readonly PropertyKey[]) => path.map(String).join(".");

/** The keys an object schema accepts (the shape of the z.strictObject that raised the issue). */
function acceptedKeys(inst: unknown): string[] {
  const shape = (inst as { _zod?: { def?: { shape?: Record<string, unknown> } } } | undefined)?._zod?.def?.shape;
  return shape ? Object.keys(shape) : [];
}

function unknownKeyMessage(key: string, accepted: readonly string[]): string {
  const suggestion = closestMatch(key, accepted);
  if (suggestion) return `unknown key; did you mean '${suggestion}'?`;
  return accepted.length ? `unknown key (accepted here: ${accepted.join(", ")})` : "unknown key";
}

export function parseWithFieldProblems<S extends z.ZodType>(schema: S, raw: unknown): ParseOutcome<z.output<S>> {
  // zod drops the raising schema from finished issues; its error hook still sees it, with the full path.
  const acceptedAt = new Map<string, string[]>();
  const result = schema.safeParse(raw, {
    error: (issue) => {
      if (issue.code === "unrecognized_keys") acceptedAt.set(pathKey(issue.path ?? []), acceptedKeys(issue.inst));
      return undefined; // keep zod's own message
    },
  });
  if (result.success) return { ok: true, data: result.data };
  const problems: FieldProblem[] = [];
  for (const issue of result.error.issues) {
    if (issue.code === "unrecognized_keys") {
      const accepted = acceptedAt.get(pathKey(issue.path)) ?? [];
      for (const key of issue.keys) problems.push({ field: pathKey([...issue.path, key]), message: unknownKeyMessage(key, accepted) });
    } else {
      problems.push({ field: issue.path.length ? pathKey(issue.path) : "(root)", message: issue.message });
    }
  }
  return { ok: false, problems };
}
