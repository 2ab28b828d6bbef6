import { readdirSync } from "node:fs";
import { join } from "node:path";
import { createServer } from "node:net";
import { Client } from "pg";
import { startPostgres, type PostgresServer } from "../../test/support/postgres";
import { runOpsInProcess } from "../../test/support/ops-cli";
import { ExitCode } from "../errors";

let server: PostgresServer;
beforeAll(async () => {
  server = await startPostgres();
});
afterAll(async () => {
  await server?.stop();
});

const runCli = (args: string[]) => runOpsInProcess(...args);

test("ops db migrate --dry-run lists, then migrate applies, then a rerun applies nothing", async () => {
  const url = await server.createDatabase("cli_migrate");
  const dry = await runCli(["db", "migrate", "--database-url", url, "--dry-run"]);
  expect(dry).toMatchObject({ code: ExitCode.Ok });
  expect(dry.stdout).toContain("would apply 001_live_sessions.sql");

  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    expect((await client.query("SELECT to_regclass('live_sessions') AS t")).rows[0].t).toBeNull();
    const applied = await runCli(["db", "migrate", "--database-url", url]);
    expect(applied.code).toBe(ExitCode.Ok);
    expect(applied.stdout).toContain("applied 001_live_sessions.sql");
    expect((await client.query("SELECT to_regclass('live_sessions') AS t")).rows[0].t).toBe("live_sessions");
    const again = await runCli(["db", "migrate", "--database-url", url]);
    const shipped = readdirSync(join(__dirname, "..", "..", "db", "migrations")).filter((f) => f.endsWith(".sql")).length;
    expect(shipped).toBeGreaterThan(1);
    expect(again.stdout).toContain(`0 migration(s) applied, ${shipped} already applied`);
  } finally {
    await client.end();
  }
});

test("a URL that is not postgresql:// is a usage error", async () => {
  const r = await runCli(["db", "migrate", "--database-url", "mysql://x@y/z"]);
  expect(r.code).toBe(ExitCode.Usage);
  expect(r.stderr).toMatch(/must use postgresql:\/\//);
});

test("an unreachable database is a remote error naming host and port", async () => {
  const probe = createServer();
  await new Promise<void>((r) => probe.listen(0, "127.0.0.1", r));
  const port = (probe.address() as { port: number }).port;
  await new Promise((r) => probe.close(r));
  const r = await runCli(["db", "migrate", "--database-url", `postgresql://app@127.0.0.1:${port}/x`]);
  expect(r.code).toBe(ExitCode.Remote);
  expect(r.stderr).toContain(`cannot connect to 127.0.0.1:${port}/x`);
});

test("--json: one JSON document, on success and on failure", async () => {
  const url = await server.createDatabase("cli_migrate_json");
  const shipped = readdirSync(join(__dirname, "..", "..", "db", "migrations")).filter((f) => f.endsWith(".sql")).sort();
  const dry = await runCli(["db", "migrate", "--database-url", url, "--dry-run", "--json"]);
  expect(dry.code).toBe(ExitCode.Ok);
  expect(JSON.parse(dry.stdout)).toEqual({ database: expect.stringMatching(/\/cli_migrate_json$/), dryRun: true, pending: shipped, alreadyApplied: [] });
  const applied = await runCli(["db", "migrate", "--database-url", url, "--json"]);
  expect(JSON.parse(applied.stdout)).toMatchObject({ dryRun: false, applied: shipped, alreadyApplied: [] });
  const again = await runCli(["db", "migrate", "--database-url", url, "--json"]);
  // One form for every list: file names.
  expect(JSON.parse(again.stdout)).toMatchObject({ applied: [], alreadyApplied: shipped });

  const bad = await runCli(["db", "migrate", "--database-url", "mysql://x@y/z", "--json"]);
  expect(bad.code).toBe(ExitCode.Usage);
  expect(JSON.parse(bad.stdout)).toEqual({ error: { type: "usage", exitCode: 2, message: "--database-url must use postgresql://, got mysql://" } });
});

test("one migration applied and the next failed is partial (exit 6), listing both", async () => {
  const url = await server.createDatabase("cli_migrate_partial");
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    // 001 applies; 002 creates pool_channels, which is already there.
    await client.query("CREATE TABLE pool_channels (x int)");
    const r = await runCli(["db", "migrate", "--database-url", url, "--json"]);
    expect(r.code).toBe(ExitCode.Partial);
    const report = JSON.parse(r.stdout);
    expect(report).toMatchObject({ error: { type: "partial", exitCode: 6 }, applied: ["001_live_sessions.sql"], failed: "002_session_lifecycle.sql" });
    expect(report.error.message).toMatch(/applied 001_live_sessions\.sql, then 002_session_lifecycle\.sql failed and was rolled back: relation "pool_channels" already exists/);
    expect(report.error.message).not.toMatch(/nothing/);
    expect((await client.query("SELECT version FROM schema_migrations ORDER BY version")).rows).toEqual([{ version: 1 }]);
  } finally {
    await client.end();
  }
});

test("--database-url postgres:// with PG* variables is labelled with the host, port and database it connects to", async () => {
  const url = new URL(await server.createDatabase("cli_migrate_env"));
  const saved = { PGHOST: process.env.PGHOST, PGPORT: process.env.PGPORT, PGDATABASE: process.env.PGDATABASE, PGUSER: process.env.PGUSER };
  Object.assign(process.env, { PGHOST: url.hostname, PGPORT: url.port, PGDATABASE: "cli_migrate_env", PGUSER: decodeURIComponent(url.username) });
  try {
    const r = await runCli(["db", "migrate", "--database-url", "postgres://", "--dry-run", "--json"]);
    expect(r.code).toBe(ExitCode.Ok);
    expect(JSON.parse(r.stdout).database).toBe(`${url.hostname}:${url.port}/cli_migrate_env`);
  } finally {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
});
