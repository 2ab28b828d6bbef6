/**
 * `ops recordings replay` and `ops recordings sweep` through main(): the real SQS, Lambda, S3 and
 * CloudWatch clients against local stand-ins, the Lambda stand-in running the real indexer handler
 * against a real PostgreSQL.
 */
import { Client, Pool } from "pg";
import { DATABASE_ROLES } from "../../contracts";
import { migrate } from "../../db/migrate";
import { handler, resetForTests } from "../../lambda/recording-indexer/handler";
import type { FailureRecord } from "../../lambda/recording-indexer/parking";
import { CloudWatchFake } from "../../test/fakes/cloudwatch-server";
import { LambdaFake } from "../../test/fakes/lambda-server";
import { S3Fake } from "../../test/fakes/s3-server";
import { SqsFake } from "../../test/fakes/sqs-server";
import { startPostgres, type PostgresServer } from "../../test/support/postgres";
import { runOpsInProcess, type OpsRun } from "../../test/support/ops-cli";

const BUCKET = "livestream-dev-recorded-media";
const DOMAIN = "media.dev.mentoring.example.com";
const FUNCTION = "livestream-dev-recording-indexer";
const DLQ = "livestream-dev-recording-indexer-dlq";

let server: PostgresServer;
let admin: Pool;
let sqs: SqsFake;
let lambda: LambdaFake;
let s3: S3Fake;
let cloudwatch: CloudWatchFake;
const saved = { ...process.env };

beforeAll(async () => {
  server = await startPostgres();
  const url = await server.createDatabase("ops_recordings");
  const c = new Client({ connectionString: url });
  await c.connect();
  await migrate(c);
  await c.end();
  admin = new Pool({ connectionString: url, max: 2 });
  sqs = new SqsFake();
  lambda = new LambdaFake();
  s3 = new S3Fake();
  cloudwatch = new CloudWatchFake({ now: Date.now });
  await Promise.all([sqs.start(), lambda.start(), s3.start(), cloudwatch.start()]);
  const queueUrl = sqs.createQueue(DLQ);
  s3.createBucket(BUCKET);
  // The function runs the real handler, as livestream_indexer (trust on the test server).
  lambda.register(FUNCTION, (payload, context) => handler(payload as never, context));
  Object.assign(process.env, {
    AWS_ENDPOINT_URL_SQS: sqs.url,
    AWS_ENDPOINT_URL_LAMBDA: lambda.url,
    AWS_ENDPOINT_URL_S3: s3.url,
    AWS_ENDPOINT_URL_CLOUDWATCH: cloudwatch.url,
    AWS_REGION: "ap-southeast-1",
    AWS_ACCESS_KEY_ID: "AKIATESTTESTTESTTEST",
    AWS_SECRET_ACCESS_KEY: "test",
    PGHOST: "127.0.0.1",
    PGPORT: String(server.port),
    PGDATABASE: "ops_recordings",
    PGSSLMODE: "disable",
    LIVESTREAM_DB_AUTH: "password",
    MEDIA_DOMAIN: DOMAIN,
    DEAD_LETTER_QUEUE_URL: queueUrl,
    LIVESTREAM_POOL: "dev",
  });
});

afterAll(async () => {
  await resetForTests();
  await admin?.end();
  await Promise.all([sqs?.close(), lambda?.close(), s3?.close(), cloudwatch?.close()]);
  await server?.stop();
  process.env = saved;
});

/** Runs `ops ...` in process as `user`; stdout without the log lines the in-process function writes there. */
async function ops(args: string[], user: string): Promise<OpsRun> {
  process.env.PGUSER = user;
  const run = await runOpsInProcess(...args);
  // The in-process function logs JSON lines to stdout too (as it would to CloudWatch): not the report.
  return { ...run, stdout: run.stdout.split("\n").filter((l) => !l.startsWith('{"level":')).join("\n") };
}

async function addSession(id: string, endedHoursAgo = 2): Promise<void> {
  const ends = Date.now() - endedHoursAgo * 3_600_000;
  await admin.query("INSERT INTO live_sessions (id, mentor_id, starts_at, ends_at, status) VALUES ($1, 'm-1', $2, $3, 'ended')", [id, new Date(ends - 3_600_000), new Date(ends)]);
}
const row = async (id: string) => (await admin.query("SELECT * FROM live_sessions WHERE id = $1", [id])).rows[0];

/** A record as Lambda's on-failure destination writes it after the retries ran out. */
function lambdaFailureRecord(key: string, errorMessage: string): string {
  const record: FailureRecord = {
    version: "1.0",
    timestamp: new Date().toISOString(),
    requestContext: { requestId: "r", functionArn: `arn:aws:lambda:ap-southeast-1:111111111111:function:${FUNCTION}:$LATEST`, condition: "RetriesExhausted", approximateInvokeCount: 3 },
    requestPayload: { Records: [{ eventName: "ObjectCreated:Put", eventTime: new Date().toISOString(), s3: { bucket: { name: BUCKET }, object: { key, sequencer: "00AB" } } }] },
    responseContext: { statusCode: 200, functionError: "Unhandled" },
    responsePayload: { errorType: "Error", errorMessage },
  };
  return JSON.stringify(record);
}

describe("ops recordings replay", () => {
  beforeEach(async () => {
    await admin.query("DELETE FROM live_sessions");
    for (const m of [...sqs.messages(DLQ)]) (sqs.messages(DLQ) as unknown[]).splice((sqs.messages(DLQ) as unknown[]).indexOf(m), 1);
    lambda.invocations.length = 0;
  });

  test("--dry-run lists the parked messages with their reasons and changes nothing", async () => {
    await addSession("dry-1");
    sqs.send(DLQ, lambdaFailureRecord("sessions/dry-1/index.m3u8", "connect ECONNREFUSED"));
    sqs.send(DLQ, "not json at all");
    const r = await ops(["recordings", "replay", "--dry-run", "--json"], DATABASE_ROLES.indexer);
    // An unreadable message is reported; the dry run itself did nothing and failed at nothing.
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report.error).toBeUndefined();
    expect(report.messages).toEqual([
      expect.objectContaining({ keys: ["sessions/dry-1/index.m3u8"], result: "would-replay", condition: "RetriesExhausted", reason: "connect ECONNREFUSED" }),
      expect.objectContaining({ keys: [], result: "unreadable", reason: "the message body is not JSON" }),
    ]);
    expect(lambda.invocations).toEqual([]);
    expect(sqs.messages(DLQ)).toHaveLength(2);
    expect(sqs.messages(DLQ).every((m) => m.invisibleUntil <= Date.now())).toBe(true); // visible again
    expect((await row("dry-1")).status).toBe("ended");
  });

  test("indexes what now succeeds and deletes it; keeps what still fails, visible, with its reason, parked once", async () => {
    await addSession("fixed-1");
    sqs.send(DLQ, lambdaFailureRecord("sessions/fixed-1/index.m3u8", "connect ECONNREFUSED"));
    sqs.send(DLQ, lambdaFailureRecord("sessions/nobody/index.m3u8", "no live_sessions row with id 'nobody'"));
    sqs.send(DLQ, "not json at all");
    const r = await ops(["recordings", "replay", "--json"], DATABASE_ROLES.indexer);
    expect(r.code).toBe(6); // partial
    const report = JSON.parse(r.stdout);
    expect(report.messages.map((m: { keys: string[]; result: string }) => [m.keys[0], m.result]).sort()).toEqual([
      [undefined, "unreadable"],
      ["sessions/fixed-1/index.m3u8", "replayed"],
      ["sessions/nobody/index.m3u8", "still-failing"],
    ]);
    expect(report.messages.find((m: { result: string }) => m.result === "still-failing").reason).toMatch(/no live_sessions row with id 'nobody'/);
    expect(await row("fixed-1")).toMatchObject({ status: "recorded", recording_sequencer: "00AB" });
    // The invocation carried the original payload, marked as a replay.
    expect(lambda.invocations.map((i) => (i.payload as { replay: { requestPayload: { Records: { s3: { object: { key: string } } }[] } } }).replay.requestPayload.Records[0]!.s3.object.key).sort()).toEqual([
      "sessions/fixed-1/index.m3u8",
      "sessions/nobody/index.m3u8",
    ]);
    // Two kept (not duplicated by the function), both visible again for the next run and the alarm.
    expect(sqs.messages(DLQ)).toHaveLength(2);
    expect(sqs.messages(DLQ).every((m) => m.invisibleUntil <= Date.now())).toBe(true);
  });

  test("a function error keeps the message (transient: fix and replay again)", async () => {
    await addSession("down-1");
    sqs.send(DLQ, lambdaFailureRecord("sessions/down-1/index.m3u8", "timeout"));
    process.env.PGPORT = "1"; // the database is unreachable from the function
    await resetForTests();
    try {
      const r = await ops(["recordings", "replay", "--json"], DATABASE_ROLES.indexer);
      expect(r.code).toBe(3);
      expect(JSON.parse(r.stdout).messages[0]).toMatchObject({ result: "still-failing", reason: expect.stringMatching(/the function failed \(Unhandled\)/) });
      expect(sqs.messages(DLQ)).toHaveLength(1);
    } finally {
      process.env.PGPORT = String(server.port);
      await resetForTests();
    }
  });

  test("bad flags exit 2 before any call", async () => {
    const calls = sqs.calls.length;
    expect((await ops(["recordings", "replay", "--queue-url", "nope", "--function-name", FUNCTION], DATABASE_ROLES.indexer)).code).toBe(2);
    expect((await ops(["recordings", "replay", "--max", "0"], DATABASE_ROLES.indexer)).code).toBe(2);
    expect(sqs.calls.length).toBe(calls);
  });
});

describe("ops recordings sweep", () => {
  beforeEach(async () => {
    await admin.query("DELETE FROM live_sessions");
  });

  test("indexes a lost recording as livestream_reconcile and publishes the sweep metrics", async () => {
    await addSession("swept-1");
    s3.put(BUCKET, "sessions/swept-1/index.m3u8", { lastModified: new Date(Date.now() - 3_600_000) });
    const r = await ops(["recordings", "sweep", "--bucket", BUCKET, "--media-domain", DOMAIN, "--json"], DATABASE_ROLES.reconcile);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ indexed: [{ sessionId: "swept-1", outcome: "recorded" }], metricsPublished: true });
    expect((await row("swept-1")).recording_source).toBe("sweep");
    expect(cloudwatch.put.filter((p) => p.namespace === "Livestream/Ops" && p.dimensions.Pool === "dev").map((p) => [p.metricName, p.value])).toEqual(
      expect.arrayContaining([
        ["RecordingSweepFailures", 0],
        ["RecordingsIndexedBySweep", 1],
      ]),
    );
  });

  test("bad inputs exit 2 naming each, before any call", async () => {
    const calls = s3.calls.length;
    const r = await ops(["recordings", "sweep", "--bucket", "Bad_Bucket", "--media-domain", "localhost", "--json"], DATABASE_ROLES.reconcile);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--bucket.*--media-domain/s);
    // A duration without its unit is refused by the flag parser, before the command runs.
    const unitless = await ops(["recordings", "sweep", "--look-back", "24", "--json"], DATABASE_ROLES.reconcile);
    expect(unitless.code).toBe(2);
    expect(unitless.stderr).toMatch(/--look-back '24' has no unit/);
    expect(s3.calls.length).toBe(calls);
  });
});
