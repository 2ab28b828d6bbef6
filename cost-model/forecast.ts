/** Chooses the model a scenario asks for and runs it. */
import type { PriceCatalog, UnitPriceCatalog } from "./catalog-types";
import { architectureProjection } from "./architecture";
import type { Deployment } from "./deployment";
import type { Projection } from "./projection";
import type { Scenario } from "./scenario-defaults";
import { seedReplay } from "./seed-replay";

/**
 * Projects a scenario with a catalog. The seed model needs a line-item catalog; the architecture
 * model a unit-price catalog. `floorCatalog` prices the seed's egress floor; `deployment` is what the
 * architecture model prices (default: the scenario's own deployment fields).
 */
export function forecast(scenario: Scenario, catalog: PriceCatalog, floorCatalog?: UnitPriceCatalog, deployment?: Deployment): Projection {
  if (scenario.model === "seed") {
    if (catalog.kind !== "line-items") throw new TypeError(`the seed model needs a line-item catalog such as 'seed'; '${catalog.name}' holds unit prices`);
    return seedReplay(scenario, catalog, floorCatalog);
  }
  if (catalog.kind !== "unit-prices") throw new TypeError(`the architecture model needs a unit-price catalog such as 'ap-southeast-1'; '${catalog.name}' holds line items`);
  return architectureProjection(scenario, catalog, { deployment });
}
