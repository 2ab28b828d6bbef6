/**
 * The cost-model scenario of one environment: the default architecture scenario resized to what the
 * environment's config deploys (database class and Multi-AZ, NAT gateways, AZs, task sizes and counts).
 */
import { DEFAULT_SCENARIO, type Scenario, type ServiceAssumptions } from "./scenario-defaults";
import type { EnvironmentConfig, ServiceConfig } from "../config/schema";

function service(base: ServiceAssumptions, s: ServiceConfig): ServiceAssumptions {
  return { ...base, vcpu: s.cpu / 1024, memoryGb: s.memory / 1024, minTasks: s.minTasks, primeTimeMinTasks: s.primeTimeMinTasks, rpsPerTask: s.requestsPerSecondPerTask };
}

export interface LoadAssumption {
  readonly dau: number;
  readonly monthlyGrowth: number;
  readonly months: number;
}

export function environmentScenario(config: EnvironmentConfig, load: LoadAssumption): Scenario {
  const d = DEFAULT_SCENARIO;
  const azs = config.network.azCount;
  return {
    ...d,
    name: `livestream-${config.name}`,
    months: load.months,
    users: { dau: load.dau, monthlyGrowth: load.monthlyGrowth },
    services: {
      ...d.services,
      mentee: service(d.services.mentee, config.services.mentee),
      mentor: service(d.services.mentor, config.services.mentor),
      social: service(d.services.social, config.services.social),
    },
    database: {
      ...d.database,
      instanceClass: config.database.instanceClass,
      multiAz: config.database.multiAz,
      replicas: 1, // the Database construct always runs one read replica (the design's slave node)
      storageGb: config.database.allocatedStorageGb,
    },
    channel: { ...d.channel, class: config.media.channelClass },
    network: { ...d.network, natGateways: config.network.natGateways === "per-az" ? azs : 1, endpointAzs: azs },
  };
}
