/** The cost model: pure functions from a scenario and a price catalog to a projection. */
export * from "./growth";
export * from "./load";
export * from "./scale";
export * from "./money";
export * from "./egress";
export * from "./projection";
export * from "./seed-replay";
export * from "./architecture";
export * from "./forecast";
export * from "./scenario-defaults";
export * from "./deployment";
export * from "./stack-deployment";
export * from "./calendar";
export type * from "./catalog-types";
export { provenanceOf, provenanceLabel } from "./catalog-types";
export { BUILT_IN_CATALOGS, DEFAULT_UNIT_CATALOG } from "./catalogs";
// Validation (loads zod): the CLI imports these lazily, only for files a user hands it.
export { parseScenario, scenarioSchema, ScenarioError, deepMerge } from "./scenario";
export { parseCatalog, catalogSchema, CatalogError } from "./catalog";
