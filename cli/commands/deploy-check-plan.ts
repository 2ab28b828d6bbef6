/**
 * `ops deploy check-plan --plan <terraform show -json output>`: the last word before `terraform
 * apply`. Refuses (exit 5) a plan that would stop, delete or half-update a channel that is not idle
 * (the provider stops a RUNNING channel to update it and, with start_channel = false, never starts
 * it again), and a plan whose budget limits start in another month than the current one (AWS refuses
 * those). Reads MediaLive only when the plan touches something that reaches a channel. Exit 0 safe,
 * 2 bad input, 3 the channels could not be read, 5 refused.
 */
import { createMediaLiveClient } from "../aws/clients";
import { ExitCode, InfeasibleError, OpsError, RemoteError, UsageError } from "../errors";
import { budgetMonthChecks } from "../plan-check/budget-months";
import { readAffectedChannels, type ChannelReadout } from "../plan-check/channel-states";
import { parsePlanDocument } from "../plan-check/plan-document";
import { buildReport, renderReport } from "../plan-check/report";
import { streamImpacts } from "../plan-check/stream-impact";
import { parseTimestamp } from "../schedule/session";
import { readDocument } from "../support/read-document";
import { print, printJson, type AwsCommandOptions } from "./ops-context";

export interface DeployCheckPlanOptions extends AwsCommandOptions {
  /** File holding `terraform show -json <planfile>`. */
  readonly plan?: string;
  /** Judge against this instant instead of the clock (ISO 8601 with offset). @default now */
  readonly now?: string;
}

/** Bounds on each MediaLive call (ms): the check runs in the Atlantis apply and must not hang there. */
const REQUEST_TIMEOUT_MS = 10_000;
const CONNECTION_TIMEOUT_MS = 5_000;

const NOTHING_READ: ChannelReadout = { channels: [], notes: [], unresolved: [] };

/** Failures of the AWS call itself (after the SDK's retries), as main.ts tells them from bugs. */
function isAwsFailure(err: unknown): err is Error {
  const e = err as { name?: string; $metadata?: unknown } | undefined;
  return !!e && (e.$metadata !== undefined || e.name === "CredentialsProviderError" || e.name === "TokenProviderError" || e.name === "TimeoutError");
}

export async function deployCheckPlan(opts: DeployCheckPlanOptions): Promise<void> {
  if (!opts.plan) throw new UsageError("--plan is required", "terraform show -json plan.tfplan > plan.json && ops deploy check-plan --plan plan.json");
  let nowMs = Date.now();
  if (opts.now !== undefined) {
    const t = parseTimestamp(opts.now, "--now");
    if (typeof t === "string") throw new UsageError(t);
    nowMs = t;
  }
  const plan = parsePlanDocument(await readDocument(opts.plan, "--plan"), `--plan ${opts.plan}`);
  if (opts.region && plan.awsRegion && opts.region !== plan.awsRegion) {
    throw new UsageError(`--region ${opts.region}, but the plan's aws provider deploys to ${plan.awsRegion}`, "drop --region: the check reads the plan's own region");
  }

  const budgets = budgetMonthChecks(plan.changes, nowMs);
  const impacts = streamImpacts(plan.changes);
  let readout = NOTHING_READ;
  let region: string | undefined;
  let awsFailure: string | undefined;
  if (impacts.length) {
    // The plan's region first: the channels live where the provider deploys, whatever AWS_REGION says.
    const medialive = await createMediaLiveClient({
      region: opts.region ?? plan.awsRegion,
      profile: opts.profile,
      maxAttempts: opts.maxAttempts,
      requestTimeoutMs: REQUEST_TIMEOUT_MS,
      connectionTimeoutMs: CONNECTION_TIMEOUT_MS,
    });
    try {
      region = await medialive.config.region();
      readout = await readAffectedChannels(impacts, medialive);
    } catch (err) {
      if (err instanceof OpsError || !isAwsFailure(err)) throw err;
      awsFailure = `${err.name}: ${err.message}`;
    } finally {
      medialive.destroy();
    }
  }

  const report = buildReport({ file: opts.plan, plan, nowMs, region, impacts, readout, budgets, awsFailure });
  if (!opts.json) print(renderReport(report));
  // On failure the report travels in the error: under --json, main prints it with the error.
  if (report.exitCode === ExitCode.Remote) {
    // Missing credentials get main's credentials hint; anything else is most likely a permission.
    const credentials = /^(CredentialsProviderError|TokenProviderError)/.test(awsFailure ?? "");
    const hint = credentials ? undefined : "the profile needs medialive:DescribeChannel, DescribeInput and ListChannels (docs/operations.md §10.4); run the check again";
    throw new RemoteError(`could not read the MediaLive channels this plan reaches (${awsFailure})`, hint, report);
  }
  if (report.exitCode === ExitCode.Infeasible) {
    const refused = report.channels.filter((c) => !c.quiet);
    const stale = report.budgets.filter((b) => !b.ok);
    const what = [
      refused.length ? `it would interrupt channel ${refused.map((c) => `${c.id} (${c.state})`).join(", ")}` : "",
      readout.unresolved.length ? `${readout.unresolved.join(", ")} names no channel` : "",
      awsFailure ? "the channels it reaches could not be read" : "",
      stale.length ? `its budget limits start in ${stale[0]!.firstMonth}, not ${stale[0]!.currentMonth}` : "",
    ].filter(Boolean);
    const hints = [
      refused.length
        ? `wait until the sessions end (the loop stops each channel after its grace), or set "reconcile": {"paused": true}, apply that alone, stop the channels (ops channels stop ${refused.map((c) => c.id).join(" ")} --wait), then plan and apply again`
        : "",
      stale.length ? "plan again (atlantis plan -p <project>): the stack writes the budget from the current month at synth" : "",
    ].filter(Boolean);
    throw new InfeasibleError(`apply refused: ${what.join("; ")}`, hints.join("; ") || undefined, report);
  }
  if (opts.json) printJson(report);
}
