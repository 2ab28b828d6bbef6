import { join } from "node:path";
import { loadEnvironment } from "../config/load";
import { environmentScenario } from "./environment-scenario";

const configDir = join(__dirname, "..", "config", "environments");
const load = { dau: 1000, monthlyGrowth: 0.1, months: 12 };

test("prices what each environment deploys: one replica always, Multi-AZ and a NAT per AZ in prod", () => {
  const dev = environmentScenario(loadEnvironment("dev", configDir), load);
  const prod = environmentScenario(loadEnvironment("prod", configDir), load);
  expect(dev.database.replicas).toBe(1);
  expect(prod.database.replicas).toBe(1);
  expect(dev.database.multiAz).toBe(false);
  expect(prod.database.multiAz).toBe(true);
  expect(dev.network.natGateways).toBe(1);
  expect(prod.network.natGateways).toBe(3);
  // A single-push mobile encoder feeds one pipeline: prod runs SINGLE_PIPELINE (docs/reliability.md).
  expect(prod.channel.class).toBe("SINGLE_PIPELINE");
});
