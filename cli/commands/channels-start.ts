/**
 * `ops channels start|stop <id...>`: idempotent (a channel already there costs no call), bounded
 * waits, 409 answered by reading the state again. Shared by both verbs.
 */
import { createMediaLiveClient } from "../aws/clients";
import { OpsError, TimeoutError, UsageError } from "../errors";
import { ensureChannelState, realClock, type Goal, type LifecycleResult } from "../channels/lifecycle";
import { createProgress } from "../progress";
import { awsOptions, print, printJson, type AwsCommandOptions } from "./ops-context";

export interface ChannelsLifecycleOptions extends AwsCommandOptions {
  readonly ids: string[];
  readonly wait?: boolean;
  /** Seconds. @default 300 */
  readonly timeout?: number;
  readonly dryRun?: boolean;
  /** Seconds between state reads while waiting. @default 5 */
  readonly pollInterval?: number;
}

export async function changeChannels(goal: Goal, opts: ChannelsLifecycleOptions): Promise<void> {
  if (!opts.ids.length) throw new UsageError("name at least one channel id");
  const timeout = opts.timeout ?? 300;
  if (!(timeout > 0 && timeout <= 3600)) throw new UsageError(`--timeout must be 1-3600 seconds, got ${opts.timeout}`);
  const medialive = await createMediaLiveClient(awsOptions(opts));
  const progress = await createProgress({ quiet: opts.json });
  const results: (LifecycleResult & { error?: string })[] = [];
  let failure: OpsError | undefined;
  for (const id of [...new Set(opts.ids)]) {
    try {
      const r = await ensureChannelState(medialive, id, goal, {
        clock: realClock,
        timeoutMs: timeout * 1000,
        pollMs: pollMs(opts.pollInterval, 5),
        wait: opts.wait,
        dryRun: opts.dryRun,
        onState: (s) => progress.update(`${id}: ${s}`),
      });
      results.push(r);
      progress.succeed(`${id}: ${r.action === "none" ? `already ${r.state}` : `${r.action} (${r.state})`}`);
    } catch (err) {
      if (!(err instanceof OpsError)) throw err;
      results.push({ id, action: "none", state: "UNKNOWN", error: err.message });
      progress.fail(`${id}: ${err.message}`);
      // A timeout outranks other failures in the exit code only when nothing worse happened.
      if (!failure || (failure instanceof TimeoutError && !(err instanceof TimeoutError))) failure = err;
    }
  }
  if (opts.json) printJson({ goal, dryRun: !!opts.dryRun, channels: results });
  else if (opts.dryRun) for (const r of results) print(`${r.id}: ${r.action === "none" ? `already ${r.state}, nothing to do` : `${r.action} (now ${r.state})`}`);
  if (failure) throw failure;
}

export async function channelsStart(opts: ChannelsLifecycleOptions): Promise<void> {
  return changeChannels("RUNNING", opts);
}

export function pollMs(seconds: number | undefined, fallback: number): number {
  const s = seconds ?? fallback;
  if (!(s > 0 && s <= 300)) throw new UsageError(`--poll-interval must be within (0, 300] seconds, got ${seconds}`);
  return s * 1000;
}
