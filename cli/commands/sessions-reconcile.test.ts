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

test("postgres:// without PGUSER is a settings problem: exit 2 before any call, not 'cannot connect'", async () => {
  const db = new URL(url);
  const saved = { PGHOST: process.env.PGHOST, PGPORT: process.env.PGPORT, PGDATABASE: process.env.PGDATABASE, PGUSER: process.env.PGUSER, PGSSLMODE: process.env.PGSSLMODE };
  Object.assign(process.env, { PGHOST: db.hostname, PGPORT: db.port, PGDATABASE: db.pathname.slice(1), PGSSLMODE: "disable" });
  delete process.env.PGUSER;
  try {
    expect(await ops("sessions", "reconcile", "--schedule", "postgres://", "--pool", "dev")).toBe(ExitCode.Usage);
    expect(stderr).toMatch(/error: --schedule postgres:\/\/: database settings: PGUSER is not set/);
    expect(stderr).not.toMatch(/cannot connect/);
    expect(aws.medialive.calls).toEqual([]);
  } finally {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
});

test("a postgres:// URL pg cannot read is a usage error that shows no password, for the pass and the plan", async () => {
  for (const args of [["sessions", "reconcile", "--pool", "dev"], ["sessions", "plan", "--pool-size", "1"]]) {
    expect(await ops(...args, "--schedule", "postgres://ops:s3cret@[db/livestream")).toBe(ExitCode.Usage);
    expect(stderr).toMatch(/is not a PostgreSQL URL pg can read/);
    expect(stderr).not.toContain("s3cret");
  }
});

test("sessions plan --schedule postgres://: back-to-back sessions of two mentors get their own channels while the pool allows, as the pass does", async () => {
  await insert("a", 5, 60);
  await insert("b", 62, 90);
  await sql.query("UPDATE live_sessions SET mentor_id = id");
  expect(await ops("sessions", "plan", "--schedule", url, "--pool-size", "2", "--json")).toBe(ExitCode.Ok);
  expect(JSON.parse(stdout).assignments.map((a: { sessionId: string; channelId: string; sharesKeyWith?: string[] }) => [a.sessionId, a.channelId, a.sharesKeyWith])).toEqual([
    ["a", "channel-1", undefined],
    ["b", "channel-2", undefined],
  ]);
  // One channel: b joins a's run, and the plan says whose key it streams with.
  expect(await ops("sessions", "plan", "--schedule", url, "--pool-size", "1")).toBe(ExitCode.Ok);
  expect(stdout).toMatch(/^b +channel-1 \(shares the stream key of a\) /m);
});

test("sessions plan --schedule postgres://: channels the loop assigned are not pins; an operator's pins are, and say so", async () => {
  // The loop assigned s1 and s2 to two channels (channel_assigned_at set): a what-if plan may move them.
  await insert("s1", 5, 60, "1000001");
  await insert("s2", 120, 180, "1000002");
  await sql.query("UPDATE live_sessions SET channel_assigned_at = now() WHERE id IN ('s1', 's2')");
  expect(await ops("sessions", "plan", "--schedule", url, "--pool-size", "1", "--json")).toBe(ExitCode.Ok);
  const plan = JSON.parse(stdout);
  expect(plan.assignments.map((a: { sessionId: string; channelId: string; explicit: boolean; loopChannelId?: string }) => [a.sessionId, a.channelId, a.explicit, a.loopChannelId])).toEqual([
    ["s1", "channel-1", false, "1000001"],
    ["s2", "channel-1", false, "1000002"],
  ]);

  // s3 is pinned (channel_id, no channel_assigned_at): explicit, labelled as an operator's pin.
  await insert("s3", 300, 360, "1000002");
  expect(await ops("sessions", "plan", "--schedule", url, "--pool-size", "1", "--json")).toBe(ExitCode.Ok);
  expect(JSON.parse(stdout).assignments.find((a: { sessionId: string }) => a.sessionId === "s3")).toMatchObject({ channelId: "1000002", explicit: true, requestedBy: "operator" });
  expect(await ops("sessions", "plan", "--schedule", url, "--pool-size", "2")).toBe(ExitCode.Ok);
  expect(stdout).toMatch(/^s3 +1000002 \(pinned by an operator\) /m);
});
