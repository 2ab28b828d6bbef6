/** The apply check's report: one JSON document under --json, lines for people otherwise. */
import { ExitCode } from "../errors";
import type { BudgetMonthCheck } from "./budget-months";
import type { AffectedChannel, ChannelReadout } from "./channel-states";
import type { PlanDocument } from "./plan-document";
import type { StreamImpact } from "./stream-impact";

export interface PlanCheckReport {
  readonly plan: { readonly file: string; readonly terraformVersion?: string; readonly plannedAt?: string };
  /** When the check ran (ISO 8601, UTC). */
  readonly checkedAt: string;
  /** Region whose channels were read; absent when no AWS call was needed. */
  readonly region?: string;
  readonly safeToApply: boolean;
  /** 0 safe; 5 refused; 3 only because the channels could not be read. */
  readonly exitCode: typeof ExitCode.Ok | typeof ExitCode.Remote | typeof ExitCode.Infeasible;
  /** Planned changes that can interrupt a live channel, each with the channels it reaches. */
  readonly impacts: readonly (StreamImpact & { readonly channels: readonly string[] })[];
  readonly channels: readonly AffectedChannel[];
  readonly budgets: readonly BudgetMonthCheck[];
  /** Why the apply is refused, one line each. Empty when it is safe. */
  readonly problems: readonly string[];
  readonly notes: readonly string[];
}

export interface ReportInput {
  readonly file: string;
  readonly plan: PlanDocument;
  readonly nowMs: number;
  readonly region?: string;
  readonly impacts: readonly StreamImpact[];
  readonly readout: ChannelReadout;
  readonly budgets: readonly BudgetMonthCheck[];
  /** Why the channels could not be read (AWS failed after retries), if it did. */
  readonly awsFailure?: string;
}

export function buildReport(input: ReportInput): PlanCheckReport {
  const { readout } = input;
  const problems = [
    ...readout.channels.filter((c) => !c.quiet).map((c) => `channel ${c.id} is ${c.state} and ${c.changes.join(", ")} would reach it: ${c.advice}`),
    ...readout.unresolved.map((a) => `${a}: the plan does not say which channel it is (no id in its prior state); check it by hand`),
    ...input.budgets
      .filter((b) => !b.ok)
      .map((b) => `${b.address}: planned limits start in ${b.firstMonth} but it is ${b.currentMonth} (UTC) now, and AWS Budgets takes them only from the current month: plan again`),
  ];
  // A known refusal stays a refusal (5) even when AWS failed too; AWS failing alone is exit 3.
  const exitCode = problems.length ? ExitCode.Infeasible : input.awsFailure ? ExitCode.Remote : ExitCode.Ok;
  if (input.awsFailure) problems.push(`channels not read: ${input.awsFailure}`);
  const channelsOf = (address: string) => readout.channels.filter((c) => c.changes.includes(address)).map((c) => c.id);
  return {
    plan: { file: input.file, terraformVersion: input.plan.terraformVersion, plannedAt: input.plan.timestamp },
    checkedAt: new Date(input.nowMs).toISOString(),
    ...(input.region ? { region: input.region } : {}),
    safeToApply: problems.length === 0,
    exitCode,
    impacts: input.impacts.map((i) => ({ ...i, channels: channelsOf(i.address) })),
    channels: readout.channels,
    budgets: input.budgets,
    problems,
    notes: [
      ...readout.notes,
      // The check is a reading at one moment: the loop may start an idle channel for a session mid-apply.
      ...(readout.channels.some((c) => c.state === "IDLE")
        ? [`channel ${readout.channels.filter((c) => c.state === "IDLE").map((c) => c.id).join(", ")} is IDLE now, but the reconcile loop starts channels ahead of sessions: apply outside session times or with the loop paused`]
        : []),
    ],
  };
}

/** Lines for a terminal or an Atlantis comment. */
export function renderReport(r: PlanCheckReport): string {
  const lines = [`${r.plan.file}: Terraform ${r.plan.terraformVersion ?? "?"} plan${r.plan.plannedAt ? ` made ${r.plan.plannedAt}` : ""}, checked ${r.checkedAt}`];
  if (!r.impacts.length) lines.push("no planned change reaches a MediaLive channel (channels, inputs, input security groups, MediaPackage channels and endpoints)");
  else {
    lines.push("changes that reach live channels:");
    for (const i of r.impacts) lines.push(`  ${i.address} [${i.actions.join(",")}]: ${i.effect}${i.channels.length ? ` (channel ${i.channels.join(", ")})` : ""}`);
  }
  if (r.channels.length) {
    lines.push(`channels${r.region ? ` in ${r.region}` : ""}:`);
    for (const c of r.channels) lines.push(`  ${c.id}  ${c.state.padEnd(13)} ${c.quiet ? "ok: nothing on air" : `REFUSED: ${c.advice}`}`);
  }
  for (const b of r.budgets) {
    lines.push(`budget ${b.address}: planned limits from ${b.firstMonth}, current month ${b.currentMonth} (UTC): ${b.ok ? "ok" : "REFUSED: plan again"}`);
  }
  for (const n of r.notes) lines.push(`note: ${n}`);
  if (r.safeToApply) lines.push("safe to apply");
  else if (r.exitCode === ExitCode.Remote) lines.push("not safe to apply: the channels this plan reaches could not be read");
  else lines.push(`apply refused: ${r.problems.length} problem(s)`);
  return lines.join("\n");
}
