/**
 * `ops db migrate`: applies the project's SQL migrations (db/migrations) to a PostgreSQL database.
 * Prefer DATABASE_URL over --database-url: a password on the command line shows in `ps`.
 */
import { Client } from "pg";
import { loadMigrations, migrate, MigrationError } from "../../db/migrate";
import { PartialError, RemoteError, UsageError } from "../errors";

export interface DbMigrateOptions {
  /** postgresql://user:password@host:port/database[?sslmode=verify-full] */
  readonly databaseUrl?: string;
  readonly dryRun?: boolean;
  /** Print one JSON document (database, dryRun, applied or pending, alreadyApplied: file names) instead of lines. */
  readonly json?: boolean;
}

export async function dbMigrate(opts: DbMigrateOptions, out: NodeJS.WritableStream = process.stdout): Promise<void> {
  const url = opts.databaseUrl ?? process.env.DATABASE_URL;
  if (!url) throw new UsageError("no database given", "pass --database-url or set DATABASE_URL (postgresql://user@host:5432/db)");
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new UsageError("--database-url is not a URL", "expected postgresql://user:password@host:5432/database");
  }
  if (!["postgres:", "postgresql:"].includes(parsed.protocol)) {
    throw new UsageError(`--database-url must use postgresql://, got ${parsed.protocol}//`);
  }
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 10_000 });
  // What pg will connect to: the URL's parts, with PG* variables and libpq defaults for what it leaves out.
  const where = `${client.host}:${client.port}/${client.database ?? ""}`;
  try {
    await client.connect();
  } catch (err) {
    throw new RemoteError(`cannot connect to ${where}: ${(err as Error).message}`, "check the host, port, credentials and that your network reaches the database");
  }
  const done: string[] = [];
  let fileOf: Map<number, string>;
  try {
    fileOf = new Map(loadMigrations().map((m) => [m.version, m.file]));
  } catch (err) {
    await client.end().catch(() => undefined);
    if (err instanceof MigrationError) throw new UsageError(err.message);
    throw err;
  }
  try {
    const result = await migrate(client, {
      dryRun: opts.dryRun,
      onMigration: (m) => {
        done.push(m.file);
        if (!opts.json) out.write(`${opts.dryRun ? "would apply" : "applied"} ${m.file}\n`);
      },
    });
    if (opts.json) {
      const report = { database: where, dryRun: result.dryRun, [result.dryRun ? "pending" : "applied"]: result.applied.map((m) => m.file), alreadyApplied: result.alreadyApplied.map((v) => fileOf.get(v) ?? String(v)) };
      out.write(`${JSON.stringify(report, null, 2)}\n`);
      return;
    }
    const verb = result.dryRun ? "pending" : "applied";
    out.write(`${where}: ${result.applied.length} migration(s) ${verb}, ${result.alreadyApplied.length} already applied\n`);
  } catch (err) {
    // Each migration runs in its own transaction: the ones listed as applied stay applied.
    const applied = opts.dryRun ? [] : done;
    const failed = err instanceof MigrationError ? err.file : undefined;
    const details = { database: where, dryRun: !!opts.dryRun, applied, ...(failed ? { failed } : {}), error: (err as Error).message };
    if (applied.length) {
      throw new PartialError(
        `${where}: applied ${applied.join(", ")}, then ${failed ? `${failed} failed and was rolled back: ${(err as Error).message.replace(`${failed} failed and was rolled back: `, "")}` : `migrating failed: ${(err as Error).message}`}`,
        "the applied migrations stay applied; fix the failed one (a new migration, never an edit of an applied one) and run ops db migrate again",
        details,
      );
    }
    if (err instanceof MigrationError) throw new UsageError(err.message, undefined, details);
    throw new RemoteError(`migrating ${where} failed: ${(err as Error).message}`, undefined, details);
  } finally {
    await client.end().catch(() => undefined);
  }
}
