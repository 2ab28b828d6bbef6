/** Which AZs get a NAT gateway (and its Elastic IP), exactly as the Network construct lays them out. */
import type { EnvironmentConfig } from "../../config/schema";
import { resolveAvailabilityZones } from "../../contracts/network";
import { ENVIRONMENT_TAG } from "../../contracts";

export function natGatewayZones(config: EnvironmentConfig): string[] {
  const zones = resolveAvailabilityZones(config.region, config.network.azCount, config.network.availabilityZones);
  return config.network.natGateways === "per-az" ? zones : zones.slice(0, 1);
}

/** True when the tags mark a resource as this environment's own (already deployed by it). */
export function belongsTo(config: EnvironmentConfig, tags: readonly { Key?: string; Value?: string }[] | undefined): boolean {
  return (tags ?? []).some((t) => t.Key === ENVIRONMENT_TAG && t.Value === config.name);
}
