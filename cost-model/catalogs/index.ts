/** The built-in catalogs, typed without zod (the tests validate them against the schema). */
import type { LineItemCatalog, PriceCatalog, UnitPriceCatalog } from "../catalog-types";
import apSoutheast1 from "./ap-southeast-1.json";
import seed from "./seed.json";

export const BUILT_IN_CATALOGS: Readonly<Record<string, PriceCatalog>> = {
  "ap-southeast-1": apSoutheast1 as UnitPriceCatalog,
  seed: seed as LineItemCatalog,
};

/** Catalog pricing the egress floor when a scenario's own catalog has no unit prices. */
export const DEFAULT_UNIT_CATALOG = apSoutheast1 as UnitPriceCatalog;
