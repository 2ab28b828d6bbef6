/**
 * act: the calls decide asked for, a bounded number at a time. A start is always: a fresh stream
 * key on the channel's input (UpdateInput, allowed only while the channel is idle), the run's
 * ingest URLs written to its sessions' rows, then StartChannel; if the key or the write fails the
 * channel is not started (a started channel with a key nobody knows would lock the mentor out).
 * MediaLive's start and stop carry no idempotency token and a 409 is not retried by the SDK: on a
 * 409 the pass reads the state again and leaves the channel to the next pass.
 */
import { StartChannelCommand, StopChannelCommand } from "@aws-sdk/client-medialive";
import { awsErrorInfo } from "../../aws/clients";
import { describeChannel } from "../../channels/pool";
import { mapLimited } from "../../support/map-limited";
import { currentIngestUrls, IngestKeyError, rekeyInput } from "../ingest-key";
import type { WriteFailure } from "../store";
import { addError, applyToView, channelReport, passTime, queueChannel, sessionReport, type ChannelDecision, type ChannelView, type PassContext, type PassStep } from "./context";

export const actStep: PassStep = {
  name: "act",
  async run(ctx: PassContext): Promise<void> {
    const work = ctx.decisions.filter((d) => d.action !== "none" || d.shareKeySessionIds.length);
    await mapLimited(work, ctx.settings.concurrency, async (d) => {
      const c = ctx.channels.find((x) => x.id === d.channelId)!;
      try {
        if (d.action === "start") await start(ctx, c, d);
        else if (d.action === "stop") await stop(ctx, c);
        else await shareKey(ctx, c, d);
      } catch (err) {
        addError(ctx, { kind: "remote", channelId: c.id, message: `channel ${c.id}: ${(err as Error).message}` });
      }
    });
  },
};

async function start(ctx: PassContext, c: ChannelView, d: ChannelDecision): Promise<void> {
  const report = channelReport(ctx, c.id)!;
  // The write failure is already reported on the session; the channel waits for the next pass.
  const blocked = d.runSessionIds.filter((id) => ctx.unwritten.has(id));
  if (blocked.length) {
    ctx.report.notes.push(`channel ${c.id} not started: the assignment of session(s) ${blocked.join(", ")} could not be written`);
    return;
  }
  const rekeyIds = d.rekeySessionIds.filter((id) => !ctx.gone.has(id));
  if (d.runSessionIds.length && d.runSessionIds.every((id) => ctx.gone.has(id))) {
    ctx.report.notes.push(`channel ${c.id} not started: session(s) ${d.runSessionIds.join(", ")} were cancelled meanwhile`);
    return;
  }
  if (rekeyIds.length) {
    const inputId = c.channel.inputIds[0];
    if (!inputId) {
      addError(ctx, { kind: "channel", channelId: c.id, message: `channel ${c.id} has no input attached: no stream key can be set, so it is not started` });
      return;
    }
    if (ctx.settings.dryRun) report.actions.push("would-rekey");
    else if (!(await rekey(ctx, c, inputId, rekeyIds))) return;
  }
  if (ctx.settings.dryRun) {
    report.actions.push("would-start");
    return;
  }
  ctx.progress(`StartChannel ${c.id}`);
  if (await call(ctx, c, "start")) {
    report.actions.push("start");
    c.state = report.state = "STARTING";
    queueChannel(ctx, c.id, { transition: "start", transitionStartedAt: passTime(ctx), lastState: "STARTING" });
  }
}

/** UpdateInput with a fresh key, then the URLs on the sessions' rows; true when both happened. */
async function rekey(ctx: PassContext, c: ChannelView, inputId: string, sessionIds: readonly string[]): Promise<boolean> {
  ctx.progress(`UpdateInput ${inputId} (fresh stream key for channel ${c.id})`);
  let urls: string[];
  try {
    urls = await ctx.deadline.race(`MediaLive UpdateInput ${inputId}`, rekeyInput(ctx.aws.medialive, inputId, ctx.deadline.signal));
  } catch (err) {
    if (err instanceof IngestKeyError && err.conflict) {
      c.state = (await describeChannel(ctx.aws.medialive, c.id, ctx.deadline.signal)).state;
      ctx.report.notes.push(`channel ${c.id} was ${c.state}, not IDLE, when its input was to get a fresh key: the next pass decides again`);
      return false;
    }
    throw err;
  }
  ctx.report.mutatingCalls++;
  const at = passTime(ctx);
  const updates = sessionIds.map((id) => ({ id, set: { ingestUrls: urls, ingestKeySetAt: at } }));
  let failures: WriteFailure[];
  try {
    failures = await ctx.deadline.race("writing ingest URLs", ctx.store.updateSessions(updates, at));
  } catch (err) {
    failures = sessionIds.map((id) => ({ id, message: (err as Error).message }));
  }
  const lost = failures.filter((f) => !f.gone);
  for (const f of lost) addError(ctx, { kind: "store", sessionId: f.id, channelId: c.id, message: `channel ${c.id} not started: ingest URLs of session ${f.id} not written: ${f.message}` });
  if (lost.length) return false;
  if (failures.length === sessionIds.length) {
    ctx.report.notes.push(`channel ${c.id} not started: session(s) ${sessionIds.join(", ")} were cancelled meanwhile`);
    return false;
  }
  for (const id of sessionIds.filter((x) => !failures.some((f) => f.id === x))) {
    applyToView(ctx, id, { ingestKeySetAt: at });
    sessionReport(ctx, id).changes.push(`stream key set on ${c.id}`);
  }
  channelReport(ctx, c.id)!.actions.push("rekey");
  return true;
}

async function stop(ctx: PassContext, c: ChannelView): Promise<void> {
  const report = channelReport(ctx, c.id)!;
  if (ctx.settings.dryRun) {
    report.actions.push("would-stop");
    return;
  }
  ctx.progress(`StopChannel ${c.id}`);
  if (await call(ctx, c, "stop")) {
    report.actions.push("stop");
    c.state = report.state = "STOPPING";
    queueChannel(ctx, c.id, { transition: "stop", transitionStartedAt: passTime(ctx), lastState: "STOPPING" });
  }
}

/** StartChannel or StopChannel; on a 409 re-reads the state and leaves it to the next pass. */
async function call(ctx: PassContext, c: ChannelView, verb: "start" | "stop"): Promise<boolean> {
  const command = verb === "start" ? new StartChannelCommand({ ChannelId: c.id }) : new StopChannelCommand({ ChannelId: c.id });
  const name = verb === "start" ? "StartChannel" : "StopChannel";
  try {
    await ctx.deadline.race(`MediaLive ${name} ${c.id}`, ctx.aws.medialive.send(command, { abortSignal: ctx.deadline.signal }));
    ctx.report.mutatingCalls++;
    return true;
  } catch (err) {
    const info = awsErrorInfo(err);
    if (info.name !== "ConflictException") throw new Error(`${name} failed: ${info.name}${info.status ? ` (HTTP ${info.status})` : ""}: ${info.message}`);
    c.state = (await describeChannel(ctx.aws.medialive, c.id, ctx.deadline.signal)).state;
    ctx.report.notes.push(`channel ${c.id}: ${name} answered 409, the channel is ${c.state}; the next pass decides again`);
    return false;
  }
}

async function shareKey(ctx: PassContext, c: ChannelView, d: ChannelDecision): Promise<void> {
  const inputId = c.channel.inputIds[0];
  if (!inputId) return;
  if (ctx.settings.dryRun) {
    ctx.report.notes.push(`dry run: session(s) ${d.shareKeySessionIds.join(", ")} would get the ingest URLs channel ${c.id} runs with`);
    return;
  }
  const urls = await ctx.deadline.race(`MediaLive DescribeInput ${inputId}`, currentIngestUrls(ctx.aws.medialive, inputId, ctx.deadline.signal));
  const at = passTime(ctx);
  const failures = await ctx.deadline.race(
    "writing ingest URLs",
    ctx.store.updateSessions(d.shareKeySessionIds.map((id) => ({ id, set: { ingestUrls: urls, ingestKeySetAt: at } })), at),
  );
  for (const f of failures.filter((x) => !x.gone)) addError(ctx, { kind: "store", sessionId: f.id, message: f.message });
  for (const id of d.shareKeySessionIds.filter((x) => !failures.some((f) => f.id === x))) {
    applyToView(ctx, id, { ingestKeySetAt: at });
    sessionReport(ctx, id).changes.push(`shares the stream key channel ${c.id} runs with`);
  }
  channelReport(ctx, c.id)!.actions.push("share-key");
}
