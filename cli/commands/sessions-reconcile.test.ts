/**
 * `ops sessions reconcile --schedule postgres://...` end to end: argv -> main() -> real SDK -> fake
 * AWS servers, and a real PostgreSQL. Exit codes, --json, the pool lock, and the stream key kept
 * out of everything the command prints.
 */
import { Client } from "pg";
import { migrate } from "../../db/migrate";
import { startFakeAws, type FakeAws } from "../../test/fakes/aws";
import { startPostgres, type PostgresServer } from "../../test/support/postgres";
import { runOpsInProcess } from "../../test/support/ops-cli";
import { ExitCode, OpsError } from "../errors";
import { RECONCILE_LOCK_CLASS } from "../sessions/postgres-store";
import { sessionsReconcile } from "./sessions-reconcile";

let pg: PostgresServer;
let aws: FakeAws;
let url: string;
let sql: Client;
let stdout = "";
let stderr = "";
let n = 0;

/** Runs `ops` in process; its output stays in stdout and stderr for the assertions that follow. */
const ops = async (...argv: string[]): Promise<number> => ({ stdout, stderr } = await runOpsInProcess(...argv)).code;

const minutes = (m: number) => new Date(Date.now() + m * 60_000);

beforeAll(async () => {
  pg = await startPostgres();
});
afterAll(async () => {
  await pg?.stop();
});
beforeEach(async () => {
  aws = await startFakeAws({ startMs: 0, stopMs: 0 });
  for (const id of ["1000001", "1000002"]) aws.medialive.addChannel({ id, tags: { "livestream:pool": "dev" } });
  url = await pg.createDatabase(`cli_reconcile_${++n}`);
  sql = new Client({ connectionString: url });
  await sql.connect();
  await migrate(sql);
});
afterEach(async () => {
  await sql.end();
  await aws.close();
});

const insert = (id: string, startMin: number, endMin: number, channelId: string | null = null) =>
  sql.query("INSERT INTO live_sessions (id, mentor_id, channel_id, starts_at, ends_at) VALUES ($1, 'm', $2, $3, $4)", [id, channelId, minutes(startMin), minutes(endMin)]);

test("--json: the pass assigns, keys and starts; the rows say where to push; nothing printed holds the key", async () => {
  await insert("s1", 5, 60);
  expect(await ops("sessions", "reconcile", "--schedule", url, "--pool", "dev", "--json")).toBe(ExitCode.Ok);
  const report = JSON.parse(stdout);
  expect(report.channels.find((c: { id: string }) => c.id === "1000001").actions).toEqual(["rekey", "start"]);
  const row = (await sql.query("SELECT channel_id, ingest_urls, status FROM live_sessions WHERE id = 's1'")).rows[0];
  expect(row).toEqual({ channel_id: "1000001", status: "scheduled", ingest_urls: [expect.stringMatching(/^rtmp:\/\/.+\/live\/[A-Za-z0-9_-]{32}$/)] });
  const key = row.ingest_urls[0].split("/").pop();
  expect(aws.medialive.inputOf("1000001").streamNames).toEqual([`live/${key}`]);
  expect(stdout + stderr).not.toContain(key);
  expect(JSON.stringify(aws.cloudwatch.put)).not.toContain(key);
});

test("another pass holds the pool's lock: exit 0, says so, does nothing", async () => {
  await insert("s1", 5, 60);
  const holder = new Client({ connectionString: url });
  await holder.connect();
  try {
    await holder.query("SELECT pg_advisory_lock($1::int, hashtext($2))", [RECONCILE_LOCK_CLASS, "reconcile:dev"]);
    expect(await ops("sessions", "reconcile", "--schedule", url, "--pool", "dev")).toBe(ExitCode.Ok);
    expect(stdout).toMatch(/another pass holds the lock of pool dev; it covers this run, nothing was done/);
    expect(aws.medialive.calls).toEqual([]);
  } finally {
    await holder.end();
  }
  expect(await ops("sessions", "reconcile", "--schedule", url, "--pool", "dev")).toBe(ExitCode.Ok);
  expect(aws.medialive.accepted("StartChannel")).toHaveLength(1);
});

test("failures carry the report as details; an unreachable database is exit 3 with nothing done", async () => {
  await insert("ghost", 5, 60, "7777777");
  let thrown: unknown;
  const quiet = jest.spyOn(process.stdout, "write").mockImplementation(() => true);
  try {
    await sessionsReconcile({ schedule: url, pool: "dev", json: true });
  } catch (err) {
    thrown = err;
  } finally {
    quiet.mockRestore();
  }
  expect(thrown).toBeInstanceOf(OpsError);
  expect((thrown as OpsError).exitCode).toBe(ExitCode.Partial);
  expect((thrown as OpsError).details).toEqual(expect.objectContaining({ pool: "dev", errors: [expect.objectContaining({ kind: "session", sessionId: "ghost" })] }));

  const calls = aws.medialive.calls.length;
  expect(await ops("sessions", "reconcile", "--schedule", "postgresql://app:secret@127.0.0.1:1/x", "--pool", "dev", "--call-timeout", "2s")).toBe(ExitCode.Remote);
  expect(stderr).toMatch(/cannot connect to postgresql:\/\/app:\*\*\*@127.0.0.1:1\/x/);
  expect(aws.medialive.calls).toHaveLength(calls);
});
