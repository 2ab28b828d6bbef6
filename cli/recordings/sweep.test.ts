/**
 * The recording sweep against a real PostgreSQL (connected as livestream_reconcile, the role the
 * reconcile task uses) and the real S3 client talking REST-XML to a local S3 stand-in.
 */
import type { S3Client } from "@aws-sdk/client-s3";
import { Client, Pool } from "pg";
import { DATABASE_ROLES, RECORDING_SWEEP_METRICS } from "../../contracts";
import { migrate } from "../../db/migrate";
import { DatabasePool } from "../../lib/postgres-connection";
import { S3Fake } from "../../test/fakes/s3-server";
import { startPostgres, type PostgresServer } from "../../test/support/postgres";
import { createS3Client } from "../aws/clients";
import { sweepMetricData, sweepRecordings, type SweepOptions } from "./sweep";

const BUCKET = "livestream-dev-recorded-media";
const DOMAIN = "media.dev.mentoring.example.com";
const NOW = Date.parse("2030-01-02T12:00:00Z");
const HOUR = 3_600_000;
const LOOK_BACK = 24 * HOUR;

let server: PostgresServer;
let admin: Pool;
let db: DatabasePool;
let s3fake: S3Fake;
let s3: S3Client;
const saved = { ...process.env };

beforeAll(async () => {
  server = await startPostgres();
  const url = await server.createDatabase("sweep");
  const c = new Client({ connectionString: url });
  await c.connect();
  await migrate(c);
  await c.end();
  admin = new Pool({ connectionString: url, max: 2 });
  db = new DatabasePool({
    host: "127.0.0.1",
    port: server.port,
    database: "sweep",
    user: DATABASE_ROLES.reconcile,
    auth: { method: "password" },
    sslMode: "disable",
    statementTimeoutMs: 5_000,
    lockTimeoutMs: 2_000,
    connectTimeoutMs: 3_000,
    applicationName: "sweep-test",
  });
  s3fake = new S3Fake(() => NOW);
  await s3fake.start();
  s3fake.createBucket(BUCKET);
  Object.assign(process.env, { AWS_ENDPOINT_URL_S3: s3fake.url, AWS_REGION: "ap-southeast-1", AWS_ACCESS_KEY_ID: "AKIATESTTESTTESTTEST", AWS_SECRET_ACCESS_KEY: "test" });
  s3 = await createS3Client({ maxAttempts: 1 });
});

afterAll(async () => {
  s3?.destroy();
  await db?.end();
  await admin?.end();
  await s3fake?.close();
  await server?.stop();
  process.env = saved;
});

beforeEach(async () => {
  await admin.query("DELETE FROM live_sessions");
  s3fake.pageSize = 1000;
  s3fake.hang = false;
});

async function addSession(id: string, endedHoursAgo: number, status = "ended"): Promise<void> {
  const ends = NOW - endedHoursAgo * HOUR;
  await admin.query("INSERT INTO live_sessions (id, mentor_id, starts_at, ends_at, status) VALUES ($1, 'm-1', $2, $3, $4)", [id, new Date(ends - HOUR), new Date(ends), status]);
}
const row = async (id: string) => (await admin.query("SELECT * FROM live_sessions WHERE id = $1", [id])).rows[0];
const options = (over: Partial<SweepOptions> = {}): SweepOptions => ({ db, s3, bucket: BUCKET, mediaDomain: DOMAIN, now: NOW, lookBackMs: LOOK_BACK, deadline: Date.now() + 30_000, ...over });

/** What a harvest writes: the master, child playlists and segments. */
function harvest(id: string, folder = "", at = new Date(NOW - HOUR), segments = 3): void {
  const dir = `sessions/${id}/${folder}`;
  s3fake.put(BUCKET, `${dir}index.m3u8`, { lastModified: at });
  for (const r of [1, 2, 3]) {
    s3fake.put(BUCKET, `${dir}index_${r}.m3u8`, { lastModified: at });
    for (let n = 0; n < segments; n++) s3fake.put(BUCKET, `${dir}index_${r}_${String(n).padStart(5, "0")}.ts`, { lastModified: at });
  }
}

test("1. indexes a recording whose event was lost: the master, across pages of segments", async () => {
  await addSession("lost-1", 2);
  harvest("lost-1", "", new Date(NOW - HOUR), 20);
  s3fake.pageSize = 7; // 64 objects: 10 pages, the master is not on the first
  const report = await sweepRecordings(options());
  expect(report).toMatchObject({ candidates: 1, checked: 1, indexed: [{ sessionId: "lost-1", recordingUri: `s3://${BUCKET}/sessions/lost-1/index.m3u8`, outcome: "recorded" }], failures: [] });
  expect(await row("lost-1")).toMatchObject({
    status: "recorded",
    recording_uri: `s3://${BUCKET}/sessions/lost-1/index.m3u8`,
    playback_url: `https://${DOMAIN}/sessions/lost-1/index.m3u8`,
    recording_source: "sweep",
    recording_event_time: new Date(NOW - HOUR),
  });
  expect(s3fake.calls.filter((c) => c.operation === "ListObjectsV2" && c.target === BUCKET).length).toBeGreaterThanOrEqual(10);
});

test("takes the newest master when a session was harvested again into another folder", async () => {
  await addSession("again-1", 3);
  harvest("again-1", "", new Date(NOW - 2 * HOUR));
  harvest("again-1", "retry-1/", new Date(NOW - HOUR));
  const report = await sweepRecordings(options());
  expect(report.indexed).toEqual([{ sessionId: "again-1", recordingUri: `s3://${BUCKET}/sessions/again-1/retry-1/index.m3u8`, outcome: "recorded" }]);
});

test("a session whose harvest has not landed yet is left as it is", async () => {
  await addSession("pending-1", 0.1);
  s3fake.put(BUCKET, "sessions/pending-1/index_1.m3u8"); // a child alone is not a recording
  const report = await sweepRecordings(options());
  expect(report).toMatchObject({ notFound: ["pending-1"], indexed: [], expired: [] });
  expect(await row("pending-1")).toMatchObject({ status: "ended", recording_uri: null, last_error: null });
});

test("past the look-back window without a manifest, a session becomes recording_failed with the reason, once", async () => {
  await addSession("gone-1", 30);
  await addSession("late-found-1", 30);
  harvest("late-found-1");
  const report = await sweepRecordings(options());
  expect(report.expired).toEqual(["gone-1"]);
  expect(report.indexed.map((i) => i.sessionId)).toEqual(["late-found-1"]);
  expect(await row("gone-1")).toMatchObject({ status: "recording_failed", last_error: expect.stringMatching(/no master manifest under s3:\/\/.+sessions\/gone-1\/ within 24 h/) });
  expect((await row("gone-1")).last_error_at).toBeInstanceOf(Date);
  const again = await sweepRecordings(options());
  expect(again.candidates).toBe(0);
});

test("only ended sessions without a recording are looked at", async () => {
  for (const status of ["scheduled", "live", "cancelled", "no_channel", "recording_failed"]) await addSession(`st-${status.replace("_", "-")}`, 2, status);
  const lists = s3fake.calls.length;
  const report = await sweepRecordings(options());
  expect(report.candidates).toBe(0);
  expect(s3fake.calls.length).toBe(lists);
});

test("checks at most `limit` sessions per pass, and every one within a few passes", async () => {
  for (let i = 0; i < 9; i++) await addSession(`many-${i}`, 1);
  const first = await sweepRecordings(options({ limit: 3 }));
  expect(first).toMatchObject({ candidates: 9, checked: 3 });
  const seen = new Set(first.notFound);
  for (let pass = 0; pass < 40 && seen.size < 9; pass++) (await sweepRecordings(options({ limit: 3 }))).notFound.forEach((id) => seen.add(id));
  expect(seen.size).toBe(9);
});

test("a dry run writes nothing", async () => {
  await addSession("dry-1", 2);
  harvest("dry-1");
  await addSession("dry-2", 30);
  const report = await sweepRecordings(options({ dryRun: true }));
  expect(report).toMatchObject({ dryRun: true, indexed: [{ sessionId: "dry-1", outcome: "would-index" }], expired: ["dry-2"] });
  expect(await row("dry-1")).toMatchObject({ status: "ended", recording_uri: null });
  expect((await row("dry-2")).status).toBe("ended");
});

test("an S3 failure is counted for the alarm and the other sessions are still swept", async () => {
  await addSession("s3-bad", 2);
  await addSession("s3-good", 2);
  harvest("s3-good");
  s3fake.faults.add({ operation: "ListObjectsV2", status: 500, times: 1 });
  const report = await sweepRecordings(options());
  expect(report.failures).toEqual([{ sessionId: expect.stringMatching(/^s3-/), kind: "s3", reason: expect.stringMatching(/InternalError/) }]);
  const metrics = Object.fromEntries(sweepMetricData(report, "dev").map((d) => [d.MetricName, d.Value]));
  expect(metrics[RECORDING_SWEEP_METRICS.failures]).toBe(1);
  expect(sweepMetricData(report, "dev")[0]!.Dimensions).toEqual([{ Name: "Pool", Value: "dev" }]);
});

test("a recording the row refuses marks the session recording_failed with the reason", async () => {
  await addSession("refused-1", 2);
  harvest("refused-1");
  // A bucket name the recording_uri CHECK refuses stands in for any permanent rejection.
  s3fake.createBucket("Upper_Case");
  s3fake.put("Upper_Case", "sessions/refused-1/index.m3u8");
  const refused = await sweepRecordings(options({ bucket: "Upper_Case" }));
  expect(refused.failures).toEqual([expect.objectContaining({ sessionId: "refused-1", kind: "rejected" })]);
  expect(await row("refused-1")).toMatchObject({ status: "recording_failed", last_error: expect.stringMatching(/could not be indexed.*23514/) });
});

test("a hung S3 is abandoned at the deadline and the pass reports it", async () => {
  await addSession("hang-1", 2);
  await addSession("hang-2", 2);
  s3fake.hang = true;
  const report = await sweepRecordings(options({ deadline: Date.now() + 1_500 }));
  expect(report.deadlineReached).toBe(true);
  expect(report.checked).toBe(1);
  expect(report.indexed).toEqual([]);
});
