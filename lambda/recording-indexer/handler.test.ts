/**
 * The recording indexer against a real PostgreSQL server (schema and roles applied by db/migrate),
 * connected AS livestream_indexer (so the grants are what is tested), and the Lambda handler end to
 * end through the real SDK clients talking to local Secrets Manager and SQS stand-ins.
 * One test per numbered finding of issue 19 where the indexer is concerned.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { Client, Pool } from "pg";
import { DATABASE_ROLES } from "../../contracts";
import { migrate } from "../../db/migrate";
import { DatabasePool, DeadlineError, type DatabaseSettings } from "../../lib/postgres-connection";
import { SqsFake } from "../../test/fakes/sqs-server";
import { startPostgres, type PostgresServer } from "../../test/support/postgres";
import { handler, resetForTests, type InvocationContext } from "./handler";
import { RecordingIndexer, RejectedRowError, UnknownSessionError, isPermanent, type S3EventRecord } from "./indexer";
import type { Logger, LogLevel } from "./log";
import type { FailureRecord } from "./parking";
import { MalformedKeyError, parseRecordingKey, playbackUrl } from "./recording-key";

const BUCKET = "livestream-dev-recorded-media";
const DOMAIN = "media.dev.mentoring.example.com";
const T0 = Date.parse("2030-01-01T12:00:00.000Z");
const at = (seconds: number) => new Date(T0 + seconds * 1000).toISOString();

const record = (key: string, eventTime: string, sequencer?: string, bucket = BUCKET, eventName = "ObjectCreated:Put"): S3EventRecord => ({
  eventName,
  eventTime,
  s3: { bucket: { name: bucket }, object: { key, ...(sequencer ? { sequencer } : {}) } },
});
const s3Event = (key: string, eventTime = at(0), sequencer?: string, bucket = BUCKET, eventName?: string) => ({ Records: [record(key, eventTime, sequencer, bucket, eventName)] });

interface LogEntry {
  level: LogLevel;
  message: string;
  fields: Record<string, unknown>;
}
function captureLog(): { log: Logger; entries: LogEntry[] } {
  const entries: LogEntry[] = [];
  return { entries, log: (level, message, fields = {}) => entries.push({ level, message, fields }) };
}

describe("parseRecordingKey", () => {
  test("takes the session id from sessions/<id>/ and marks the master", () => {
    expect(parseRecordingKey("sessions/abc-123/2030/index.m3u8")).toEqual({ key: "sessions/abc-123/2030/index.m3u8", sessionId: "abc-123", isMaster: true });
    expect(parseRecordingKey("sessions/abc/index_1.m3u8")).toMatchObject({ sessionId: "abc", isMaster: false });
  });

  test.each([
    ["another prefix", "recordings/abc/index.m3u8", /start with sessions\//],
    ["no file below the session", "sessions/abc.m3u8", /expected sessions\/<sessionId>/],
    ["a bad session id", "sessions/a%b/index.m3u8", /session id 'a%b'/],
    ["an empty session id", "sessions//index.m3u8", /session id ''/],
    ["a parent-folder segment", "sessions/abc/../x/index.m3u8", /'\.\.'/],
    ["not a manifest", "sessions/abc/segment_001.ts", /\.m3u8 manifest/],
  ])("refuses %s", (_what, key, message) => {
    expect(() => parseRecordingKey(key)).toThrow(MalformedKeyError);
    expect(() => parseRecordingKey(key)).toThrow(message);
  });

  test("playback URLs encode each path segment", () => {
    expect(playbackUrl(DOMAIN, "sessions/s/my show/index.m3u8")).toBe(`https://${DOMAIN}/sessions/s/my%20show/index.m3u8`);
  });
});

let server: PostgresServer;
let admin: Pool;
const ROTATING_ROLE = "rotating_indexer";

function settings(over: Partial<DatabaseSettings> = {}): DatabaseSettings {
  return {
    host: "127.0.0.1",
    port: server.port,
    database: "indexer",
    user: DATABASE_ROLES.indexer,
    auth: { method: "password" },
    sslMode: "disable",
    statementTimeoutMs: 5_000,
    lockTimeoutMs: 2_000,
    connectTimeoutMs: 3_000,
    applicationName: "recording-indexer",
    ...over,
  };
}

beforeAll(async () => {
  // Trust for every role except the one whose password the rotation test changes.
  server = await startPostgres({ hbaLines: [`host all ${ROTATING_ROLE} 127.0.0.1/32 scram-sha-256`] });
  const url = await server.createDatabase("indexer");
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    await migrate(client);
    await client.query(`CREATE ROLE ${ROTATING_ROLE} LOGIN PASSWORD 'first-password' IN ROLE ${DATABASE_ROLES.indexer}`);
  } finally {
    await client.end();
  }
  admin = new Pool({ connectionString: url, max: 3 });
});

afterAll(async () => {
  await admin?.end();
  await server?.stop();
});

async function addSession(id: string, status = "ended", extra: Record<string, unknown> = {}): Promise<void> {
  const cols = ["id", "mentor_id", "starts_at", "ends_at", "status", ...Object.keys(extra)];
  const values = [id, "mentor-1", new Date(T0 - 7_200_000), new Date(T0 - 3_600_000), status, ...Object.values(extra)];
  await admin.query(`INSERT INTO live_sessions (${cols.join(", ")}) VALUES (${cols.map((_, i) => `$${i + 1}`).join(", ")})`, values);
}
async function row(id: string) {
  const { rows } = await admin.query("SELECT * FROM live_sessions WHERE id = $1", [id]);
  return rows[0];
}
const uriOf = (key: string) => `s3://${BUCKET}/${key}`;

describe("RecordingIndexer on PostgreSQL, connected as livestream_indexer", () => {
  let db: DatabasePool;
  let entries: LogEntry[];
  let indexer: RecordingIndexer;
  beforeAll(() => {
    db = new DatabasePool(settings());
  });
  afterAll(async () => {
    await db.end();
  });
  beforeEach(() => {
    const captured = captureLog();
    entries = captured.entries;
    indexer = new RecordingIndexer({ db, mediaDomain: DOMAIN, log: captured.log });
  });

  test("a master manifest records the session: URI, URL, status, times, sequencer and source", async () => {
    await addSession("new-1");
    const before = await row("new-1");
    const result = await indexer.handleEvent(s3Event("sessions/new-1/2030-01-01/index.m3u8", at(5), "0062E5A1B2C3D4E5F6"));
    expect(result).toEqual({ outcomes: ["recorded"], permanentFailures: [] });
    const after = await row("new-1");
    expect(after).toMatchObject({
      status: "recorded",
      recording_uri: uriOf("sessions/new-1/2030-01-01/index.m3u8"),
      playback_url: `https://${DOMAIN}/sessions/new-1/2030-01-01/index.m3u8`,
      recording_event_time: new Date(at(5)),
      recording_sequencer: "0062E5A1B2C3D4E5F6",
      recording_source: "event",
    });
    expect(after.recorded_at).toBeInstanceOf(Date);
    expect(after.status_changed_at.getTime()).toBeGreaterThan(before.status_changed_at.getTime());
  });

  test("2. child playlists are skipped and logged, and never become the recording", async () => {
    await addSession("child-1");
    const kids = await indexer.handleEvent({ Records: [record("sessions/child-1/index_1.m3u8", at(1)), record("sessions/child-1/index_2.m3u8", at(2))] });
    expect(kids.outcomes).toEqual(["skipped-child", "skipped-child"]);
    expect(await row("child-1")).toMatchObject({ status: "ended", recording_uri: null });
    expect(entries.filter((e) => /not a master manifest/.test(e.message)).map((e) => e.fields.key)).toEqual(["sessions/child-1/index_1.m3u8", "sessions/child-1/index_2.m3u8"]);
    await indexer.handleEvent(s3Event("sessions/child-1/index.m3u8", at(0)));
    expect((await row("child-1")).recording_uri).toBe(uriOf("sessions/child-1/index.m3u8"));
  });

  test("4. the newest of three re-harvests to new keys wins, in every delivery order", async () => {
    const harvests = [
      ["sessions/{id}/index.m3u8", at(0)],
      ["sessions/{id}/retry-1/index.m3u8", at(600)],
      ["sessions/{id}/zz/retry-2/index.m3u8", at(1200)],
    ] as const;
    const orders = [[0, 1, 2], [0, 2, 1], [1, 0, 2], [1, 2, 0], [2, 0, 1], [2, 1, 0]];
    for (const [n, order] of orders.entries()) {
      const id = `order-${n}`;
      await addSession(id);
      for (const i of order) await indexer.handleEvent(s3Event(harvests[i]![0].replace("{id}", id), harvests[i]![1]));
      expect((await row(id)).recording_uri).toBe(uriOf(`sessions/${id}/zz/retry-2/index.m3u8`));
    }
    expect(entries.some((e) => e.message === "kept the newer recording already indexed")).toBe(true);
  });

  test("4. on one key the sequencer orders overwrites (hex, the shorter right-padded with zeros, as S3 documents), and a late older event changes nothing", async () => {
    await addSession("seq-1");
    const key = "sessions/seq-1/index.m3u8";
    // Same eventTime: only the sequencer tells them apart. "FF" is "FF00" against "0100": the later one.
    await indexer.handleEvent(s3Event(key, at(0), "0100"));
    const newer = await indexer.handleEvent(s3Event(key, at(0), "FF"));
    expect(newer.outcomes).toEqual(["refreshed"]);
    expect((await row("seq-1")).recording_sequencer).toBe("FF");
    const older = await indexer.handleEvent(s3Event(key, at(0), "0101"));
    expect(older.outcomes).toEqual(["unchanged"]);
    expect((await row("seq-1")).recording_sequencer).toBe("FF");
  });

  test("4. a repeated delivery leaves the row as it was, updated_at included", async () => {
    await addSession("dup-1");
    const event = s3Event("sessions/dup-1/index.m3u8", at(3), "0A");
    await indexer.handleEvent(event);
    const first = await row("dup-1");
    expect((await indexer.handleEvent(event)).outcomes).toEqual(["unchanged"]);
    expect(await row("dup-1")).toEqual(first);
  });

  test("4. concurrent deliveries of four harvests settle on the newest", async () => {
    await addSession("race-1");
    const keys = ["a", "b", "c", "d"].map((f, i) => [`sessions/race-1/${f}/index.m3u8`, at(i * 10)] as const);
    await Promise.all([keys[2], keys[0], keys[3], keys[1]].map(([k, t]) => indexer.handleEvent(s3Event(k, t))));
    expect((await row("race-1")).recording_uri).toBe(uriOf("sessions/race-1/d/index.m3u8"));
  });

  test("4. a recording indexed before event times were kept (maybe a child) is replaced by a master", async () => {
    await addSession("legacy-1", "recorded", { recording_uri: uriOf("sessions/legacy-1/index_1.m3u8"), playback_url: `https://${DOMAIN}/sessions/legacy-1/index_1.m3u8` });
    expect((await indexer.handleEvent(s3Event("sessions/legacy-1/index.m3u8", at(-100000)))).outcomes).toEqual(["recorded"]);
    expect((await row("legacy-1")).recording_uri).toBe(uriOf("sessions/legacy-1/index.m3u8"));
  });

  test.each(["cancelled", "scheduled", "no_channel"])("3. a %s session takes no recording", async (status) => {
    const id = `status-${status.replace("_", "-")}`;
    await addSession(id, status);
    const result = await indexer.handleEvent(s3Event(`sessions/${id}/index.m3u8`));
    expect(result.outcomes).toEqual(["skipped-status"]);
    expect(await row(id)).toMatchObject({ status, recording_uri: null, playback_url: null });
  });

  test("3. recording_failed takes a late recording and its error is cleared", async () => {
    await addSession("failed-1", "recording_failed", { last_error: "no master manifest", last_error_at: new Date(T0) });
    expect((await indexer.handleEvent(s3Event("sessions/failed-1/index.m3u8"))).outcomes).toEqual(["recorded"]);
    expect(await row("failed-1")).toMatchObject({ status: "recorded", last_error: null, last_error_at: null });
  });

  test("3. a recording an operator cleared is not re-published by a duplicate or a replay", async () => {
    await addSession("hidden-1");
    const event = s3Event("sessions/hidden-1/index.m3u8", at(0));
    await indexer.handleEvent(event);
    // The operator hides it (docs/operations.md, "Overriding a recording").
    await admin.query("UPDATE live_sessions SET recording_source = 'operator', recording_uri = NULL, playback_url = NULL, status = 'ended' WHERE id = 'hidden-1'");
    expect((await indexer.handleEvent(event)).outcomes).toEqual(["skipped-override"]);
    expect((await indexer.handleEvent(s3Event("sessions/hidden-1/later/index.m3u8", at(9999)))).outcomes).toEqual(["skipped-override"]);
    expect(await row("hidden-1")).toMatchObject({ status: "ended", recording_uri: null, recording_source: "operator" });
  });

  test("4. an operator's fix is not reverted by a late duplicate or a newer harvest", async () => {
    await addSession("pinned-1");
    await indexer.handleEvent(s3Event("sessions/pinned-1/bad/index.m3u8", at(50)));
    await admin.query(
      "UPDATE live_sessions SET recording_source = 'operator', recording_uri = $2, playback_url = $3 WHERE id = $1",
      ["pinned-1", uriOf("sessions/pinned-1/good/index.m3u8"), `https://${DOMAIN}/sessions/pinned-1/good/index.m3u8`],
    );
    await indexer.handleEvent(s3Event("sessions/pinned-1/bad/index.m3u8", at(50)));
    await indexer.handleEvent(s3Event("sessions/pinned-1/newest/index.m3u8", at(5000)));
    expect((await row("pinned-1")).recording_uri).toBe(uriOf("sessions/pinned-1/good/index.m3u8"));
  });

  test("7. an unknown session is a permanent failure, reported once (no throw, so no retry)", async () => {
    const result = await indexer.handleEvent(s3Event("sessions/nobody/index.m3u8"));
    expect(result.outcomes).toEqual([]);
    expect(result.permanentFailures).toEqual([
      expect.objectContaining({ key: "sessions/nobody/index.m3u8", errorType: UnknownSessionError.name, reason: expect.stringMatching(/no live_sessions row with id 'nobody'/) }),
    ]);
    const logged = entries.find((e) => e.level === "error");
    expect(logged?.message).toMatch(/parked with its reason, not retried/);
    expect(logged?.message).not.toMatch(/retry it/);
    expect(logged?.fields).toMatchObject({ errorType: "UnknownSessionError", sessionId: "nobody", bucket: BUCKET });
  });

  test("7. a row the database rejects (a CHECK) is a permanent failure with the constraint named", async () => {
    await addSession("check-1");
    // An upper-case bucket name breaks live_sessions_recording_uri_s3.
    const result = await indexer.handleEvent(s3Event("sessions/check-1/index.m3u8", at(0), undefined, "Bad_Bucket"));
    expect(result.permanentFailures[0]).toMatchObject({ errorType: RejectedRowError.name, reason: expect.stringMatching(/SQLSTATE 23514.*live_sessions_recording_uri_s3/) });
    expect((await row("check-1")).status).toBe("ended");
  });

  test("a malformed key or event never reaches the database", async () => {
    const calls: string[] = [];
    const spy = { query: (text: string, values?: unknown[]) => (calls.push(text), db.query(text, values)) };
    const strict = new RecordingIndexer({ db: spy, mediaDomain: DOMAIN, log: captureLog().log });
    const result = await strict.handleEvent({
      Records: [
        record("sessions/x/../../etc/index.m3u8", at(0)),
        record("sessions/ok/bad%zz.m3u8", at(0)),
        record("other/ok/index.m3u8", at(0)),
        record("sessions/ok/index.m3u8", "not a time"),
        record("sessions/ok/index.m3u8", at(0), "not-hex"),
      ],
    });
    expect(result.permanentFailures.map((f) => f.errorType)).toEqual(Array(5).fill("MalformedKeyError"));
    expect(calls).toEqual([]);
  });

  test("S3's test event and non-creation records are ignored", async () => {
    await expect(indexer.handleEvent({ Event: "s3:TestEvent" })).resolves.toEqual({ outcomes: [], permanentFailures: [] });
    await expect(indexer.handleEvent(s3Event("sessions/x/index.m3u8", at(0), undefined, BUCKET, "ObjectRemoved:Delete"))).resolves.toEqual({ outcomes: [], permanentFailures: [] });
  });

  test("5. past the deadline nothing is sent and the failure is transient (Lambda retries)", async () => {
    await addSession("late-1");
    const err = await indexer.handleEvent(s3Event("sessions/late-1/index.m3u8"), { deadline: Date.now() + 1_000 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DeadlineError);
    expect(isPermanent(err)).toBe(false);
    expect((await row("late-1")).status).toBe("ended");
  });

  test("6. a lock wait is cancelled by the server (lock_timeout): no backend left waiting, no late commit", async () => {
    await addSession("locked-1");
    const quick = new DatabasePool(settings({ lockTimeoutMs: 300 }));
    const holder = await admin.connect();
    try {
      await holder.query("BEGIN");
      await holder.query("SELECT 1 FROM live_sessions WHERE id = 'locked-1' FOR UPDATE");
      const busy = new RecordingIndexer({ db: quick, mediaDomain: DOMAIN, log: captureLog().log });
      const err = await busy.handleEvent(s3Event("sessions/locked-1/index.m3u8")).catch((e: unknown) => e);
      expect((err as { code?: string }).code).toBe("55P03"); // lock_not_available: the server gave up
      expect(isPermanent(err)).toBe(false);
      const waiting = await admin.query("SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = 'recording-indexer' AND wait_event_type = 'Lock'");
      expect(waiting.rows[0].n).toBe(0);
    } finally {
      await holder.query("COMMIT");
      holder.release();
    }
    // Nothing was left queued behind the lock to commit once it is released.
    await new Promise((r) => setTimeout(r, 300));
    expect((await row("locked-1")).status).toBe("ended");
    await quick.end();
  });

  test("6. the connection carries statement_timeout and lock_timeout to the server (over the role's defaults)", async () => {
    const own = new DatabasePool(settings({ statementTimeoutMs: 4_500, lockTimeoutMs: 1_500 }));
    try {
      const { rows } = await own.query("SELECT current_setting('statement_timeout') AS s, current_setting('lock_timeout') AS l, current_user AS u");
      expect(rows[0]).toEqual({ s: "4500ms", l: "1500ms", u: DATABASE_ROLES.indexer });
    } finally {
      await own.end();
    }
    // Migration 003's role defaults cover a client that sets nothing.
    const bare = new Client({ host: "127.0.0.1", port: server.port, database: "indexer", user: DATABASE_ROLES.indexer });
    await bare.connect();
    try {
      const { rows } = await bare.query("SELECT current_setting('statement_timeout') AS s, current_setting('lock_timeout') AS l");
      expect(rows[0]).toEqual({ s: "5s", l: "2s" });
    } finally {
      await bare.end();
    }
  });

  test("a database that is down is a transient failure (Lambda retries)", async () => {
    const down = new DatabasePool(settings({ port: await unusedPort() }));
    const err = await new RecordingIndexer({ db: down, mediaDomain: DOMAIN, log: captureLog().log }).handleEvent(s3Event("sessions/x/index.m3u8")).catch((e: unknown) => e);
    expect((err as { code?: string }).code).toBe("ECONNREFUSED");
    expect(isPermanent(err)).toBe(false);
    await down.end();
  });
});

async function unusedPort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, "127.0.0.1", r));
  const port = (s.address() as AddressInfo).port;
  await new Promise((r) => s.close(r));
  return port;
}

const lambdaContext = (remainingMs = 30_000): InvocationContext => {
  const end = Date.now() + remainingMs;
  return { getRemainingTimeInMillis: () => end - Date.now(), awsRequestId: "req-1", invokedFunctionArn: "arn:aws:lambda:ap-southeast-1:111111111111:function:livestream-dev-recording-indexer" };
};

describe("handler (Lambda entry) with Secrets Manager and the dead-letter queue", () => {
  let secrets: Server;
  let secretRequests: { target?: string; body: string }[];
  let secretPassword: string;
  let hangSecrets: boolean;
  let sqs: SqsFake;
  let queueUrl: string;
  const saved = { ...process.env };
  const DLQ = "livestream-dev-recording-indexer-dlq";

  beforeAll(async () => {
    secretRequests = [];
    secretPassword = "first-password";
    hangSecrets = false;
    secrets = createServer((req, res) => {
      let body = "";
      req.on("data", (c) => (body += c));
      req.on("end", () => {
        secretRequests.push({ target: req.headers["x-amz-target"] as string | undefined, body });
        if (hangSecrets) return; // accepted, never answered
        res.writeHead(200, { "content-type": "application/x-amz-json-1.1" });
        res.end(JSON.stringify({ ARN: JSON.parse(body).SecretId, Name: "db", VersionId: "v1", SecretString: JSON.stringify({ username: ROTATING_ROLE, password: secretPassword }) }));
      });
    });
    await new Promise<void>((r) => secrets.listen(0, "127.0.0.1", r));
    sqs = new SqsFake();
    await sqs.start();
    queueUrl = sqs.createQueue(DLQ);
    Object.assign(process.env, {
      AWS_ENDPOINT_URL_SECRETS_MANAGER: `http://127.0.0.1:${(secrets.address() as AddressInfo).port}`,
      AWS_ENDPOINT_URL_SQS: sqs.url,
      AWS_REGION: "ap-southeast-1",
      AWS_ACCESS_KEY_ID: "AKIATESTTESTTESTTEST",
      AWS_SECRET_ACCESS_KEY: "test-secret",
      PGHOST: "127.0.0.1",
      PGPORT: String(server.port),
      PGDATABASE: "indexer",
      PGSSLMODE: "disable",
      LIVESTREAM_DB_AUTH: "secret",
      LIVESTREAM_DB_SECRET_ARN: "arn:aws:secretsmanager:ap-southeast-1:111111111111:secret:indexer-AbCdEf",
      MEDIA_DOMAIN: DOMAIN,
      DEAD_LETTER_QUEUE_URL: queueUrl,
    });
  });

  afterAll(async () => {
    await resetForTests();
    process.env = saved;
    secrets.closeAllConnections();
    await new Promise((r) => secrets.close(r));
    await sqs.close();
  });

  async function quietly<T>(work: () => Promise<T>): Promise<{ result: T; lines: Record<string, unknown>[] }> {
    const write = jest.spyOn(process.stdout, "write").mockImplementation(() => true);
    try {
      const result = await work();
      return { result, lines: write.mock.calls.map((c) => JSON.parse(String(c[0]))) };
    } finally {
      write.mockRestore();
    }
  }

  test("indexes through the real SDK and pool, reading the secret once across invocations", async () => {
    await addSession("h-1");
    await addSession("h-2");
    const { result, lines } = await quietly(async () => [await handler(s3Event("sessions/h-1/index.m3u8"), lambdaContext()), await handler(s3Event("sessions/h-2/index.m3u8"), lambdaContext())]);
    expect(result).toEqual([
      { outcomes: ["recorded"], permanentFailures: [], parked: false },
      { outcomes: ["recorded"], permanentFailures: [], parked: false },
    ]);
    expect(lines.filter((l) => l.message === "recording indexed").map((l) => l.sessionId)).toEqual(["h-1", "h-2"]);
    expect(secretRequests).toHaveLength(1);
    expect(secretRequests[0]).toMatchObject({ target: "secretsmanager.GetSecretValue" });
  });

  test("7. after a password rotation the next invocation re-reads the secret and succeeds (no failed invocation)", async () => {
    await addSession("rot-0");
    await addSession("rot-1");
    // A warm environment that has read the current password and connected with it.
    await resetForTests();
    await admin.query(`ALTER ROLE ${ROTATING_ROLE} PASSWORD 'password-a'`);
    secretPassword = "password-a";
    expect((await quietly(() => handler(s3Event("sessions/rot-0/index.m3u8"), lambdaContext()))).result.outcomes).toEqual(["recorded"]);
    const readsBefore = secretRequests.length;
    await admin.query(`ALTER ROLE ${ROTATING_ROLE} PASSWORD 'password-b'`);
    secretPassword = "password-b";
    // A warm environment: its pool must open a new connection, which now meets the new password.
    await admin.query("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = $1", [ROTATING_ROLE]);
    const { result } = await quietly(() => handler(s3Event("sessions/rot-1/index.m3u8"), lambdaContext()));
    expect(result.outcomes).toEqual(["recorded"]);
    expect(secretRequests.length - readsBefore).toBe(1);
  });

  test("7. a permanent failure is parked once in the dead-letter queue with its reason, and the invocation succeeds", async () => {
    const before = sqs.messages(DLQ).length;
    const event = s3Event("sessions/ghost/index.m3u8", at(7), "0B");
    const { result } = await quietly(() => handler(event, lambdaContext()));
    expect(result).toMatchObject({ parked: true, permanentFailures: [{ key: "sessions/ghost/index.m3u8", errorType: "UnknownSessionError" }] });
    const parked = sqs.messages(DLQ).slice(before);
    expect(parked).toHaveLength(1);
    const body = JSON.parse(parked[0]!.body) as FailureRecord;
    expect(body.requestPayload).toEqual(event);
    expect(body.requestContext).toMatchObject({ condition: "PermanentFailure", requestId: "req-1" });
    expect(body.responsePayload?.errorMessage).toMatch(/no live_sessions row with id 'ghost'/);
  });

  test("a replay reports a permanent failure without parking it again", async () => {
    const before = sqs.messages(DLQ).length;
    const { result } = await quietly(() => handler({ replay: { requestPayload: s3Event("sessions/ghost/index.m3u8") } }, lambdaContext()));
    expect(result).toMatchObject({ parked: false, permanentFailures: [{ errorType: "UnknownSessionError" }] });
    expect(sqs.messages(DLQ).length).toBe(before);
  });

  test("5. a hung Secrets Manager fails the invocation within its remaining time, as a transient failure", async () => {
    await resetForTests();
    hangSecrets = true;
    try {
      const { result } = await quietly(() => handler(s3Event("sessions/h-1/index.m3u8"), lambdaContext(4_000)).catch((e: unknown) => e));
      const err = result as Error;
      expect(err).toBeInstanceOf(Error);
      expect(err.name).toMatch(/Abort|Timeout/);
      expect(isPermanent(err)).toBe(false);
      expect(secretRequests[secretRequests.length - 1]?.target).toBe("secretsmanager.GetSecretValue");
    } finally {
      hangSecrets = false;
      await resetForTests();
    }
  });

  test.each(["-", "localhost", "https://media.example.com", "media.example.com:443", "10.0.0.1"])("9. refuses MEDIA_DOMAIN=%p", async (domain) => {
    process.env.MEDIA_DOMAIN = domain;
    try {
      await expect(handler(s3Event("sessions/h-1/index.m3u8"), lambdaContext())).rejects.toThrow(/MEDIA_DOMAIN must be a lower-case host name/);
    } finally {
      process.env.MEDIA_DOMAIN = DOMAIN;
      await resetForTests();
    }
  });

  test("refuses PGSSLMODE=disable inside Lambda", async () => {
    process.env.AWS_LAMBDA_FUNCTION_NAME = "livestream-dev-recording-indexer";
    try {
      await expect(handler(s3Event("sessions/h-1/index.m3u8"), lambdaContext())).rejects.toThrow(/PGSSLMODE=disable is for local tests only/);
    } finally {
      delete process.env.AWS_LAMBDA_FUNCTION_NAME;
      await resetForTests();
    }
  });
});
