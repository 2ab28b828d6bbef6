/**
 * The recording indexer against a real PostgreSQL server (schema applied by db/migrate), and the
 * Lambda handler end to end with the real Secrets Manager client talking to a local fake endpoint.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { Client, Pool } from "pg";
import { migrate } from "../../db/migrate";
import { startPostgres, type PostgresServer } from "../../test/support/postgres";
import { handler, resetForTests } from "./handler";
import { PermanentError, RecordingIndexer, UnknownSessionError, isPermanent } from "./indexer";
import type { Logger, LogLevel } from "./log";
import { MalformedKeyError, compareManifests, parseRecordingKey, playbackUrl } from "./recording-key";

const BUCKET = "livestream-dev-recorded-media";
const DOMAIN = "media.dev.mentoring.example.com";

const s3Event = (key: string, bucket = BUCKET, eventName = "ObjectCreated:Put") => ({
  Records: [{ eventName, s3: { bucket: { name: bucket }, object: { key } } }],
});

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
    expect(parseRecordingKey("sessions/abc-123/2030/index.m3u8")).toEqual({ key: "sessions/abc-123/2030/index.m3u8", sessionId: "abc-123", isMaster: true, depth: 1 });
    expect(parseRecordingKey("sessions/abc/index_1.m3u8")).toMatchObject({ sessionId: "abc", isMaster: false, depth: 0 });
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

  test("orders manifests master first, then shallow, then short", () => {
    const keys = ["sessions/s/a/index_1.m3u8", "sessions/s/a/index.m3u8", "sessions/s/index_720p.m3u8", "sessions/s/a/b/index.m3u8"];
    const sorted = keys.map((k) => parseRecordingKey(k)).sort(compareManifests).map((k) => k.key);
    expect(sorted).toEqual(["sessions/s/a/index.m3u8", "sessions/s/a/b/index.m3u8", "sessions/s/index_720p.m3u8", "sessions/s/a/index_1.m3u8"]);
  });

  test("playback URLs encode each path segment", () => {
    expect(playbackUrl(DOMAIN, "sessions/s/my show/index.m3u8")).toBe(`https://${DOMAIN}/sessions/s/my%20show/index.m3u8`);
  });
});

let server: PostgresServer;
let dbUrl: string;
let pool: Pool;

beforeAll(async () => {
  server = await startPostgres();
  dbUrl = await server.createDatabase("indexer");
  const client = new Client({ connectionString: dbUrl });
  await client.connect();
  try {
    await migrate(client);
  } finally {
    await client.end();
  }
  pool = new Pool({ connectionString: dbUrl, max: 2 });
});

afterAll(async () => {
  await pool?.end();
  await server?.stop();
});

async function addSession(id: string): Promise<void> {
  await pool.query("INSERT INTO live_sessions (id, mentor_id, starts_at, ends_at, status) VALUES ($1, 'mentor-1', now() - interval '2 hours', now() - interval '1 hour', 'ended')", [id]);
}
async function row(id: string) {
  const { rows } = await pool.query("SELECT * FROM live_sessions WHERE id = $1", [id]);
  return rows[0];
}

describe("RecordingIndexer on PostgreSQL", () => {
  let entries: LogEntry[];
  let indexer: RecordingIndexer;
  beforeEach(() => {
    const captured = captureLog();
    entries = captured.entries;
    indexer = new RecordingIndexer({ db: pool, mediaDomain: DOMAIN, log: captured.log });
  });

  test("a new recording sets the S3 URI, the playback URL and status recorded", async () => {
    await addSession("new-1");
    const result = await indexer.handleEvent(s3Event("sessions/new-1/2030-01-01/index.m3u8"));
    expect(result.outcomes).toEqual(["recorded"]);
    expect(await row("new-1")).toMatchObject({
      status: "recorded",
      recording_uri: `s3://${BUCKET}/sessions/new-1/2030-01-01/index.m3u8`,
      playback_url: `https://${DOMAIN}/sessions/new-1/2030-01-01/index.m3u8`,
    });
  });

  test("keys arrive URL-encoded and are decoded", async () => {
    await addSession("enc-1");
    await indexer.handleEvent(s3Event("sessions/enc-1/my+talk%281%29/index.m3u8"));
    expect(await row("enc-1")).toMatchObject({
      recording_uri: `s3://${BUCKET}/sessions/enc-1/my talk(1)/index.m3u8`,
      playback_url: `https://${DOMAIN}/sessions/enc-1/my%20talk(1)/index.m3u8`,
    });
  });

  test("the same event twice leaves the same row, updated_at included", async () => {
    await addSession("dup-1");
    const event = s3Event("sessions/dup-1/index.m3u8");
    await indexer.handleEvent(event);
    const first = await row("dup-1");
    const again = await indexer.handleEvent(event);
    expect(again.outcomes).toEqual(["unchanged"]);
    expect(await row("dup-1")).toEqual(first);
  });

  test("a child playlist does not overwrite the master, whichever arrives first", async () => {
    await addSession("order-a");
    await addSession("order-b");
    const master = (id: string) => `sessions/${id}/h/index.m3u8`;
    const child = (id: string) => `sessions/${id}/h/index_1.m3u8`;

    await indexer.handleEvent(s3Event(master("order-a")));
    const kept = await indexer.handleEvent(s3Event(child("order-a")));
    expect(kept.outcomes).toEqual(["kept-better"]);

    await indexer.handleEvent(s3Event(child("order-b")));
    expect((await row("order-b")).recording_uri).toBe(`s3://${BUCKET}/${child("order-b")}`);
    await indexer.handleEvent(s3Event(master("order-b")));

    expect((await row("order-a")).recording_uri).toBe(`s3://${BUCKET}/${master("order-a")}`);
    expect((await row("order-b")).recording_uri).toBe(`s3://${BUCKET}/${master("order-b")}`);
  });

  test("concurrent events for one session settle on the master", async () => {
    await addSession("race-1");
    const keys = ["index_3.m3u8", "index_1.m3u8", "index.m3u8", "index_2.m3u8"].map((f) => `sessions/race-1/${f}`);
    await Promise.all(keys.map((k) => indexer.handleEvent(s3Event(k))));
    expect((await row("race-1")).recording_uri).toBe(`s3://${BUCKET}/sessions/race-1/index.m3u8`);
  });

  test("an unknown session is logged and thrown as PermanentError (to the DLQ after bounded retries)", async () => {
    const err = await indexer.handleEvent(s3Event("sessions/nobody/index.m3u8")).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PermanentError);
    expect((err as PermanentError).failures).toEqual([{ key: "sessions/nobody/index.m3u8", reason: expect.stringMatching(/no live_sessions row with id 'nobody'/) }]);
    const logged = entries.find((e) => e.level === "error");
    expect(logged?.fields).toMatchObject({ errorType: UnknownSessionError.name, sessionId: "nobody", bucket: BUCKET, key: "sessions/nobody/index.m3u8" });
    expect(JSON.parse(JSON.stringify(logged))).toEqual(logged); // plain JSON, as jsonLogger writes it
    expect(await row("nobody")).toBeUndefined();
  });

  test("a malformed key is logged and thrown as PermanentError without touching the database", async () => {
    const calls: string[] = [];
    const spyDb = { query: (text: string, values?: unknown[]) => (calls.push(text), pool.query(text, values)) };
    const captured = captureLog();
    const strict = new RecordingIndexer({ db: spyDb, mediaDomain: DOMAIN, log: captured.log });
    for (const key of ["sessions/x/../../etc/index.m3u8", "sessions/ok/bad%zz.m3u8", "other/ok/index.m3u8"]) {
      const err = await strict.handleEvent(s3Event(key)).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(PermanentError);
    }
    expect(calls).toEqual([]);
    expect(captured.entries.filter((e) => e.level === "error").map((e) => e.fields.errorType)).toEqual(["MalformedKeyError", "MalformedKeyError", "MalformedKeyError"]);
  });

  test("good records in a mixed event are indexed before the permanent failure is thrown", async () => {
    await addSession("mixed-1");
    const event = { Records: [...s3Event("sessions/ghost/index.m3u8").Records, ...s3Event("sessions/mixed-1/index.m3u8").Records] };
    await expect(indexer.handleEvent(event)).rejects.toBeInstanceOf(PermanentError);
    expect((await row("mixed-1")).status).toBe("recorded");
  });

  test("S3's test event and non-creation records are ignored", async () => {
    await expect(indexer.handleEvent({ Event: "s3:TestEvent" })).resolves.toEqual({ outcomes: [] });
    await expect(indexer.handleEvent(s3Event("sessions/x/index.m3u8", BUCKET, "ObjectRemoved:Delete"))).resolves.toEqual({ outcomes: [] });
  });

  test("a database that is down makes the invocation throw a retryable (non-permanent) error", async () => {
    await addSession("down-1");
    const closedPort = await unusedPort();
    const deadPool = new Pool({ host: "127.0.0.1", port: closedPort, user: "app", database: "indexer", connectionTimeoutMillis: 2000, max: 1 });
    const captured = captureLog();
    const down = new RecordingIndexer({ db: deadPool, mediaDomain: DOMAIN, log: captured.log });
    try {
      const err = await down.handleEvent(s3Event("sessions/down-1/index.m3u8")).catch((e: unknown) => e);
      expect(err).toHaveProperty("message");
      expect(err).not.toBeInstanceOf(PermanentError);
      expect(isPermanent(err)).toBe(false);
      expect((err as { code?: string }).code).toBe("ECONNREFUSED");
      expect(captured.entries.find((e) => e.level === "error")?.message).toMatch(/Lambda will retry/);
    } finally {
      await deadPool.end();
    }
    expect((await row("down-1")).status).toBe("ended");
  });
});

async function unusedPort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, "127.0.0.1", r));
  const port = (s.address() as AddressInfo).port;
  await new Promise((r) => s.close(r));
  return port;
}

describe("handler (Lambda entry) with Secrets Manager", () => {
  let secrets: Server;
  let secretRequests: { target?: string; body: string }[];
  const saved = { ...process.env };

  beforeAll(async () => {
    secretRequests = [];
    secrets = createServer((req, res) => {
      let body = "";
      req.on("data", (c) => (body += c));
      req.on("end", () => {
        secretRequests.push({ target: req.headers["x-amz-target"] as string | undefined, body });
        res.writeHead(200, { "content-type": "application/x-amz-json-1.1" });
        res.end(JSON.stringify({ ARN: JSON.parse(body).SecretId, Name: "db", VersionId: "v1", SecretString: JSON.stringify({ username: "app", password: "unused-with-trust-auth" }) }));
      });
    });
    await new Promise<void>((r) => secrets.listen(0, "127.0.0.1", r));
    Object.assign(process.env, {
      AWS_ENDPOINT_URL_SECRETS_MANAGER: `http://127.0.0.1:${(secrets.address() as AddressInfo).port}`,
      AWS_REGION: "ap-southeast-1",
      AWS_ACCESS_KEY_ID: "AKIATESTTESTTESTTEST",
      AWS_SECRET_ACCESS_KEY: "test-secret",
      DB_HOST: "127.0.0.1",
      DB_PORT: String(server.port),
      DB_NAME: "indexer",
      DB_SSL: "disable",
      DB_SECRET_ARN: "arn:aws:secretsmanager:ap-southeast-1:111111111111:secret:db-master-AbCdEf",
      MEDIA_DOMAIN: DOMAIN,
    });
  });

  afterAll(async () => {
    await resetForTests();
    process.env = saved;
    await new Promise((r) => secrets.close(r));
  });

  test("indexes through the real SDK and pg pool, reading the secret once across invocations", async () => {
    await addSession("h-1");
    await addSession("h-2");
    const write = jest.spyOn(process.stdout, "write").mockImplementation(() => true);
    try {
      await expect(handler(s3Event("sessions/h-1/index.m3u8"))).resolves.toEqual({ outcomes: ["recorded"] });
      await expect(handler(s3Event("sessions/h-2/index.m3u8"))).resolves.toEqual({ outcomes: ["recorded"] });
      const lines = write.mock.calls.map((c) => JSON.parse(String(c[0])));
      expect(lines.filter((l) => l.message === "recording indexed").map((l) => l.sessionId)).toEqual(["h-1", "h-2"]);
    } finally {
      write.mockRestore();
    }
    expect(secretRequests).toHaveLength(1);
    expect(secretRequests[0]).toMatchObject({ target: "secretsmanager.GetSecretValue" });
    expect(JSON.parse(secretRequests[0]!.body)).toEqual({ SecretId: process.env.DB_SECRET_ARN });
    expect((await row("h-2")).status).toBe("recorded");
  });

  test("a database that is down fails the invocation so that Lambda retries it", async () => {
    await resetForTests();
    process.env.DB_PORT = String(await unusedPort());
    const write = jest.spyOn(process.stdout, "write").mockImplementation(() => true);
    try {
      const err = await handler(s3Event("sessions/h-1/index.m3u8")).catch((e: unknown) => e);
      expect(isPermanent(err)).toBe(false);
      expect((err as { code?: string }).code).toBe("ECONNREFUSED");
    } finally {
      write.mockRestore();
      process.env.DB_PORT = String(server.port);
      await resetForTests();
    }
  });

  test("refuses DB_SSL=disable inside Lambda", async () => {
    process.env.AWS_LAMBDA_FUNCTION_NAME = "livestream-dev-recording-indexer";
    try {
      await expect(handler(s3Event("sessions/h-1/index.m3u8"))).rejects.toThrow(/DB_SSL=disable is for local tests only/);
    } finally {
      delete process.env.AWS_LAMBDA_FUNCTION_NAME;
      await resetForTests();
    }
  });
});
