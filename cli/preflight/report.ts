/** The preflight report: one line per check for people, one JSON document for machines. */
import type { EnvironmentConfig } from "../../config/schema";
import { ExitCode, type ExitCodeValue } from "../errors";
import type { CheckResult, CheckStatus } from "./types";

export interface PreflightReport {
  readonly environment: string;
  readonly accountId: string;
  readonly region: string;
  /** True when no check failed and every check ran (warnings allowed). */
  readonly ready: boolean;
  /** What the command exits with: 0 ready, 5 a check failed, 3 a check could not run. */
  readonly exitCode: ExitCodeValue;
  readonly counts: Record<CheckStatus, number>;
  readonly checks: readonly CheckResult[];
}

export function buildReport(config: EnvironmentConfig, checks: readonly CheckResult[]): PreflightReport {
  const counts: Record<CheckStatus, number> = { pass: 0, warn: 0, fail: 0, error: 0 };
  for (const c of checks) counts[c.status]++;
  // A failed check is about the account or the configuration, not an outage: it outranks errors.
  const exitCode = counts.fail ? ExitCode.Infeasible : counts.error ? ExitCode.Remote : ExitCode.Ok;
  return { environment: config.name, accountId: config.accountId, region: config.region, ready: exitCode === ExitCode.Ok, exitCode, counts, checks };
}

export function renderReport(report: PreflightReport): string {
  const width = Math.max(...report.checks.map((c) => c.id.length));
  const lines = report.checks.map((c) => `${c.status.toUpperCase().padEnd(5)}  ${c.id.padEnd(width)}  ${c.summary}${c.fix && c.status !== "pass" ? ` -- fix: ${c.fix}` : ""}`);
  const { pass, warn, fail, error } = report.counts;
  return [
    `preflight of environment '${report.environment}' (account ${report.accountId}, ${report.region})`,
    ...lines,
    `${report.checks.length} checks: ${pass} pass, ${warn} warn, ${fail} fail, ${error} could not run${report.ready ? " -- ready to apply" : ""}`,
  ].join("\n");
}
