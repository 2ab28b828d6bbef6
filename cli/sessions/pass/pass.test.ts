/**
 * Reconcile passes through the real SDK against the fake MediaLive/MediaPackage/CloudWatch servers
 * and a real PostgreSQL, on a fake clock (channels take 90 s to start, 30 s to stop): failover,
 * blast radius of one row, one pass at a time, bounded passes, harvest retries and look-back,
 * per-session stream keys, progress versus failure.
 */
import { Client } from "pg";
import { ExitCode } from "../../errors";
import { failureOf } from "../../commands/sessions-reconcile";
import { startPostgres, type PostgresServer } from "../../../test/support/postgres";
import { HARVEST, MIN, POOL, startHarness, T0, type Harness } from "../../../test/support/pass-harness";
import { S3Fake } from "../../../test/fakes/s3-server";
import { createS3Client } from "../../aws/clients";
import type { PassStep } from "./context";
import { PASS_STEPS } from "./steps";

let pg: PostgresServer;
let h: Harness;

beforeAll(async () => {
  pg = await startPostgres();
});
afterAll(async () => {
  await pg?.stop();
});
afterEach(async () => {
  await h?.close();
});

const at = (minute: number) => {
  h.aws.clock.t = T0 + minute * MIN;
};
const channelRow = async (id: string) => (await h.sql.query("SELECT * FROM pool_channels WHERE pool = $1 AND channel_id = $2", [POOL, id])).rows[0];
const exitOf = (r: Parameters<typeof failureOf>[0]) => failureOf(r)?.exitCode ?? ExitCode.Ok;
const metric = (name: string) => h.aws.cloudwatch.put.filter((d) => d.metricName === name).at(-1)?.value;

describe("failover", () => {
  test("a failed channel's future sessions move to a healthy spare; the session on air stays; the failover metrics say so", async () => {
    h = await startHarness(pg);
    at(0);
    await h.addSession("onair", 5, 120);
    await h.addSession("later", 45, 100);
    await h.pass();
    at(6);
    await h.pass();
    const onairChannel = (await h.row("onair")).channel_id;
    expect((await h.row("onair")).status).toBe("live");
    at(20);
    await h.pass(); // "later" enters the 1 h horizon at once; its run begins at 35
    const laterChannel = (await h.row("later")).channel_id as string;
    expect(laterChannel).not.toBe(onairChannel);

    h.aws.medialive.setState(laterChannel, "UPDATE_FAILED");
    at(21);
    const r = await h.pass();
    const moved = await h.row("later");
    expect(moved.channel_id).not.toBe(laterChannel);
    expect(moved.channel_id).not.toBe(onairChannel);
    expect(moved.last_error).toMatch(new RegExp(`moved from channel ${laterChannel}: channel ${laterChannel} is unhealthy \\(channel is UPDATE_FAILED\\)`));
    expect((await h.row("onair")).channel_id).toBe(onairChannel);
    expect(await channelRow(laterChannel)).toEqual(expect.objectContaining({ healthy: false, unhealthy_reason: "channel is UPDATE_FAILED" }));
    // A failed channel nobody needs now is a fact, not a pass error.
    expect(r.errors).toEqual([]);
    expect([metric("HealthyChannels"), metric("ChannelsNeededNextHour"), metric("ChannelShortfallNextHour")]).toEqual([2, 2, 0]);

    // Losing a second channel leaves one healthy for two sessions in the next hour: the alarm's metric.
    h.aws.medialive.setState(moved.channel_id, "CREATE_FAILED");
    at(22);
    const worse = await h.pass();
    expect([metric("HealthyChannels"), metric("ChannelShortfallNextHour")]).toEqual([1, 1]);
    expect((await h.row("later")).status).toBe("no_channel");
    expect(exitOf(worse)).toBe(ExitCode.Partial);
  });

  test("a channel that fails to start twice is marked unhealthy and its session moves before it goes on air", async () => {
    h = await startHarness(pg, { channels: ["1111111", "2222222"] });
    await h.addSession("s", 15, 60, { channelId: "1111111" });
    h.aws.medialive.failStarts("1111111", 5);
    for (let t = 5; t <= 12; t++) {
      at(t);
      await h.pass();
    }
    // start at 5, back to IDLE at 6.5; start again at 7, back at 8.5: two failures
    expect(h.aws.medialive.accepted("StartChannel").filter((c) => c.target === "1111111")).toHaveLength(2);
    expect(await channelRow("1111111")).toEqual(expect.objectContaining({ healthy: false, start_failures: 2, unhealthy_reason: "2 starts in a row did not reach RUNNING" }));
    const row = await h.row("s");
    expect(row.channel_id).toBe("2222222");
    expect(h.aws.medialive.state("2222222")).toBe("RUNNING");
    at(15);
    await h.pass();
    expect((await h.row("s")).status).toBe("live");
  });
});

describe("blast radius of one row", () => {
  test("a row naming a channel outside the pool is reported on that session; the rest of the pass proceeds; exit partial", async () => {
    h = await startHarness(pg);
    await h.addSession("ghost", 5, 60, { channelId: "7777777" });
    await h.addSession("fine", 5, 60);
    await h.addSession("pinned", 5, 60, { channelId: "3333333" });
    at(0);
    const r = await h.pass();
    expect(r.errors).toEqual([expect.objectContaining({ kind: "session", sessionId: "ghost", message: expect.stringMatching(/asks for channel '7777777', which is not in pool 'dev'/) })]);
    expect(await h.row("ghost")).toEqual(expect.objectContaining({ status: "no_channel", channel_id: "7777777", last_error: expect.stringMatching(/7777777/) }));
    expect(h.aws.medialive.accepted("StartChannel").map((c) => c.target).sort()).toEqual([(await h.row("fine")).channel_id, "3333333"].sort());
    expect((await h.row("pinned")).channel_assigned_at).not.toBeNull();
    expect(exitOf(r)).toBe(ExitCode.Partial);
    expect(metric("Errors")).toBe(1);
    // Fixed by an operator (another channel pinned): picked up by the next pass.
    const free = ["1111111", "2222222"].find((id) => id !== "3333333" && h.aws.medialive.state(id) === "IDLE")!;
    await h.sql.query("UPDATE live_sessions SET channel_id = $1 WHERE id = 'ghost'", [free]);
    at(1);
    const fixed = await h.pass();
    expect(fixed.errors).toEqual([]);
    expect(await h.row("ghost")).toEqual(expect.objectContaining({ status: "scheduled", channel_id: free, last_error: null }));
  });
});

describe("one pass at a time", () => {
  test("two passes at once: one acts, the other says another pass holds the lock and does nothing", async () => {
    h = await startHarness(pg);
    await h.addSession("a", 5, 60);
    await h.addSession("b", 5, 60);
    at(0);
    // The first pass holds the lock while the second one runs whole (no race on who connects first).
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let locked!: () => void;
    const hasLock = new Promise<void>((resolve) => (locked = resolve));
    const hold: PassStep = {
      name: "hold",
      async run() {
        locked();
        await held;
      },
    };
    const first = h.pass({}, [PASS_STEPS[0]!, hold, ...PASS_STEPS.slice(1)]);
    await hasLock;
    const second = await h.pass();
    release();
    const r1 = await first;
    expect(r1.skipped).toBeUndefined();
    expect(second.skipped).toMatch(/another pass holds the lock of pool dev/);
    expect(exitOf(second)).toBe(ExitCode.Ok);
    expect(second.mutatingCalls).toBe(0);
    expect(h.aws.medialive.accepted("StartChannel")).toHaveLength(2);
    expect(h.aws.medialive.inputUpdates).toHaveLength(2);
    // The skipped pass published nothing: the running pass reports for the minute.
    expect(h.aws.cloudwatch.put.filter((d) => d.metricName === "Errors")).toHaveLength(1);
  });

  test("overlapping passes with a schedule edit in between: the newer pass waits its turn, the older one never overwrites the edit", async () => {
    h = await startHarness(pg);
    await h.addSession("keep", 5, 60);
    await h.addSession("dropped", 5, 60);
    at(0);
    // The older pass stops after reading (as if its ListChannels answer were slow) until released.
    let release!: () => void;
    const paused = new Promise<void>((resolve) => (release = resolve));
    let reached!: () => void;
    const atPause = new Promise<void>((resolve) => (reached = resolve));
    const pause: PassStep = {
      name: "slow",
      async run() {
        reached();
        await paused;
      },
    };
    const older = h.pass({}, [PASS_STEPS[0]!, PASS_STEPS[1]!, pause, ...PASS_STEPS.slice(2)]);
    await atPause;
    // The app cancels one session and adds another; the newer pass finds the pool locked.
    await h.sql.query("UPDATE live_sessions SET status = 'cancelled' WHERE id = 'dropped'");
    await h.addSession("added", 6, 60);
    const newer = await h.pass();
    expect(newer.skipped).toBeDefined();
    expect(h.aws.medialive.accepted()).toEqual([]);
    release();
    const olderReport = await older;
    // The older pass acted on its snapshot, but its writes did not undo the cancel, and it did not
    // start a channel for the session cancelled meanwhile.
    const startedByOlder = olderReport.channels.filter((c) => c.actions.includes("start")).map((c) => c.id);
    expect(startedByOlder).toEqual([(await h.row("keep")).channel_id]);
    expect(await h.row("dropped")).toEqual(expect.objectContaining({ status: "cancelled", channel_id: null }));
    // The next pass sees the edit: the added session gets its own channel; the live one is untouched.
    at(2);
    await h.pass();
    const keep = await h.row("keep");
    const added = await h.row("added");
    expect(added.channel_id).not.toBe(keep.channel_id);
    expect(h.aws.medialive.state(added.channel_id)).toBe("STARTING");
    expect(h.aws.medialive.state(keep.channel_id)).toBe("RUNNING");
    expect(h.aws.medialive.accepted("StopChannel")).toEqual([]);
  });
});

describe("bounded passes", () => {
  test("a hung MediaLive call is cut off by the call timeout; the rest of the pass proceeds", async () => {
    h = await startHarness(pg, { callTimeoutMs: 200, maxAttempts: 2 });
    await h.addSession("a", 5, 60, { channelId: "1111111" });
    await h.addSession("b", 5, 60, { channelId: "2222222" });
    h.aws.medialive.hang("StartChannel", "1111111", 2);
    at(0);
    const r = await h.pass();
    expect(r.errors).toEqual([expect.objectContaining({ kind: "remote", channelId: "1111111", message: expect.stringMatching(/StartChannel failed: TimeoutError.*200 ms requestTimeout/) })]);
    expect(h.aws.medialive.state("2222222")).toBe("STARTING");
    expect(r.metrics.published).toBe(true);
    expect(exitOf(r)).toBe(ExitCode.Partial);
  });

  test("a MediaLive that never answers ends the pass at its deadline, having done nothing", async () => {
    h = await startHarness(pg, { callTimeoutMs: 60_000 });
    await h.addSession("a", 5, 60);
    h.aws.medialive.hang("ListChannels", undefined, 10);
    at(0);
    const r = await h.pass({ deadlineMs: 1500 });
    expect(r.stoppedAt).toBe("load");
    expect(r.errors[0]!.message).toMatch(/MediaLive ListChannels: the pass's 1.5 s deadline passed first/);
    expect(exitOf(r)).toBe(ExitCode.Remote);
    expect(h.aws.medialive.accepted()).toEqual([]);
    expect((await h.row("a")).channel_id).toBeNull();
  });

  test("a locked live_sessions table ends the pass by lock_timeout; a locked row stops only its own session", async () => {
    h = await startHarness(pg, { lockTimeoutMs: 200 });
    await h.addSession("a", 5, 60);
    await h.addSession("b", 5, 60);
    const other = new Client({ connectionString: h.url });
    await other.connect();
    try {
      await other.query("BEGIN");
      await other.query("LOCK TABLE live_sessions IN ACCESS EXCLUSIVE MODE");
      at(0);
      const r = await h.pass();
      expect(r.stoppedAt).toBe("load");
      expect(r.errors[0]!.message).toMatch(/reading live_sessions .* waited longer than lock_timeout/);
      expect(exitOf(r)).toBe(ExitCode.Remote);
      expect(h.aws.medialive.accepted()).toEqual([]);
      await other.query("ROLLBACK");

      // The app holds one row (SELECT ... FOR UPDATE in a long transaction).
      await other.query("BEGIN");
      await other.query("SELECT * FROM live_sessions WHERE id = 'a' FOR UPDATE");
      const partial = await h.pass();
      expect(partial.errors).toEqual([expect.objectContaining({ kind: "store", sessionId: "a", message: expect.stringMatching(/writing live_sessions a: waited longer than lock_timeout/) })]);
      expect(partial.notes).toContainEqual(expect.stringMatching(/not started: the assignment of session\(s\) a could not be written/));
      expect(h.aws.medialive.accepted("StartChannel")).toHaveLength(1);
      expect((await h.row("b")).ingest_urls).toHaveLength(1);
      expect(exitOf(partial)).toBe(ExitCode.Partial);
    } finally {
      await other.query("ROLLBACK").catch(() => undefined);
      await other.end();
    }
  });
});

describe("harvest", () => {
  test("a FAILED harvest job is reported and retried under a new id", async () => {
    h = await startHarness(pg);
    await h.addSession("rec", -60, -10, { channelId: "1111111", status: "ended" });
    await h.sql.query("UPDATE live_sessions SET channel_assigned_at = starts_at - interval '10 minutes' WHERE id = 'rec'");
    h.aws.mediapackage.failHarvests(1);
    at(0);
    const first = await h.pass();
    expect(first.harvests).toEqual([expect.objectContaining({ sessionId: "rec", attempt: 1, status: "created" })]);
    at(2); // the job has FAILED by now (the fake takes 60 s)
    const second = await h.pass();
    expect(second.errors).toEqual([expect.objectContaining({ kind: "harvest", sessionId: "rec", message: expect.stringMatching(/harvest job session-rec-\w+-a1 FAILED; retrying under a new id/) })]);
    expect(second.harvests.map((x) => [x.attempt, x.status])).toEqual([
      [1, "failed"],
      [2, "created"],
    ]);
    expect(exitOf(second)).toBe(ExitCode.Partial);
    at(4);
    const third = await h.pass();
    expect(third.errors).toEqual([]);
    expect(await h.row("rec")).toEqual(expect.objectContaining({ harvest_job_id: expect.stringMatching(/-a2$/), harvest_attempts: 2, harvest_status: "SUCCEEDED", status: "ended", last_error: null }));
    // Jobs are followed by their stored id: no listing of the region's jobs.
    expect(h.aws.mediapackage.calls.filter((c) => c.operation === "ListHarvestJobs")).toEqual([]);
    expect(h.aws.mediapackage.harvestJobs.map((j) => j.status)).toEqual(["FAILED", "SUCCEEDED"]);
  });

  test("a job whose create answer was lost is found under its deterministic id, not created twice", async () => {
    h = await startHarness(pg);
    await h.addSession("lost", -60, -10, { channelId: "1111111", status: "ended" });
    await h.sql.query("UPDATE live_sessions SET channel_assigned_at = starts_at - interval '10 minutes' WHERE id = 'lost'");
    at(0);
    expect((await h.pass()).harvests).toEqual([expect.objectContaining({ sessionId: "lost", attempt: 1, status: "created" })]);
    // The job exists, but the pass that created it never recorded it (its answer or its write was lost).
    await h.sql.query("UPDATE live_sessions SET harvest_job_id = NULL, harvest_attempts = 0, harvest_status = NULL, harvest_requested_at = NULL WHERE id = 'lost'");
    at(2); // the job SUCCEEDED by now (the fake takes 60 s)
    const r = await h.pass();
    expect(r.errors).toEqual([]);
    expect(r.harvests).toEqual([expect.objectContaining({ sessionId: "lost", attempt: 1, status: "succeeded" })]);
    expect(r.sessions.find((s) => s.id === "lost")?.changes).toEqual([expect.stringMatching(/^harvest job session-lost-\w+-a1 found$/)]);
    expect(h.aws.mediapackage.harvestJobs).toHaveLength(1);
    expect(h.aws.mediapackage.calls.filter((c) => c.operation === "CreateHarvestJob").map((c) => c.status)).toEqual([200, 422]);
    expect(await h.row("lost")).toEqual(expect.objectContaining({ harvest_job_id: expect.stringMatching(/-a1$/), harvest_attempts: 1, harvest_status: "SUCCEEDED" }));
  });

  test("at most MediaPackage's 10 harvest jobs run at once: the rest wait for the next pass, spend no attempt and are harvested", async () => {
    h = await startHarness(pg);
    const ids = Array.from({ length: 12 }, (_, i) => `s${String(i).padStart(2, "0")}`);
    for (const [i, id] of ids.entries()) await h.addSession(id, -(i + 2) * 40, -(i + 2) * 40 + 30, { channelId: "2222222", status: "ended" });
    await h.sql.query("UPDATE live_sessions SET channel_assigned_at = starts_at");
    at(0);
    const first = await h.pass();
    expect(first.harvests.filter((x) => x.status === "created")).toHaveLength(10);
    expect(first.notes.filter((n) => /10 harvest jobs already running/.test(n))).toHaveLength(2);
    expect(first.errors).toEqual([]);
    at(2); // the first ten have succeeded
    expect((await h.pass()).harvests.filter((x) => x.status === "created")).toHaveLength(2);
    expect(h.aws.mediapackage.calls.filter((c) => c.operation === "CreateHarvestJob").map((c) => c.status)).toEqual(Array(12).fill(200));
    const rows = await Promise.all(ids.map((id) => h.row(id)));
    expect(rows.map((r) => [r.harvest_attempts, r.status])).toEqual(ids.map(() => [1, "ended"]));
  });

  test("a 7-hour-old unharvested session is harvested; one past the startover window becomes recording_failed with the reason", async () => {
    h = await startHarness(pg);
    await h.addSession("seven", -8 * 60, -7 * 60, { channelId: "2222222", status: "ended" });
    await h.addSession("stale", -26 * 60, -25 * 60, { channelId: "2222222", status: "ended" });
    await h.sql.query("UPDATE live_sessions SET channel_assigned_at = starts_at WHERE id IN ('seven', 'stale')");
    at(0);
    const r = await h.pass();
    expect(r.harvests.map((x) => [x.sessionId, x.status])).toEqual([["seven", "created"]]);
    const job = h.aws.mediapackage.harvestJobs[0]!;
    expect([job.originEndpointId, job.startTime, job.endTime]).toEqual(["ep-2222222", new Date(T0 - 8 * 60 * MIN).toISOString(), new Date(T0 - 7 * 60 * MIN).toISOString()]);
    expect(await h.row("stale")).toEqual(expect.objectContaining({ status: "recording_failed", last_error: expect.stringMatching(/24h00m startover window passed/) }));
    // A lost recording is a failure of the pass, and a RecordingsMissing data point the alarm pages on.
    expect(r.errors).toContainEqual(expect.objectContaining({ kind: "harvest", sessionId: "stale" }));
    expect(metric("RecordingsMissing")).toBe(1);
  });

  test("a harvest job started just inside the startover window is followed to success after the window closes, not given up", async () => {
    h = await startHarness(pg);
    await h.addSession("edge", -(24 * 60 - 10), -23 * 60, { channelId: "2222222", status: "ended" });
    await h.sql.query("UPDATE live_sessions SET channel_assigned_at = starts_at WHERE id = 'edge'");
    at(0);
    expect((await h.pass()).harvests.map((x) => x.status)).toEqual(["created"]);
    at(15); // the session's start is now 24h05m ago; the job (60 s in the stand-in) has succeeded
    const r = await h.pass();
    expect(r.errors).toEqual([]);
    expect(await h.row("edge")).toEqual(expect.objectContaining({ status: "ended", harvest_status: "SUCCEEDED" }));
    expect(metric("RecordingsMissing")).toBe(0);
  });

  test("a session on air for longer than the startover window keeps its channel and is not given up; once over, its loss is reported", async () => {
    h = await startHarness(pg);
    await h.addSession("marathon", -25 * 60, 30, { channelId: "2222222", status: "live" });
    await h.sql.query("UPDATE live_sessions SET channel_assigned_at = starts_at WHERE id = 'marathon'");
    h.aws.medialive.setState("2222222", "RUNNING");
    at(0);
    const r = await h.pass();
    expect(r.errors).toEqual([]);
    expect(h.aws.medialive.accepted("StopChannel")).toEqual([]);
    expect(await h.row("marathon")).toEqual(expect.objectContaining({ status: "live", channel_id: "2222222" }));
    at(30 + 5 + 1); // ended, grace over: it cannot be harvested whole
    const after = await h.pass();
    expect(await h.row("marathon")).toEqual(expect.objectContaining({ status: "recording_failed" }));
    expect(after.errors).toContainEqual(expect.objectContaining({ kind: "harvest", sessionId: "marathon" }));
  });
});

describe("per-session stream keys", () => {
  test("two sessions on one channel get different keys, each set while the channel is idle and before its start; the key is never reported", async () => {
    h = await startHarness(pg, { channelClass: "STANDARD" });
    await h.addSession("first", 5, 35, { channelId: "1111111" });
    await h.addSession("second", 60, 90, { channelId: "1111111" });
    const reports: string[] = [];
    for (let t = 0; t <= 100; t++) {
      at(t);
      reports.push(JSON.stringify(await h.pass()));
    }
    const updates = h.aws.medialive.inputUpdates;
    expect(updates.map((u) => u.channelStates)).toEqual([["IDLE"], ["IDLE"]]);
    const starts = h.aws.medialive.accepted("StartChannel").filter((c) => c.target === "1111111");
    expect(starts).toHaveLength(2);
    // Each key was set before the start that followed it, and after the previous run stopped.
    const stops = h.aws.medialive.accepted("StopChannel").filter((c) => c.target === "1111111");
    expect(updates[0]!.at).toBeLessThanOrEqual(starts[0]!.at);
    expect(updates[1]!.at).toBeGreaterThanOrEqual(stops[0]!.at);
    expect(updates[1]!.at).toBeLessThanOrEqual(starts[1]!.at);
    const log = h.aws.medialive.calls.filter((c) => (c.operation === "UpdateInput" || c.operation === "StartChannel") && c.status === 200).map((c) => c.operation);
    expect(log).toEqual(["UpdateInput", "StartChannel", "UpdateInput", "StartChannel"]);

    const keyOf = (streamName: string) => streamName.split("/")[1]!;
    const [k1, k2] = updates.map((u) => keyOf(u.streamNames[0]!));
    expect(k1).not.toBe(k2);
    // STANDARD: both pipelines, same key; the rows hold both URLs of their own key.
    expect(updates[0]!.streamNames).toEqual([`live/${k1}`, `backup/${k1}`]);
    const first = await h.row("first");
    const second = await h.row("second");
    expect(first.ingest_urls).toEqual([expect.stringMatching(new RegExp(`^rtmp://.+:1935/live/${k1}$`)), expect.stringMatching(new RegExp(`^rtmp://.+:1935/backup/${k1}$`))]);
    expect(second.ingest_urls.every((u: string) => u.endsWith(k2!))).toBe(true);
    // The earlier session's key no longer opens the input.
    expect(h.aws.medialive.inputOf("1111111").streamNames.some((n) => n.includes(k1!))).toBe(false);
    // Never in a report (and so in no log line or JSON output), nor in a metric.
    expect(h.progress).toContainEqual(expect.stringMatching(/^UpdateInput 1111111-in/));
    for (const text of [...reports, ...h.progress, JSON.stringify(h.aws.cloudwatch.put)]) {
      expect(text.includes(k1!) || text.includes(k2!)).toBe(false);
    }
  });

  test("a session joining a run already on air gets the key the channel runs with (back-to-back sessions share a run)", async () => {
    h = await startHarness(pg);
    await h.addSession("a", 5, 60, { channelId: "1111111" });
    at(0);
    await h.pass();
    at(20);
    await h.pass();
    await h.addSession("b", 62, 90, { channelId: "1111111" }); // 2 minutes after a: same run
    const r = await h.pass();
    expect(r.sessions.find((s) => s.id === "b")?.changes).toEqual(["assigned to 1111111", "shares the stream key channel 1111111 runs with"]);
    expect((await h.row("b")).ingest_urls).toEqual((await h.row("a")).ingest_urls);
    expect(h.aws.medialive.inputUpdates).toHaveLength(1);
  });

  test("back-to-back sessions of two mentors go to two channels while the pool has room, so neither can push with the other's key", async () => {
    h = await startHarness(pg);
    await h.addSession("a", 5, 60, { mentorId: "m1" });
    await h.addSession("b", 62, 90, { mentorId: "m2" });
    for (let t = 0; t <= 62; t++) {
      at(t);
      await h.pass();
    }
    const [a, b] = [await h.row("a"), await h.row("b")];
    expect(a.channel_id).not.toBe(b.channel_id);
    expect(b.ingest_urls.some((u: string) => a.ingest_urls.includes(u))).toBe(false);
  });

  test("the MediaLive stand-in refuses an input update while its channel is not idle, as MediaLive does", async () => {
    h = await startHarness(pg);
    const { UpdateInputCommand } = await import("@aws-sdk/client-medialive");
    h.aws.medialive.setState("1111111", "RUNNING");
    await expect(h.clients.medialive.send(new UpdateInputCommand({ InputId: "1111111-in", Destinations: [{ StreamName: "live/x" }] }))).rejects.toMatchObject({
      name: "ConflictException",
      $metadata: { httpStatusCode: 409 },
    });
    h.aws.medialive.setState("1111111", "IDLE");
    const ok = await h.clients.medialive.send(new UpdateInputCommand({ InputId: "1111111-in", Destinations: [{ StreamName: "live/x" }] }));
    expect(ok.Input?.Destinations?.map((d) => d.Url)).toEqual([expect.stringMatching(/^rtmp:\/\/[\d.]+:1935\/live\/x$/)]);
  });
});

describe("progress is not failure", () => {
  test("a channel STARTING within the transition timeout exits 0; past it exit 4, timed from the first call across passes", async () => {
    h = await startHarness(pg);
    await h.addSession("s", 10, 60, { channelId: "1111111" });
    h.aws.medialive.stick("1111111", "STARTING");
    const exits: number[] = [];
    for (let t = 0; t <= 6; t++) {
      at(t);
      exits.push(exitOf(await h.pass()));
    }
    expect(exits).toEqual([0, 0, 0, 0, 0, 0, 4]);
    expect(await channelRow("1111111")).toEqual(expect.objectContaining({ transition: "start", transition_started_at: new Date(T0), start_failures: 1 }));
    // Late is no place for a session that is not on air yet: it moves to a channel that starts in time.
    expect((await h.row("s")).channel_id).toBe("2222222");
    expect(h.aws.medialive.accepted("StartChannel").map((c) => [c.target, (c.at - T0) / MIN])).toEqual([
      ["1111111", 0],
      ["2222222", 6],
    ]);
  });

  test("a bug in a step is exit 1, not an AWS failure; the lock is released and the metrics still go out", async () => {
    h = await startHarness(pg);
    at(0);
    const broken: PassStep = {
      name: "broken",
      async run() {
        throw new TypeError("x is undefined");
      },
    };
    const r = await h.pass({}, [...PASS_STEPS.slice(0, 3), broken, ...PASS_STEPS.slice(3)]);
    expect(r.errors).toEqual([expect.objectContaining({ kind: "internal", message: expect.stringMatching(/^broken: TypeError: x is undefined/) })]);
    expect(exitOf(r)).toBe(ExitCode.Internal);
    expect(metric("Errors")).toBe(1);
    expect((await h.pass()).skipped).toBeUndefined();
  });

  test("a dry run decides and reports, and calls, writes and locks nothing", async () => {
    h = await startHarness(pg);
    await h.addSession("a", 5, 60);
    h.aws.medialive.setState("3333333", "RUNNING");
    at(0);
    const r = await h.pass({ dryRun: true });
    expect(r.channels.flatMap((c) => c.actions).sort()).toEqual(["would-rekey", "would-start", "would-stop"]);
    expect(h.aws.medialive.calls.filter((c) => c.operation !== "ListChannels")).toEqual([]);
    expect(h.aws.cloudwatch.calls).toEqual([]);
    expect((await h.row("a")).channel_id).toBeNull();
    expect((await h.sql.query("SELECT count(*)::int AS n FROM pool_channels")).rows[0].n).toBe(0);
  });
});

describe("recording sweep in the pass", () => {
  test("an ended session whose recording event was lost is indexed by the pass; the sweep's metrics go out with the pass's", async () => {
    h = await startHarness(pg);
    const s3fake = new S3Fake(() => h.aws.clock.now());
    await s3fake.start();
    const previous = process.env.AWS_ENDPOINT_URL_S3;
    process.env.AWS_ENDPOINT_URL_S3 = s3fake.url;
    const s3 = await createS3Client({ region: "ap-southeast-1", maxAttempts: 1 });
    try {
      await h.addSession("lost", -120, -60);
      await h.sql.query("UPDATE live_sessions SET status = 'ended', channel_id = '1111111', ended_at = $1 WHERE id = 'lost'", [new Date(T0 - 60 * MIN)]);
      // The harvest landed in the bucket, but its S3 event never reached the indexer.
      s3fake.put(HARVEST.bucket, "sessions/lost/index.m3u8");
      at(0);
      const r = await h.pass({ recordingSweep: { bucket: HARVEST.bucket, mediaDomain: "media.dev.example.net", s3 } });
      expect(r.steps.map((s) => s.name)).toContain("sweep-recordings");
      expect(await h.row("lost")).toEqual(
        expect.objectContaining({ status: "recorded", recording_source: "sweep", recording_uri: `s3://${HARVEST.bucket}/sessions/lost/index.m3u8`, playback_url: "https://media.dev.example.net/sessions/lost/index.m3u8" }),
      );
      expect(metric("RecordingsIndexedBySweep")).toBe(1);
      expect(metric("RecordingSweepFailures")).toBe(0);
      // Without a target (a file schedule, or no bucket known) the step does nothing.
      const none = await h.pass();
      expect(none.notes.filter((n) => n.startsWith("recording sweep"))).toEqual([]);
    } finally {
      s3.destroy();
      await s3fake.close();
      if (previous === undefined) delete process.env.AWS_ENDPOINT_URL_S3;
      else process.env.AWS_ENDPOINT_URL_S3 = previous;
    }
  });
});
