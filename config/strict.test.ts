/**
 * Every object in the configuration schema is strict, including sections added later: a section
 * written with z.object (unknown keys silently dropped) fails here, naming its path.
 */
import { z } from "zod";
import { environmentSchema } from "./schema";

interface Def {
  type: string;
  shape?: Record<string, z.ZodType>;
  catchall?: z.ZodType;
  innerType?: z.ZodType;
  element?: z.ZodType;
  valueType?: z.ZodType;
  options?: z.ZodType[];
  in?: z.ZodType;
  out?: z.ZodType;
  left?: z.ZodType;
  right?: z.ZodType;
}

/** Paths of the object schemas that accept unknown keys. */
function lenientObjects(schema: z.ZodType, path: string): string[] {
  const def = (schema as unknown as { _zod: { def: Def } })._zod.def;
  const below = (child: z.ZodType | undefined, suffix = "") => (child ? lenientObjects(child, path + suffix) : []);
  switch (def.type) {
    case "object": {
      const strict = (def.catchall as unknown as { _zod: { def: Def } } | undefined)?._zod.def.type === "never";
      const own = strict ? [] : [path || "(root)"];
      return [...own, ...Object.entries(def.shape ?? {}).flatMap(([key, child]) => lenientObjects(child, path ? `${path}.${key}` : key))];
    }
    case "array":
      return below(def.element, "[]");
    case "record":
      return below(def.valueType, "{}");
    case "union":
      return (def.options ?? []).flatMap((o) => lenientObjects(o, path));
    case "intersection":
      return [...below(def.left), ...below(def.right)];
    case "pipe":
      return [...below(def.in), ...below(def.out)];
    default:
      return below(def.innerType); // optional, default, prefault, nullable, readonly, catch...
  }
}

test("every object of the environment schema rejects unknown keys", () => {
  expect(lenientObjects(environmentSchema, "")).toEqual([]);
});

test("the walker finds a lenient object wherever it hides", () => {
  const lenient = z.strictObject({
    a: z.object({ x: z.number().default(1) }).prefault({}),
    b: z.array(z.strictObject({ c: z.object({}).optional() })).default([]),
    d: z.record(z.string(), z.object({})),
  });
  expect(lenientObjects(lenient, "")).toEqual(["a", "b[].c", "d{}"]);
});
