/**
 * Price catalog validation (zod). A catalog from a file is checked here before any price is used;
 * the built-in catalogs are checked by the tests.
 */
import { z } from "zod";
import { PROVENANCES, type PriceCatalog } from "./catalog-types";

export type { PriceCatalog } from "./catalog-types";

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "expected a date YYYY-MM-DD");
const usd = z.number().min(0, "prices cannot be negative").max(1e7);

const unitPrice = z
  .strictObject({
    usd: usd.optional(),
    tiers: z.array(z.strictObject({ upTo: z.number().positive().nullable(), usd })).min(1).optional(),
    unit: z.string().min(1),
    quantity: z.number().positive().optional(),
    freePerMonth: z.number().min(0).optional(),
    region: z.string().min(1),
    provenance: z.enum(PROVENANCES as [string, ...string[]]).optional(),
    source: z.string().min(1),
    url: z.url({ protocol: /^https$/ }).optional(),
    date: isoDate,
  })
  .superRefine((p, ctx) => {
    if ((p.usd === undefined) === (p.tiers === undefined)) ctx.addIssue({ code: "custom", path: ["usd"], message: "give either usd or tiers" });
    if (p.tiers) {
      const bounds = p.tiers.map((t) => t.upTo);
      if (bounds[bounds.length - 1] !== null) ctx.addIssue({ code: "custom", path: ["tiers"], message: "the last tier must have upTo: null" });
      for (let i = 1; i < bounds.length; i++) {
        const prev = bounds[i - 1];
        const cur = bounds[i];
        if (prev === null || (cur !== null && cur <= prev)) ctx.addIssue({ code: "custom", path: ["tiers", i, "upTo"], message: "tier bounds must increase" });
      }
    }
  });

const unitCatalog = z.strictObject({
  kind: z.literal("unit-prices"),
  name: z.string().min(1),
  version: z.string().min(1),
  region: z.string().min(1),
  currency: z.literal("USD"),
  notes: z.array(z.string()).optional(),
  prices: z.record(z.string().regex(/^[a-z0-9][a-z0-9.-]*$/, "price keys are lower-case dotted names"), unitPrice),
});

const lineCatalog = z.strictObject({
  kind: z.literal("line-items"),
  name: z.string().min(1),
  version: z.string().min(1),
  currency: z.literal("USD"),
  source: z.string().min(1),
  items: z
    .array(
      z.strictObject({
        no: z.number().int().min(1),
        item: z.string().min(1),
        service: z.string().min(1),
        monthlyUsd: usd.refine((v) => Math.abs(Math.round(v * 100) - v * 100) < 1e-6, "at most two decimals (cents)"),
        base: z.number().int().min(1),
      }),
    )
    .min(1),
});

export const catalogSchema = z.discriminatedUnion("kind", [unitCatalog, lineCatalog]);

export class CatalogError extends Error {
  constructor(
    message: string,
    readonly field: string,
  ) {
    super(message);
    this.name = "CatalogError";
  }
}

export function parseCatalog(doc: unknown): PriceCatalog {
  const result = catalogSchema.safeParse(doc);
  if (!result.success) {
    const issue = result.error.issues[0];
    const field = issue.path.length ? issue.path.join(".") : "kind";
    const more = result.error.issues.length > 1 ? ` (and ${result.error.issues.length - 1} more)` : "";
    throw new CatalogError(`${field}: ${issue.message}${more}`, field);
  }
  return result.data as PriceCatalog;
}
