/**
 * The least-privilege roles of migrations 003 and 004 on a real server: each can do its job and
 * nothing else (no DELETE, no DDL, no role management, no other columns).
 */
import { Client } from "pg";
import { APP_DATABASE_GROUP, APP_SCHEMA, DATABASE_ROLES, SERVICE_DATABASE_ROLES, SERVICE_NAMES } from "../contracts";
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

describe.each(SERVICE_NAMES.map((name) => [name, SERVICE_DATABASE_ROLES[name]]))("the %s service (%s)", (service, role) => {
  test("reads sessions, the recording included; only the mentor service reads the ingest URLs (the stream keys)", async () => {
    const id = `read-${service}`;
    await admin.query(
      `INSERT INTO live_sessions (id, mentor_id, starts_at, ends_at, status, ingest_urls, recording_uri, playback_url)
       VALUES ($1, 'm-1', now() - interval '2 hours', now() - interval '1 hour', 'recorded', ARRAY['rtmp://203.0.113.9:1935/live/k'], 's3://b/sessions/x/index.m3u8', 'https://m.example.com/x')`,
      [id],
    );
    const rows = await as(role, async (c) => (await c.query("SELECT mentor_id, recording_uri, status FROM live_sessions WHERE id = $1", [id])).rows);
    expect(rows).toEqual([{ mentor_id: "m-1", recording_uri: "s3://b/sessions/x/index.m3u8", status: "recorded" }]);
    if (service === "mentor") {
      const keys = await as(role, async (c) => (await c.query("SELECT ingest_urls FROM live_sessions WHERE id = $1", [id])).rows);
      expect(keys).toEqual([{ ingest_urls: ["rtmp://203.0.113.9:1935/live/k"] }]);
    } else {
      await as(role, async (c) => {
        await refused(c, `SELECT ingest_urls FROM live_sessions WHERE id = '${id}'`);
        await refused(c, "SELECT * FROM live_sessions");
      });
    }
  });

  test("creates a session and changes the app's own columns, then cancels it through app.cancel_session", async () => {
    const id = `s-${service}`;
    await as(role, async (c) => {
      await c.query("INSERT INTO live_sessions (id, mentor_id, title, starts_at, ends_at) VALUES ($1, 'm-2', 'draft', now() + interval '1 day', now() + interval '1 day 1 hour')", [id]);
      await c.query("UPDATE live_sessions SET title = 'Office hours', starts_at = starts_at + interval '1 hour', ends_at = ends_at + interval '1 hour', updated_at = now() WHERE id = $1", [id]);
      expect((await c.query(`SELECT ${APP_SCHEMA}.cancel_session($1) AS done`, [id])).rows).toEqual([{ done: true }]);
      // A second cancel finds nothing left to cancel.
      expect((await c.query(`SELECT ${APP_SCHEMA}.cancel_session($1) AS done`, [id])).rows).toEqual([{ done: false }]);
    });
    const { rows } = await admin.query("SELECT title, status FROM live_sessions WHERE id = $1", [id]);
    expect(rows).toEqual([{ title: "Office hours", status: "cancelled" }]);
  });

  test("cannot cancel a session that went on air", async () => {
    await admin.query("INSERT INTO live_sessions (id, mentor_id, starts_at, ends_at, status) VALUES ($1, 'm-3', now() - interval '10 minutes', now() + interval '50 minutes', 'live') ON CONFLICT (id) DO NOTHING", [`live-${service}`]);
    const done = await as(role, async (c) => (await c.query(`SELECT ${APP_SCHEMA}.cancel_session($1) AS done`, [`live-${service}`])).rows[0].done);
    expect(done).toBe(false);
    expect((await admin.query("SELECT status FROM live_sessions WHERE id = $1", [`live-${service}`])).rows[0].status).toBe("live");
  });

  test.each([
    ["set a status", "UPDATE live_sessions SET status = 'recorded' WHERE id = 'r-1'"],
    ["pick a channel", "UPDATE live_sessions SET channel_id = '1234567' WHERE id = 'r-1'"],
    ["write the recording", "UPDATE live_sessions SET recording_uri = 's3://b/k' WHERE id = 'r-1'"],
    ["write the ingest URLs", "UPDATE live_sessions SET ingest_urls = NULL WHERE id = 'r-1'"],
    ["insert a session already live", "INSERT INTO live_sessions (id, mentor_id, starts_at, ends_at, status) VALUES ('x', 'm', now(), now() + interval '1 hour', 'live')"],
    ["DELETE a session", "DELETE FROM live_sessions"],
    ["TRUNCATE it", "TRUNCATE live_sessions"],
    ["ALTER it", "ALTER TABLE live_sessions ADD COLUMN x int"],
    ["read pool_channels", "SELECT * FROM pool_channels"],
    ["read the migration history", "SELECT * FROM schema_migrations"],
    ["create a table in public", "CREATE TABLE public.mine (id int)"],
    ["create a table in app", `CREATE TABLE ${APP_SCHEMA}.mine (id int)`],
    ["create a role", "CREATE ROLE intruder LOGIN"],
    ["become the reconcile role", `SET ROLE ${DATABASE_ROLES.reconcile}`],
  ])("cannot %s", async (_what, sql) => {
    await as(role, (c) => refused(c, sql));
  });
});

describe("the services' schema", () => {
  test("a table a later migration creates in app is the services' to read and write, with no GRANT of its own", async () => {
    await admin.query(`CREATE TABLE ${APP_SCHEMA}.reactions (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, session_id text NOT NULL, emoji text NOT NULL)`);
    await as(SERVICE_DATABASE_ROLES.social, async (c) => {
      await c.query(`INSERT INTO ${APP_SCHEMA}.reactions (session_id, emoji) VALUES ('r-1', 'clap')`);
      await c.query(`UPDATE ${APP_SCHEMA}.reactions SET emoji = 'heart'`);
      expect((await c.query(`SELECT emoji FROM ${APP_SCHEMA}.reactions`)).rows).toEqual([{ emoji: "heart" }]);
      await c.query(`DELETE FROM ${APP_SCHEMA}.reactions`);
      await refused(c, `DROP TABLE ${APP_SCHEMA}.reactions`);
    });
    // The recording writers get nothing there.
    await as(DATABASE_ROLES.reconcile, (c) => refused(c, `SELECT * FROM ${APP_SCHEMA}.reactions`));
  });

  test("the group cannot log in; each service role is a member with its own connection cap and nothing else", async () => {
    const { rows } = await admin.query(
      `SELECT r.rolname, r.rolcanlogin, r.rolsuper, r.rolcreaterole, r.rolcreatedb, r.rolreplication, r.rolbypassrls, r.rolconnlimit,
              pg_has_role(r.rolname, $2, 'MEMBER') AS in_group
         FROM pg_roles r WHERE r.rolname = ANY($1) ORDER BY r.rolname`,
      [[APP_DATABASE_GROUP, ...Object.values(SERVICE_DATABASE_ROLES)], APP_DATABASE_GROUP],
    );
    const attributes = { rolsuper: false, rolcreaterole: false, rolcreatedb: false, rolreplication: false, rolbypassrls: false };
    expect(rows).toEqual([
      { rolname: APP_DATABASE_GROUP, rolcanlogin: false, ...attributes, rolconnlimit: -1, in_group: true },
      ...Object.values(SERVICE_DATABASE_ROLES).sort().map((rolname) => ({ rolname, rolcanlogin: true, ...attributes, rolconnlimit: 100, in_group: true })),
    ]);
    // Server-side bounds for a client that sets none.
    const settings = await as(SERVICE_DATABASE_ROLES.mentor, async (c) => (await c.query("SELECT current_setting('statement_timeout') AS s, current_setting('lock_timeout') AS l")).rows[0]);
    expect(settings).toEqual({ s: "15s", l: "5s" });
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

  test("the services read every live_sessions column but ingest_urls, which only the mentor service reads (a new column needs a decision)", async () => {
    const { rows } = await admin.query(
      `SELECT c.column_name, has_column_privilege($1, 'live_sessions', c.column_name, 'SELECT') AS app,
              has_column_privilege($2, 'live_sessions', c.column_name, 'SELECT') AS mentor,
              has_column_privilege($3, 'live_sessions', c.column_name, 'SELECT') AS mentee
         FROM information_schema.columns c WHERE c.table_name = 'live_sessions' ORDER BY c.column_name`,
      [APP_DATABASE_GROUP, SERVICE_DATABASE_ROLES.mentor, SERVICE_DATABASE_ROLES.mentee],
    );
    expect(rows.filter((r) => !r.app).map((r) => r.column_name)).toEqual(["ingest_urls"]);
    expect(rows.filter((r) => !r.mentor).map((r) => r.column_name)).toEqual([]);
    expect(rows.filter((r) => !r.mentee).map((r) => r.column_name)).toEqual(["ingest_urls"]);
  });

  test("the services write exactly the app's columns, and no column both they and the reconcile task write (but updated_at)", async () => {
    const { rows } = await admin.query(
      `SELECT c.column_name, has_column_privilege($1, 'live_sessions', c.column_name, 'UPDATE') AS app,
              has_column_privilege($2, 'live_sessions', c.column_name, 'UPDATE') AS pass
         FROM information_schema.columns c WHERE c.table_name = 'live_sessions' ORDER BY c.column_name`,
      [APP_DATABASE_GROUP, DATABASE_ROLES.reconcile],
    );
    expect(rows.filter((r) => r.app).map((r) => r.column_name)).toEqual(["ends_at", "mentor_id", "starts_at", "title", "updated_at"]);
    expect(rows.filter((r) => r.app && r.pass).map((r) => r.column_name)).toEqual(["updated_at"]);
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
