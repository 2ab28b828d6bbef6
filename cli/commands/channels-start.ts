/**
 * `ops channels start|stop <id...>`: idempotent (a channel already there costs no call), bounded
 * waits, 409 answered by reading the state again. Shared by both verbs.
 *
 * Every id is checked (format, then DescribeChannel) before the first Start/Stop, so a typo in the
 * second id never leaves the first channel running and billed. Only pool channels are acted on:
 * with --pool (or LIVESTREAM_POOL) a channel tagged for another pool is refused, without one a
 * channel with no pool tag is (another workload's channel in the same account); --any-channel lifts it. When some channels were changed and
 * others failed, the exit code is 6 (partial) and the report lists both. Results go to stdout in the
 * same form for real and dry runs; progress goes to stderr.
 */
import { MEDIALIVE_CHANNEL_QUOTA } from "../../contracts/limits";
import type { MediaLiveClient } from "@aws-sdk/client-medialive";
import { createMediaLiveClient } from "../aws/clients";
import { ExitCode, OpsError, PartialError, TimeoutError, UsageError, type ExitCodeValue } from "../errors";
import { ensureChannelState, realClock, type Goal, type LifecycleResult } from "../channels/lifecycle";
import { describeChannel, POOL_TAG, type PoolChannel } from "../channels/pool";
import { createProgress, type Progress } from "../progress";
import { formatDuration, parseDuration } from "../support/duration";
import { mapLimited } from "../support/map-limited";
import { CHANNEL_CHANGE_DEFAULTS } from "./defaults";
import { awsOptions, print, printJson, resolvePool, type AwsCommandOptions } from "./ops-context";

export interface ChannelsLifecycleOptions extends AwsCommandOptions {
  readonly ids: string[];
  /** Only channels of this pool (their livestream:pool tag). @default $LIVESTREAM_POOL, else any channel that carries a pool tag */
  readonly pool?: string;
  /** Act on channels outside the pool too (no livestream:pool tag, or another pool's). @default false */
  readonly anyChannel?: boolean;
  readonly wait?: boolean;
  /** Bound on all waiting, ms. @default CHANNEL_CHANGE_DEFAULTS.timeout */
  readonly timeoutMs?: number;
  readonly dryRun?: boolean;
  /** Time between state reads while waiting, ms. @default CHANNEL_CHANGE_DEFAULTS.pollInterval */
  readonly pollIntervalMs?: number;
}

/** MediaLive channel ids are numeric (e.g. 1234567); names and ARNs are not ids. */
const CHANNEL_ID = /^\d{1,20}$/;
/**
 * Channels changed at once: a default pool (MEDIALIVE_CHANNEL_QUOTA channels a region) in one round;
 * larger pools go in rounds, keeping MediaLive's API request rate modest (the quota caps how many
 * channels exist, not calls).
 */
const CONCURRENCY = MEDIALIVE_CHANNEL_QUOTA;

export interface ChannelOutcome extends LifecycleResult {
  /** Why this channel failed; absent when it reached or was sent toward its goal. */
  readonly error?: string;
  /** The exit code its failure alone would give. */
  readonly exitCode?: ExitCodeValue;
}

export interface ChannelsReport {
  readonly goal: Goal;
  readonly dryRun: boolean;
  readonly channels: ChannelOutcome[];
}

export async function changeChannels(goal: Goal, opts: ChannelsLifecycleOptions): Promise<void> {
  const ids = [...new Set(opts.ids.map((id) => id.trim()))];
  if (!ids.length) throw new UsageError("name at least one channel id");
  const malformed = ids.filter((id) => !CHANNEL_ID.test(id));
  if (malformed.length) {
    throw new UsageError(
      `not a MediaLive channel id: ${malformed.map((id) => `'${id}'`).join(", ")}; nothing was ${goal === "RUNNING" ? "started" : "stopped"}`,
      "channel ids are numbers such as 1234567: `ops channels list --pool <pool>` shows them",
    );
  }
  const timeoutMs = opts.timeoutMs ?? parseDuration(CHANNEL_CHANGE_DEFAULTS.timeout, "--timeout");
  const pollMs = opts.pollIntervalMs ?? parseDuration(CHANNEL_CHANGE_DEFAULTS.pollInterval, "--poll-interval");
  if (!(timeoutMs >= 1000 && timeoutMs <= 3_600_000)) throw new UsageError(`--timeout must be from 1s to 1h, got ${formatDuration(timeoutMs)}`);
  if (!(pollMs > 0 && pollMs <= 300_000)) throw new UsageError(`--poll-interval must be at most 5m, got ${formatDuration(pollMs)}`);

  const pool = opts.pool ?? process.env.LIVESTREAM_POOL;
  if (pool !== undefined) resolvePool(pool); // the tag value's format
  if (opts.anyChannel && opts.pool !== undefined) throw new UsageError("--pool and --any-channel exclude each other: --pool limits the channels acted on, --any-channel lifts the limit");

  const medialive = await createMediaLiveClient(awsOptions(opts));
  const channels = await checkEveryChannelExists(medialive, ids, goal);
  if (!opts.anyChannel) checkPoolMembership(channels, pool, goal);

  const progress = await createProgress({ quiet: opts.json });
  const deadline = Date.now() + timeoutMs;
  const outcomes = await mapLimited(ids, CONCURRENCY, (id) => changeOne(medialive, id, goal, opts, deadline, pollMs, progress));
  const report: ChannelsReport = { goal, dryRun: !!opts.dryRun, channels: outcomes };
  const failed = outcomes.filter((o) => o.error !== undefined);
  if (!failed.length) {
    if (opts.json) printJson(report);
    else printHuman(report);
    return;
  }
  if (!opts.json) printHuman(report);
  throw failureOf(report, failed);
}

/** DescribeChannel for every id before anything changes; unknown ids stop the command (exit 2). */
async function checkEveryChannelExists(medialive: MediaLiveClient, ids: string[], goal: Goal): Promise<PoolChannel[]> {
  const unknown: string[] = [];
  const found = await mapLimited(ids, CONCURRENCY, async (id) => {
    try {
      return await describeChannel(medialive, id);
    } catch (err) {
      if (err instanceof UsageError) unknown.push(id);
      else throw err;
      return undefined;
    }
  });
  if (unknown.length) {
    const verb = goal === "RUNNING" ? "started" : "stopped";
    throw new UsageError(
      `no MediaLive channel ${unknown.sort().map((id) => `'${id}'`).join(", ")} in ${await medialive.config.region()}; nothing was ${verb}`,
      "`ops channels list --pool <pool>` shows the pool's channel ids (and --region / --profile pick the account and region)",
      { goal, dryRun: false, channels: [], unknownIds: unknown },
    );
  }
  return found.filter((c): c is NonNullable<typeof c> => c !== undefined);
}

/**
 * Refuses channels outside the pool before anything changes (exit 2): another pool's channels when a
 * pool is given, channels without a pool tag when none is (another workload in the same account).
 */
function checkPoolMembership(channels: readonly PoolChannel[], pool: string | undefined, goal: Goal): void {
  const outside = channels
    .filter((c) => (pool === undefined ? !c.tags[POOL_TAG] : c.tags[POOL_TAG] !== pool))
    .map((c) => ({ id: c.id, pool: c.tags[POOL_TAG] ?? null }));
  if (!outside.length) return;
  const verb = goal === "RUNNING" ? "started" : "stopped";
  const what = outside.map((c) => `${c.id} (${c.pool === null ? `no ${POOL_TAG} tag` : `${POOL_TAG}=${c.pool}`})`).join(", ");
  throw new UsageError(
    pool === undefined ? `not a pool channel: ${what}; nothing was ${verb}` : `not in pool '${pool}': ${what}; nothing was ${verb}`,
    `pool channels carry the ${POOL_TAG} tag (\`ops channels list --pool <pool>\`); pass --any-channel to act on a channel outside the pool on purpose`,
    { goal, dryRun: false, channels: [], outsidePool: outside },
  );
}

async function changeOne(
  medialive: MediaLiveClient,
  id: string,
  goal: Goal,
  opts: ChannelsLifecycleOptions,
  deadline: number,
  pollMs: number,
  progress: Progress,
): Promise<ChannelOutcome> {
  try {
    const result = await ensureChannelState(medialive, id, goal, {
      clock: realClock,
      timeoutMs: Math.max(1, deadline - Date.now()),
      pollMs,
      wait: opts.wait,
      dryRun: opts.dryRun,
      onState: (s) => progress.update(`${id}: ${s}`),
    });
    progress.succeed(`${id}: ${summarize(result)}`);
    return result;
  } catch (err) {
    if (!(err instanceof OpsError)) throw err;
    progress.fail(`${id}: ${err.message}`);
    // action "started"/"stopped" is not known here: ensureChannelState threw. A timeout after a
    // Start means the call was accepted; report the channel's last action as unknown ("none").
    return { id, action: "none", state: "UNKNOWN", error: err.message, exitCode: err.exitCode };
  }
}

function summarize(r: LifecycleResult): string {
  switch (r.action) {
    case "none":
      return `already ${r.state}, nothing to do`;
    case "would-start":
      return `would start (now ${r.state})`;
    case "would-stop":
      return `would stop (now ${r.state})`;
    default:
      return `${r.action} (now ${r.state})`;
  }
}

function printHuman(report: ChannelsReport): void {
  for (const c of report.channels) print(`${c.id}: ${c.error !== undefined ? `FAILED: ${c.error}` : summarize(c)}`);
  const count = (pred: (c: ChannelOutcome) => boolean) => report.channels.filter(pred).length;
  const changed = count((c) => c.error === undefined && c.action !== "none");
  const unchanged = count((c) => c.error === undefined && c.action === "none");
  const failed = count((c) => c.error !== undefined);
  const verb = report.dryRun ? (report.goal === "RUNNING" ? "would start" : "would stop") : report.goal === "RUNNING" ? "started" : "stopped";
  print(`${report.dryRun ? "[dry run] " : ""}${verb} ${changed}, already ${report.goal} ${unchanged}, failed ${failed}`);
}

/** The error the command ends with: partial when something changed, else the worst failure. */
function failureOf(report: ChannelsReport, failed: ChannelOutcome[]): OpsError {
  const changed = report.channels.filter((c) => c.error === undefined && (c.action === "started" || c.action === "stopped"));
  const list = failed.map((c) => `${c.id}: ${c.error}`).join("; ");
  if (changed.length && !report.dryRun) {
    return new PartialError(
      `${changed.length} channel(s) ${report.goal === "RUNNING" ? "started" : "stopped"} (${changed.map((c) => c.id).join(", ")}) but ${failed.length} failed: ${list}`,
      report.goal === "RUNNING"
        ? "the started channels are billed while they run: fix the failed ones and run again (idempotent), or stop the started ones"
        : "run again once the failed channels have settled (idempotent)",
      report,
    );
  }
  // A timeout ranks below AWS failures and failed states: it may still come right by itself.
  const worst = failed.find((c) => c.exitCode !== ExitCode.Timeout) ?? failed[0]!;
  const message = failed.length === 1 ? `${worst.id}: ${worst.error}` : `${failed.length} channel(s) failed: ${list}`;
  if (worst.exitCode === ExitCode.Timeout) return new TimeoutError(message, "run again later, or look at the channel in the console", report);
  return new OpsError(message, worst.exitCode ?? ExitCode.Remote, undefined, report);
}

export async function channelsStart(opts: ChannelsLifecycleOptions): Promise<void> {
  return changeChannels("RUNNING", opts);
}
