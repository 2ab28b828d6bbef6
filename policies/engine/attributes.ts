/**
 * Readers for synthesized attributes. cdktf writes single nested blocks as objects and repeated
 * blocks as arrays, and escape hatches may write booleans and numbers as strings: rules read
 * through these helpers so they do not care which.
 */

export type Attrs = Readonly<Record<string, unknown>>;

/** A block attribute as a list of objects, whatever its synthesized shape. */
export function blocks(value: unknown): Attrs[] {
  if (value === undefined || value === null) return [];
  const list = Array.isArray(value) ? value : [value];
  return list.filter((v): v is Attrs => typeof v === "object" && v !== null && !Array.isArray(v));
}

/** The first block of a nested-block attribute, or an empty object. */
export function block(value: unknown): Attrs {
  return blocks(value)[0] ?? {};
}

export const isTrue = (v: unknown): boolean => v === true || v === "true";
export const isFalse = (v: unknown): boolean => v === false || v === "false";

/** A number, or undefined when absent or an unresolved expression. */
export function asNumber(v: unknown): number | undefined {
  if (typeof v === "number") return v;
  if (typeof v === "string" && /^-?\d+(\.\d+)?$/.test(v.trim())) return Number(v);
  return undefined;
}

export function asStrings(v: unknown): string[] {
  if (v === undefined || v === null) return [];
  return (Array.isArray(v) ? v : [v]).filter((x): x is string => typeof x === "string");
}

/** True when a string is (or contains) a Terraform expression rather than a literal. */
export const isExpression = (v: unknown): boolean => typeof v === "string" && v.includes("${");

/** Parses a JSON document attribute (policy, container definitions); undefined when not literal JSON. */
export function parseJson(v: unknown): unknown {
  if (typeof v !== "string") return typeof v === "object" ? v : undefined;
  const text = v.trim();
  if (!text.startsWith("{") && !text.startsWith("[")) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** IAM statements of a JSON policy document (`Statement` as object or list). */
export function jsonStatements(doc: unknown): Attrs[] {
  if (typeof doc !== "object" || doc === null) return [];
  return blocks((doc as Attrs).Statement);
}
