import { mkdtempSync, writeFileSync, copyFileSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Client } from "pg";
import { startPostgres, type PostgresServer } from "../test/support/postgres";
import { defaultMigrationsDir, loadMigrations, migrate, MigrationError } from "./migrate";

let server: PostgresServer;

/** The shipped migration files, listed independently of loadMigrations. */
const SHIPPED = readdirSync(join(__dirname, "migrations")).filter((f) => f.endsWith(".sql")).sort();
const SHIPPED_VERSIONS = SHIPPED.map((f) => Number(f.slice(0, 3)));

beforeAll(async () => {
  server = await startPostgres();
});

afterAll(async () => {
  await server?.stop();
});

async function connect(url: string): Promise<Client> {
  const client = new Client({ connectionString: url });
  await client.connect();
  return client;
}

async function withClient<T>(url: string, fn: (c: Client) => Promise<T>): Promise<T> {
  const client = await connect(url);
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

const session = (over: Record<string, unknown> = {}) => ({
  id: "s-1",
  mentor_id: "mentor-1",
  starts_at: "2030-01-01T10:00:00Z",
  ends_at: "2030-01-01T11:00:00Z",
  ...over,
});

async function insert(c: Client, row: Record<string, unknown>) {
  const cols = Object.keys(row);
  await c.query(`INSERT INTO live_sessions (${cols.join(",")}) VALUES (${cols.map((_, i) => `$${i + 1}`).join(",")})`, Object.values(row));
}

describe("migrate", () => {
  let url: string;
  beforeAll(async () => {
    url = await server.createDatabase("migrate_once");
  });

  test("dry run on an empty database lists the migration and writes nothing", async () => {
    await withClient(url, async (c) => {
      const r = await migrate(c, { dryRun: true });
      expect(r.applied.map((m) => m.file)).toEqual(SHIPPED);
      expect(SHIPPED[0]).toBe("001_live_sessions.sql");
      const { rows } = await c.query("SELECT to_regclass('schema_migrations') AS t, to_regclass('live_sessions') AS l");
      expect(rows[0]).toEqual({ t: null, l: null });
    });
  });

  test("applies the shipped migrations once, then a second run is a no-op", async () => {
    await withClient(url, async (c) => {
      const first = await migrate(c);
      expect(first.applied.map((m) => m.version)).toEqual(SHIPPED_VERSIONS);
      const second = await migrate(c);
      expect(second.applied).toEqual([]);
      expect(second.alreadyApplied).toEqual(SHIPPED_VERSIONS);
      const { rows } = await c.query("SELECT version, name FROM schema_migrations ORDER BY version");
      expect(rows).toEqual(SHIPPED.map((f) => ({ version: Number(f.slice(0, 3)), name: f.slice(4, -".sql".length) })));
      const idx = await c.query("SELECT indexdef FROM pg_indexes WHERE tablename = 'live_sessions' AND indexname = 'live_sessions_starts_at_idx'");
      expect(idx.rows[0]?.indexdef).toMatch(/\(starts_at\)/);
    });
  });

  test("concurrent runs apply each migration exactly once (advisory lock)", async () => {
    const fresh = await server.createDatabase("migrate_concurrent");
    const [a, b] = await Promise.all([connect(fresh), connect(fresh)]);
    try {
      const results = await Promise.all([migrate(a), migrate(b)]);
      expect(results.map((r) => r.applied.length).sort()).toEqual([0, SHIPPED.length]);
    } finally {
      await Promise.all([a.end(), b.end()]);
    }
  });

  describe("live_sessions constraints", () => {
    let c: Client;
    beforeAll(async () => {
      c = await connect(url);
    });
    afterAll(async () => {
      await c.end();
    });
    beforeEach(async () => {
      await c.query("DELETE FROM live_sessions");
    });

    test("accepts a scheduled session and fills defaults", async () => {
      await insert(c, session());
      const { rows } = await c.query("SELECT status, recording_uri, updated_at FROM live_sessions WHERE id = 's-1'");
      expect(rows[0].status).toBe("scheduled");
      expect(rows[0].recording_uri).toBeNull();
      expect(rows[0].updated_at).toBeInstanceOf(Date);
    });

    test.each([
      ["an unknown status", { status: "paused" }, "live_sessions_status_valid"],
      ["ends before it starts", { ends_at: "2030-01-01T09:00:00Z" }, "live_sessions_ends_after_start"],
      ["ends when it starts", { ends_at: "2030-01-01T10:00:00Z" }, "live_sessions_ends_after_start"],
      ["an id with a slash", { id: "a/b" }, "live_sessions_id_format"],
      ["recorded without a recording", { status: "recorded" }, "live_sessions_recorded_has_uri"],
      ["a recording that is not an S3 URI", { recording_uri: "http://x/y" }, "live_sessions_recording_uri_s3"],
      ["a plain-http playback URL", { playback_url: "http://media.example.com/a.m3u8" }, "live_sessions_playback_url_https"],
    ])("rejects %s", async (_what, over, constraint) => {
      await expect(insert(c, session(over))).rejects.toMatchObject({ code: "23514", constraint });
    });
  });
});

describe("migration files", () => {
  test("are found from the sources and ordered by version", () => {
    const ms = loadMigrations(defaultMigrationsDir());
    expect(ms[0]).toMatchObject({ version: 1, name: "live_sessions", file: "001_live_sessions.sql" });
    expect(ms[0]!.checksum).toMatch(/^[0-9a-f]{64}$/);
  });

  test("a badly named file is refused with its name", () => {
    const dir = mkdtempSync(join(tmpdir(), "mig-"));
    writeFileSync(join(dir, "2_Add Thing.sql"), "SELECT 1;");
    expect(() => loadMigrations(dir)).toThrow(/2_Add Thing\.sql: expected a name like/);
  });

  test("an edited, already-applied migration is refused", async () => {
    const url = await server.createDatabase("migrate_edited");
    const dir = mkdtempSync(join(tmpdir(), "mig-"));
    copyFileSync(join(defaultMigrationsDir(), "001_live_sessions.sql"), join(dir, "001_live_sessions.sql"));
    await withClient(url, async (c) => {
      await migrate(c, { dir });
      writeFileSync(join(dir, "001_live_sessions.sql"), "-- edited\nSELECT 1;");
      await expect(migrate(c, { dir })).rejects.toThrow(MigrationError);
      await expect(migrate(c, { dir })).rejects.toThrow(/changed after it was applied/);
    });
  });

  test("a failing migration is rolled back and not recorded", async () => {
    const url = await server.createDatabase("migrate_failing");
    const dir = mkdtempSync(join(tmpdir(), "mig-"));
    copyFileSync(join(defaultMigrationsDir(), "001_live_sessions.sql"), join(dir, "001_live_sessions.sql"));
    writeFileSync(join(dir, "002_broken.sql"), "CREATE TABLE half_done (id int);\nSELECT no_such_function();");
    await withClient(url, async (c) => {
      await expect(migrate(c, { dir })).rejects.toThrow(/002_broken\.sql failed and was rolled back/);
      const { rows } = await c.query("SELECT array_agg(version ORDER BY version) AS v, to_regclass('half_done') AS half FROM schema_migrations");
      expect(rows[0]).toEqual({ v: [1], half: null });
    });
  });

  test("a file with its own transaction control is refused before anything runs", async () => {
    const url = await server.createDatabase("migrate_txn_control");
    const dir = mkdtempSync(join(tmpdir(), "mig-"));
    copyFileSync(join(defaultMigrationsDir(), "001_live_sessions.sql"), join(dir, "001_live_sessions.sql"));
    writeFileSync(join(dir, "002_own_txn.sql"), "BEGIN;\nCREATE TABLE half_done (id int);\nCOMMIT;\nSELECT no_such_function();\n");
    await withClient(url, async (c) => {
      await expect(migrate(c, { dir })).rejects.toThrow(/002_own_txn\.sql controls its own transaction \(line 1: BEGIN, line 3: COMMIT\)/);
      // Not even 001 ran: the files are checked first, so nothing is half-applied.
      const { rows } = await c.query("SELECT to_regclass('half_done') AS half, to_regclass('live_sessions') AS l");
      expect(rows[0]).toEqual({ half: null, l: null });
    });
  });

  test("a DO block with BEGIN ... END is not transaction control", async () => {
    const url = await server.createDatabase("migrate_do_block");
    const dir = mkdtempSync(join(tmpdir(), "mig-"));
    writeFileSync(join(dir, "001_do.sql"), "CREATE TABLE t (id int);\nDO $$\nBEGIN\n  INSERT INTO t VALUES (1);\nEND\n$$;\n");
    await withClient(url, async (c) => {
      await expect(migrate(c, { dir })).resolves.toMatchObject({ applied: [expect.objectContaining({ version: 1 })] });
      expect((await c.query("SELECT count(*)::int AS n FROM t")).rows[0].n).toBe(1);
    });
  });

  test("a migration waiting on a lock fails after lock_timeout, is rolled back and can run again", async () => {
    const url = await server.createDatabase("migrate_lock_timeout");
    await withClient(url, (c) => migrate(c));
    const dir = mkdtempSync(join(tmpdir(), "mig-"));
    for (const f of SHIPPED) copyFileSync(join(defaultMigrationsDir(), f), join(dir, f));
    const next = String(SHIPPED_VERSIONS[SHIPPED_VERSIONS.length - 1]! + 1).padStart(3, "0");
    writeFileSync(join(dir, `${next}_add_note.sql`), "ALTER TABLE live_sessions ADD COLUMN note text;\n");
    const holder = await connect(url);
    try {
      await holder.query("BEGIN");
      await holder.query("SELECT * FROM live_sessions LIMIT 1"); // ACCESS SHARE: conflicts with ALTER TABLE
      await withClient(url, async (c) => {
        const err = await migrate(c, { dir, lockTimeoutMs: 300 }).catch((e: unknown) => e);
        expect(err).toBeInstanceOf(MigrationError);
        expect(String(err)).toMatch(/lock timeout[\s\S]*a lock was not granted within 300 ms/);
        // The session's lock_timeout is reset: later use of the connection is unaffected.
        expect((await c.query("SHOW lock_timeout")).rows[0].lock_timeout).toBe("0");
      });
      const waiting = await holder.query("SELECT count(*)::int AS n FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND datname = current_database()");
      expect(waiting.rows[0].n).toBe(0);
    } finally {
      await holder.query("ROLLBACK");
      await holder.end();
    }
    await withClient(url, async (c) => {
      const r = await migrate(c, { dir });
      expect(r.applied.map((m) => m.file)).toEqual([`${next}_add_note.sql`]);
    });
  });
});

