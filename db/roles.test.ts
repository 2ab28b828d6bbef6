/**
 * The least-privilege roles of migration 003 on a real server: each can do its job and nothing
 * else (no DELETE, no DDL, no role management, no other columns).
 */
import { Client } from "pg";
import { DATABASE_ROLES } from "../contracts";
import { startPostgres, type PostgresServer } from "../test/support/postgres";
import { migrate } from "./migrate";

let server: PostgresServer;
let url: string;
let admin: Client;

beforeAll(async () => {
  server = await startPostgres();
  url = await server.createDatabase("roles");
  admin = new Client({ connectionString: url });
  await admin.connect();
  await migrate(admin);
  await admin.query("INSERT INTO live_sessions (id, mentor_id, starts_at, ends_at, status) VALUES ('r-1', 'm-1', now() - interval '2 hours', now() - interval '1 hour', 'ended')");
  await admin.query("INSERT INTO pool_channels (pool, channel_id) VALUES ('dev', '1234567')");
});

afterAll(async () => {
  await admin?.end();
  await server?.stop();
});

async function as<T>(role: string, work: (c: Client) => Promise<T>): Promise<T> {
  const c = new Client({ host: server.host, port: server.port, database: "roles", user: role });
  await c.connect();
  try {
    return await work(c);
  } finally {
    await c.end();
  }
}

const DENIED = { code: "42501" };
/** Errors for what the role must not do: no privilege, or "must be owner" (also 42501). */
const refused = (c: Client, sql: string) => expect(c.query(sql)).rejects.toMatchObject(DENIED);

describe("livestream_indexer", () => {
  test("writes the recording and status columns", async () => {
    await as(DATABASE_ROLES.indexer, async (c) => {
      const r = await c.query(
        "UPDATE live_sessions SET recording_uri = 's3://b/sessions/r-1/index.m3u8', playback_url = 'https://m.example.com/x', status = 'recorded', recorded_at = now(), status_changed_at = now(), recording_source = 'event', updated_at = now() WHERE id = 'r-1' RETURNING status",
      );
      expect(r.rows).toEqual([{ status: "recorded" }]);
    });
  });

  test.each([
    ["DELETE a row", "DELETE FROM live_sessions"],
    ["DROP the table", "DROP TABLE live_sessions"],
    ["TRUNCATE it", "TRUNCATE live_sessions"],
    ["ALTER it", "ALTER TABLE live_sessions ADD COLUMN x int"],
    ["INSERT a session", "INSERT INTO live_sessions (id, mentor_id, starts_at, ends_at) VALUES ('x', 'm', now(), now() + interval '1 hour')"],
    ["change the app's columns", "UPDATE live_sessions SET mentor_id = 'someone-else' WHERE id = 'r-1'"],
    ["move the schedule", "UPDATE live_sessions SET ends_at = now() WHERE id = 'r-1'"],
    ["read the ingest credentials", "SELECT ingest_urls FROM live_sessions"],
    ["touch pool_channels", "SELECT * FROM pool_channels"],
    ["read the migration history", "SELECT * FROM schema_migrations"],
    ["create a role", "CREATE ROLE intruder LOGIN"],
    ["create a table", "CREATE TABLE public.mine (id int)"],
  ])("cannot %s", async (_what, sql) => {
    await as(DATABASE_ROLES.indexer, (c) => refused(c, sql));
  });
});

describe("livestream_reconcile", () => {
  test("reads sessions, writes the lifecycle columns and keeps pool_channels", async () => {
    await as(DATABASE_ROLES.reconcile, async (c) => {
      expect((await c.query("SELECT id, starts_at, ends_at, channel_id, title, status FROM live_sessions WHERE id = 'r-1'")).rows).toHaveLength(1);
      await c.query("UPDATE live_sessions SET channel_id = '1234567', channel_assigned_at = now(), harvest_attempts = harvest_attempts + 1, harvest_requested_at = now(), last_error = NULL, updated_at = now() WHERE id = 'r-1'");
      await c.query("INSERT INTO pool_channels (pool, channel_id) VALUES ('dev', '7654321') ON CONFLICT (pool, channel_id) DO UPDATE SET healthy = EXCLUDED.healthy, updated_at = now()");
      await c.query("UPDATE pool_channels SET healthy = false, unhealthy_reason = 'stuck', unhealthy_since = now() WHERE channel_id = '1234567'");
    });
    expect((await admin.query("SELECT count(*)::int AS n FROM pool_channels")).rows[0].n).toBe(2);
  });

  test.each([
    ["DELETE a session", "DELETE FROM live_sessions"],
    ["DELETE a channel", "DELETE FROM pool_channels"],
    ["DROP a table", "DROP TABLE pool_channels"],
    ["INSERT a session", "INSERT INTO live_sessions (id, mentor_id, starts_at, ends_at) VALUES ('x', 'm', now(), now() + interval '1 hour')"],
    ["change the app's columns", "UPDATE live_sessions SET starts_at = now(), title = 'x' WHERE id = 'r-1'"],
    ["create a role", "CREATE ROLE intruder LOGIN"],
    ["create a table", "CREATE TABLE public.mine (id int)"],
  ])("cannot %s", async (_what, sql) => {
    await as(DATABASE_ROLES.reconcile, (c) => refused(c, sql));
  });
});

describe("grants cover the schema", () => {
  // Written by the app, never by the pass or the indexer.
  const APP_OWNED = ["id", "mentor_id", "title", "starts_at", "ends_at", "created_at"];

  test("every live_sessions column is either the app's or writable by the reconcile role (a new column needs a decision)", async () => {
    const { rows } = await admin.query(
      `SELECT c.column_name, has_column_privilege($1, 'live_sessions', c.column_name, 'UPDATE') AS writable
         FROM information_schema.columns c WHERE c.table_name = 'live_sessions' ORDER BY c.ordinal_position`,
      [DATABASE_ROLES.reconcile],
    );
    const undecided = rows.filter((r) => !r.writable && !APP_OWNED.includes(r.column_name)).map((r) => r.column_name);
    const tooMuch = rows.filter((r) => r.writable && APP_OWNED.includes(r.column_name)).map((r) => r.column_name);
    expect({ undecided, tooMuch }).toEqual({ undecided: [], tooMuch: [] });
  });

  test("the roles hold no attribute beyond LOGIN, and a connection cap each", async () => {
    const { rows } = await admin.query(
      "SELECT rolname, rolsuper, rolcreaterole, rolcreatedb, rolreplication, rolbypassrls, rolconnlimit FROM pg_roles WHERE rolname = ANY($1) ORDER BY rolname",
      [Object.values(DATABASE_ROLES)],
    );
    expect(rows).toEqual([
      { rolname: "livestream_indexer", rolsuper: false, rolcreaterole: false, rolcreatedb: false, rolreplication: false, rolbypassrls: false, rolconnlimit: 10 },
      { rolname: "livestream_reconcile", rolsuper: false, rolcreaterole: false, rolcreatedb: false, rolreplication: false, rolbypassrls: false, rolconnlimit: 6 },
    ]);
  });

  test("re-applying 003's grants to a second database of the same server works (roles exist already)", async () => {
    const second = await server.createDatabase("roles_again");
    const c = new Client({ connectionString: second });
    await c.connect();
    try {
      await expect(migrate(c)).resolves.toMatchObject({ dryRun: false });
    } finally {
      await c.end();
    }
  });
});
