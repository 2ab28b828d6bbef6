/**
 * `ops capacity plan`: per quarter of the growth model, the task floors per service, the channel pool
 * prime time needs and the database class, with the configuration changes to make before each
 * quarter (the design's quarterly scale factors made actionable). With --environment the starting
 * point is what that environment's stack deploys, and its budget's DAU and growth.
 */
import type { CapacityPlan } from "../../cost-model/capacity";
import { plan, type ForecastOptions } from "./forecast";

export interface CapacityPlanOptions extends Pick<ForecastOptions, "environment" | "synthDir" | "scenario" | "months" | "dau" | "growth" | "start" | "configDir" | "stdout" | "stderr"> {
  /** Print the plan as JSON. */
  readonly json?: boolean;
}

export async function buildCapacityPlan(options: CapacityPlanOptions): Promise<CapacityPlan> {
  const p = await plan({ ...options, format: undefined }, options.stderr ?? process.stderr);
  const { capacityPlan } = require("../../cost-model/capacity") as typeof import("../../cost-model/capacity");
  const { deploymentFromScenario } = require("../../cost-model/deployment") as typeof import("../../cost-model/deployment");
  // With --environment the account's quota is the one the environment declares (media.channelQuota).
  return capacityPlan(p.scenario, p.deployment ?? deploymentFromScenario(p.scenario), { channelQuota: p.environment?.config.media.channelQuota });
}

export function renderCapacityPlan(plan: CapacityPlan): string {
  const { grid } = require("../render/table") as typeof import("../render/table");
  const out: string[] = [`Capacity plan '${plan.scenario}', ${plan.months} months${plan.source.kind === "synth" ? ` (starting from ${plan.source.stack} as synthesized)` : " (starting from the scenario's deployment)"}`, ""];
  out.push(
    grid(
      ["quarter", "peak DAU", "prime RPS", "off-peak RPS", "channels needed", "pool", "database"],
      plan.quarters.map((q) => [q.label, q.peakDau.toLocaleString("en-US"), String(q.primeBackendRps), String(q.offPeakBackendRps), String(q.channels.needed), `${q.channels.planned}${q.channels.quotaIncreaseNeeded ? " (quota!)" : ""}`, q.database.ladderExceeded ? `${q.database.primaryClass} (ladder exceeded!)` : q.database.primaryClass]),
    ),
  );
  out.push("");
  const services = plan.quarters[0]?.services.map((s) => s.name) ?? [];
  out.push(
    grid(
      ["quarter", ...services.flatMap((n) => [`${n} prime`, `${n} off-peak`, `${n} max`]), "design factor"],
      plan.quarters.map((q) => [q.label, ...q.services.flatMap((s) => [String(s.primeTimeMinTasks), String(s.minTasks), String(s.maxTasks)]), String(q.services[0]?.seedFactor ?? "-")]),
    ),
  );
  out.push("", "Configuration changes (config/environments/<env>.json), before each quarter starts:");
  for (const q of plan.quarters) {
    if (q.changes.length === 0) {
      out.push(`${q.label}: none`);
      continue;
    }
    out.push(`${q.label} (months ${q.firstMonth}-${q.lastMonth}, peak ${q.peakDau.toLocaleString("en-US")} DAU):`);
    for (const c of q.changes) out.push(`  ${c.path}: ${c.from} -> ${c.to}  (${c.why})`);
  }
  if (plan.warnings.length) out.push("", "Warnings:", ...plan.warnings.map((w) => `- ${w}`));
  out.push("", "Assumptions:", ...plan.assumptions.map((a) => `- ${a}`));
  return out.join("\n") + "\n";
}

export async function capacityPlanCommand(options: CapacityPlanOptions): Promise<void> {
  const result = await buildCapacityPlan(options);
  for (const w of result.warnings) (options.stderr ?? process.stderr).write(`warning: ${w}\n`);
  (options.stdout ?? process.stdout).write(options.json ? JSON.stringify(result, null, 2) + "\n" : renderCapacityPlan(result));
}
