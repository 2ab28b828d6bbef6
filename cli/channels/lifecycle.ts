/**
 * Start and stop one channel safely. MediaLive's start/stop calls carry no idempotency token and
 * answer 409 when the channel is not in a state that accepts them, so every action is decided from
 * a fresh read of the state: act only from IDLE/RUNNING, wait (bounded) through transitional states,
 * and on a 409 read the state again instead of retrying blindly.
 */
import { StartChannelCommand, StopChannelCommand, type MediaLiveClient } from "@aws-sdk/client-medialive";
import { awsErrorInfo } from "../aws/clients";
import { RemoteError, TimeoutError } from "../errors";
import { FAILED_STATES, SETTLED_STATES, describeChannel, remoteError } from "./pool";

/** Time source and sleep, injectable so tests and the simulation run on a fake clock. */
export interface Clock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

export const realClock: Clock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

export type Goal = "RUNNING" | "IDLE";

export interface LifecycleOptions {
  readonly clock: Clock;
  /** Upper bound on waiting through transitional states, in ms. */
  readonly timeoutMs: number;
  /** Poll interval while waiting, in ms. @default 5000 */
  readonly pollMs?: number;
  /** Wait until the goal state is reached, not just until the call is accepted. */
  readonly wait?: boolean;
  /** Decide and report; never call Start/Stop. */
  readonly dryRun?: boolean;
  /** Called on every observed state change, e.g. to drive a spinner. */
  readonly onState?: (state: string) => void;
}

export interface LifecycleResult {
  readonly id: string;
  /** started/stopped: a call was accepted; none: already there; would-*: dry run. */
  readonly action: "started" | "stopped" | "none" | "would-start" | "would-stop";
  readonly state: string;
}

/** Waits until the channel leaves transitional states (or reaches `until`), bounded by the deadline. */
export async function waitForState(
  client: MediaLiveClient,
  id: string,
  options: Pick<LifecycleOptions, "clock" | "pollMs" | "onState">,
  deadline: number,
  until: (state: string) => boolean = (s) => SETTLED_STATES.has(s) || FAILED_STATES.has(s),
): Promise<string> {
  let state = (await describeChannel(client, id)).state;
  options.onState?.(state);
  while (!until(state)) {
    if (options.clock.now() >= deadline) {
      throw new TimeoutError(`channel ${id} still ${state} when the wait ran out`, "run again later, or look at the channel in the console");
    }
    await options.clock.sleep(Math.min(options.pollMs ?? 5000, Math.max(1, deadline - options.clock.now())));
    const next = (await describeChannel(client, id)).state;
    if (next !== state) options.onState?.(next);
    state = next;
  }
  return state;
}

/** Brings a channel to `goal` idempotently: no call when it is already there (or on its way). */
export async function ensureChannelState(client: MediaLiveClient, id: string, goal: Goal, options: LifecycleOptions): Promise<LifecycleResult> {
  const deadline = options.clock.now() + options.timeoutMs;
  const onTheWay = goal === "RUNNING" ? "STARTING" : "STOPPING";
  const from = goal === "RUNNING" ? "IDLE" : "RUNNING";
  let acted = false;
  // A few rounds at most: each 409 means someone else moved the channel; read and decide again.
  for (let round = 0; round < 5; round++) {
    let state = (await describeChannel(client, id)).state;
    options.onState?.(state);
    if (state === onTheWay && !options.wait) return { id, action: acted ? actionOf(goal) : "none", state };
    if (state !== goal && state !== from) {
      if (FAILED_STATES.has(state)) throw new RemoteError(`channel ${id} is ${state}; a start or stop cannot fix it`);
      if (options.dryRun) return { id, action: goal === "RUNNING" ? "would-start" : "would-stop", state };
      state = await waitForState(client, id, options, deadline);
      if (FAILED_STATES.has(state)) throw new RemoteError(`channel ${id} is ${state}; a start or stop cannot fix it`);
    }
    if (state === goal) return { id, action: acted ? actionOf(goal) : "none", state };
    if (options.dryRun) return { id, action: goal === "RUNNING" ? "would-start" : "would-stop", state };
    try {
      await client.send(goal === "RUNNING" ? new StartChannelCommand({ ChannelId: id }) : new StopChannelCommand({ ChannelId: id }));
      acted = true;
    } catch (err) {
      if (awsErrorInfo(err).name === "ConflictException") continue;
      throw remoteError(`MediaLive ${goal === "RUNNING" ? "StartChannel" : "StopChannel"} ${id}`, err);
    }
    if (!options.wait) return { id, action: actionOf(goal), state: onTheWay };
    const final = await waitForState(client, id, options, deadline, (s) => s === goal || FAILED_STATES.has(s) || s === from);
    if (final === goal) return { id, action: actionOf(goal), state: final };
    if (FAILED_STATES.has(final)) throw new RemoteError(`channel ${id} went ${final} instead of ${goal}`);
  }
  throw new RemoteError(`channel ${id} kept changing state under us (five 409 conflicts in a row)`);
}

function actionOf(goal: Goal): "started" | "stopped" {
  return goal === "RUNNING" ? "started" : "stopped";
}
