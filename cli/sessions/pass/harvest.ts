/**
 * harvest: one recording per ended session, cut from the channel the session actually ran on (its
 * stored channel, which never changes once on air). Jobs are followed by their stored id
 * (DescribeHarvestJob) until they succeed; a FAILED job is reported and retried under a new id while
 * the endpoint's startover window still holds the session; after MAX attempts the session is
 * recording_failed with the reason, and past the window record gives it up (startover.ts). The
 * recording indexer marks it `recorded` once the manifest lands.
 */
import { MEDIAPACKAGE_CONCURRENT_HARVEST_JOBS, ORIGIN_ENDPOINT_TAG } from "../../../contracts";
import { describeChannel } from "../../channels/pool";
import { mapLimited } from "../../support/map-limited";
import { createHarvestJob, describeHarvestJob, harvestJobId, HarvestRejected, MAX_HARVEST_ATTEMPTS, originEndpointOf, type HarvestTarget } from "../harvest";
import { harvestable, recordingLossRule } from "../startover";
import type { StoredSession } from "../store";
import { addError, passTime, queueSession, sessionReport, type HarvestReport, type PassContext, type PassStep } from "./context";
import { reserveMs } from "./wait";

export const harvestStep: PassStep = {
  name: "harvest",
  async run(ctx: PassContext): Promise<void> {
    const now = passTime(ctx);
    const { settings } = ctx;
    // Only where recordings are harvested and remembered can one be lost: record gives up the
    // sessions whose start left the startover window with no job running or done (startover.ts).
    if (settings.harvest && ctx.store.remembers) ctx.pending.recordingLoss = recordingLossRule(now, settings.startoverWindowMs, settings.graceMs);
    const ended = ctx.sessions.filter((s) => s.status === "ended" && now >= s.endsAt + settings.graceMs && s.harvestStatus !== "SUCCEEDED");
    for (const s of ended.filter((x) => !x.channelId)) {
      queueSession(ctx, s.id, { status: "recording_failed", lastError: "it never had a channel, so there is nothing to harvest" });
      sessionReport(ctx, s.id).changes.push("recording_failed (never had a channel)");
    }
    const ready = ended.filter((s) => s.channelId);
    if (!ready.length) return;
    if (!settings.harvest) {
      ctx.report.notes.push(`${ready.length} ended session(s) not harvested: no recording bucket and harvest role given (--recording-bucket, --harvest-role-arn)`);
      return;
    }
    const target = settings.harvest;
    const endpoints = new Map<string, Promise<string | undefined>>();
    const endpointOf = (channelId: string) => {
      let p = endpoints.get(channelId);
      if (!p) endpoints.set(channelId, (p = findEndpoint(ctx, channelId)));
      return p;
    };
    // MediaPackage runs at most MEDIAPACKAGE_CONCURRENT_HARVEST_JOBS jobs at once: new jobs wait for a
    // later pass rather than spend attempts on refusals. Running jobs are followed first, so the
    // slots their ending frees go to new jobs in the same pass.
    const running = (s: StoredSession) => !!s.harvestJobId && s.harvestStatus === "IN_PROGRESS";
    let freeSlots = MEDIAPACKAGE_CONCURRENT_HARVEST_JOBS - ready.filter(running).length;
    const slots: HarvestSlots = {
      take: () => freeSlots > 0 && freeSlots-- > 0,
      release: () => {
        freeSlots++;
      },
    };
    for (const batch of [ready.filter(running), ready.filter((s) => !running(s))]) {
      await mapLimited(batch, settings.concurrency, async (s) => {
        try {
          await harvestSession(ctx, s, target, endpointOf, slots);
        } catch (err) {
          addError(ctx, { kind: "remote", sessionId: s.id, channelId: s.channelId, message: `harvest of session ${s.id}: ${(err as Error).message}` });
        }
      });
    }
  },
};

async function findEndpoint(ctx: PassContext, channelId: string): Promise<string | undefined> {
  const tagged = ctx.channels.find((c) => c.id === channelId)?.channel.tags[ORIGIN_ENDPOINT_TAG];
  if (tagged) return tagged;
  const details = await describeChannel(ctx.aws.medialive, channelId, ctx.deadline.signal);
  const mpChannel = details.mediaPackageChannelIds[0];
  if (!mpChannel) throw new Error(`channel ${channelId} has no MediaPackage destination`);
  return originEndpointOf(ctx.aws.mediapackage, mpChannel, ctx.deadline.signal);
}

/** MediaPackage's concurrent harvest jobs left to this pass. */
interface HarvestSlots {
  take(): boolean;
  release(): void;
}

async function harvestSession(
  ctx: PassContext,
  s: StoredSession,
  target: HarvestTarget,
  endpointOf: (channelId: string) => Promise<string | undefined>,
  slots: HarvestSlots,
): Promise<void> {
  const { settings, deadline } = ctx;
  const channelId = s.channelId!;
  const report = (jobId: string, attempt: number, status: HarvestReport["status"], error?: string) => {
    const r: HarvestReport = { sessionId: s.id, channelId, jobId, attempt, status, ...(error ? { error } : {}) };
    ctx.report.harvests.push(r);
    return r;
  };
  const giveUp = (reason: string, jobId: string, attempt: number) => {
    queueSession(ctx, s.id, { status: "recording_failed", lastError: reason });
    sessionReport(ctx, s.id).changes.push("recording_failed");
    report(jobId, attempt, "gave-up", reason);
    addError(ctx, { kind: "harvest", sessionId: s.id, channelId, message: `session ${s.id}: recording_failed: ${reason}` });
  };

  // The latest attempt: follow it while it runs.
  let attempt = s.harvestAttempts;
  if (s.harvestJobId && s.harvestStatus !== "FAILED") {
    const status = await describeHarvestJob(ctx.aws.mediapackage, s.harvestJobId, deadline.signal);
    if (status !== "IN_PROGRESS" && s.harvestStatus === "IN_PROGRESS") slots.release(); // it held a slot until now
    if (status === "IN_PROGRESS" || status === "SUCCEEDED") {
      if (status !== s.harvestStatus) queueSession(ctx, s.id, { harvestStatus: status, ...(status === "SUCCEEDED" ? { lastError: null } : {}) });
      report(s.harvestJobId, attempt, status === "SUCCEEDED" ? "succeeded" : "in-progress");
      return;
    }
    if (status === "FAILED") {
      queueSession(ctx, s.id, { harvestStatus: "FAILED", lastError: `harvest job ${s.harvestJobId} FAILED` });
      report(s.harvestJobId, attempt, "failed");
      addError(ctx, { kind: "harvest", sessionId: s.id, channelId, message: `session ${s.id}: harvest job ${s.harvestJobId} FAILED; retrying under a new id` });
    } else {
      attempt = Math.max(0, attempt - 1); // MediaPackage does not know the id: create it again
    }
  }

  // A new attempt (or the first), skipping ids that already exist and failed; none once the session's
  // start has left the startover window: record gives it up.
  if (!harvestable(s, passTime(ctx), settings.startoverWindowMs)) {
    // A job MediaPackage no longer knows is not running: count it failed, so record gives the session up.
    if (s.harvestJobId && s.harvestStatus === "IN_PROGRESS") queueSession(ctx, s.id, { harvestStatus: "FAILED" });
    return;
  }
  let lastReason = s.lastError ?? "harvest jobs failed";
  for (;;) {
    attempt++;
    const jobId = harvestJobId(s.id, attempt);
    if (attempt > MAX_HARVEST_ATTEMPTS) return giveUp(`${MAX_HARVEST_ATTEMPTS} harvest attempts failed (last: ${lastReason})`, jobId, attempt - 1);
    if (deadline.remaining() < reserveMs(settings.deadlineMs) / 2) {
      ctx.report.notes.push(`session ${s.id}: harvest left to the next pass (the pass is near its deadline)`);
      return;
    }
    if (!slots.take()) {
      ctx.report.notes.push(`session ${s.id}: harvest left to the next pass (${MEDIAPACKAGE_CONCURRENT_HARVEST_JOBS} harvest jobs already running, MediaPackage's quota)`);
      return;
    }
    const endpoint = await endpointOf(channelId);
    if (!endpoint) throw new Error(`the MediaPackage channel of ${channelId} has no origin endpoint to harvest from`);
    if (settings.dryRun) {
      report(jobId, attempt, "would-create");
      return;
    }
    let outcome: "created" | "exists";
    try {
      outcome = await deadline.race(
        `MediaPackage CreateHarvestJob ${jobId}`,
        createHarvestJob(ctx.aws.mediapackage, { jobId, sessionId: s.id, originEndpointId: endpoint, startsAt: harvestStart(s, attempt), endsAt: s.endsAt, target }, deadline.signal),
      );
    } catch (err) {
      if (!(err instanceof HarvestRejected)) throw err;
      // Refused outright: the attempt is spent, so a refusal that repeats ends in recording_failed.
      queueSession(ctx, s.id, { harvestAttempts: attempt, lastError: err.message });
      report(jobId, attempt, "error", err.message);
      addError(ctx, { kind: "harvest", sessionId: s.id, channelId, message: `session ${s.id}: ${err.message}` });
      return;
    }
    const status = outcome === "created" ? "IN_PROGRESS" : await describeHarvestJob(ctx.aws.mediapackage, jobId, deadline.signal);
    if (outcome === "created") ctx.report.mutatingCalls++;
    queueSession(ctx, s.id, { harvestJobId: jobId, harvestAttempts: attempt, harvestRequestedAt: passTime(ctx), harvestStatus: status ?? "IN_PROGRESS" });
    if (status === "FAILED") {
      lastReason = `harvest job ${jobId} FAILED`;
      continue;
    }
    report(jobId, attempt, outcome === "created" ? "created" : status === "SUCCEEDED" ? "succeeded" : "in-progress");
    sessionReport(ctx, s.id).changes.push(outcome === "created" ? `harvest job ${jobId} created` : `harvest job ${jobId} found`);
    return;
  }
}

/**
 * Where a harvest attempt starts. MediaPackage requires the window to start no earlier than the
 * encoder started (MediaPackage User Guide, "Live-to-VOD requirements"). The channel normally runs
 * from `starts_at - lead`, so the first attempt takes the whole session; when that failed and the
 * session was first seen on air later than it was due (a late or restarted channel), the retries
 * start from then instead of failing the same way until the session is recording_failed.
 */
export function harvestStart(s: { startsAt: number; liveAt?: number }, attempt: number): number {
  return attempt > 1 && s.liveAt !== undefined && s.liveAt > s.startsAt ? s.liveAt : s.startsAt;
}
