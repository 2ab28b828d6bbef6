/**
 * Versioned SQL migrations: `db/migrations/NNN_name.sql`, applied in version order, each in its own
 * transaction, recorded in `schema_migrations` with a checksum. A session-level advisory lock makes
 * concurrent runs (two deploys, a CLI and a pipeline) apply each migration exactly once.
 *
 * A file may not control the transaction itself (BEGIN, COMMIT, ROLLBACK, SAVEPOINT...): its own
 * COMMIT would make it half-applied and unrecorded. Such files are refused before anything runs.
 * lock_timeout is set before the first migration: a migration waiting behind a long query fails
 * (and rolls back) instead of queueing every later writer (the indexer, the pass) behind its lock.
 * search_path is pinned to `public` for the run: unqualified names in a migration (and the history
 * table) never land in a schema that happens to share the migrating user's name (`"$user"` comes
 * first in PostgreSQL's default path; migration 004 creates schema `app`).
 */
import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { projectRoot } from "../lib/project-root";
import { transactionControlStatements } from "./sql-statements";

/** What migrate needs from a connection: pg.Client fits. It must be ONE session (locks, transactions). */
export interface MigrationConnection {
  query(text: string, values?: unknown[]): Promise<{ rows: Record<string, unknown>[] }>;
}

export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly file: string;
  readonly sql: string;
  /** sha256 of the file (line endings normalized): a changed, already-applied file is refused. */
  readonly checksum: string;
}

export interface MigrateOptions {
  /** Folder of NNN_name.sql files. @default the project's db/migrations */
  readonly dir?: string;
  /** Report what would be applied; write nothing (not even schema_migrations). @default false */
  readonly dryRun?: boolean;
  /** Called once per migration applied (or, in a dry run, pending). @default no output */
  readonly onMigration?: (migration: Migration) => void;
  /** How long a migration statement may wait for a lock before the migration fails. @default 5000 */
  readonly lockTimeoutMs?: number;
}

export interface MigrateResult {
  /** Applied by this run (dry run: would be applied). */
  readonly applied: readonly Migration[];
  /** Versions the database already had. */
  readonly alreadyApplied: readonly number[];
  readonly dryRun: boolean;
}

export class MigrationError extends Error {
  constructor(
    message: string,
    /** The migration that failed and was rolled back, when one did (the ones before it stay applied). */
    readonly file?: string,
  ) {
    super(message);
    this.name = "MigrationError";
  }
}

/** Any fixed 64-bit number works; this one spells "livemigr" in ASCII so it is recognisable in pg_locks. */
export const MIGRATION_LOCK_ID = 0x6c6976656d696772n;

const FILE_PATTERN = /^(\d{3,})_([a-z0-9_]+)\.sql$/;

/** The project's db/migrations (tsc copies no .sql into dist/, so always the source folder). */
export function defaultMigrationsDir(): string {
  return join(projectRoot(), "db", "migrations");
}

/** Reads and orders the migration files; refuses duplicate versions and badly named .sql files. */
export function loadMigrations(dir: string = defaultMigrationsDir()): Migration[] {
  const migrations: Migration[] = [];
  for (const file of readdirSync(dir).filter((f) => f.endsWith(".sql")).sort()) {
    const match = FILE_PATTERN.exec(file);
    if (!match) throw new MigrationError(`${join(dir, file)}: expected a name like 002_add_column.sql (NNN_lowercase_words.sql)`);
    const sql = readFileSync(join(dir, file), "utf8").replace(/\r\n/g, "\n");
    const version = Number(match[1]);
    const clash = migrations.find((m) => m.version === version);
    if (clash) throw new MigrationError(`${file} and ${clash.file} share version ${version}`);
    const control = transactionControlStatements(sql);
    if (control.length) {
      throw new MigrationError(`${file} controls its own transaction (${control.join(", ")}): remove it, each migration already runs in one transaction`);
    }
    migrations.push({ version, name: match[2]!, file, sql, checksum: createHash("sha256").update(sql).digest("hex") });
  }
  return migrations.sort((a, b) => a.version - b.version);
}

async function appliedVersions(client: MigrationConnection): Promise<Map<number, string>> {
  const exists = await client.query("SELECT to_regclass('public.schema_migrations') IS NOT NULL AS present");
  if (!exists.rows[0]?.present) return new Map();
  const { rows } = await client.query("SELECT version, checksum FROM public.schema_migrations ORDER BY version");
  return new Map(rows.map((r) => [Number(r.version), String(r.checksum)]));
}

function checkHistory(migrations: readonly Migration[], applied: Map<number, string>): void {
  for (const [version, checksum] of applied) {
    const m = migrations.find((x) => x.version === version);
    if (!m) {
      throw new MigrationError(`the database has migration ${version}, which this code does not know: deploy the newer code instead`);
    }
    if (m.checksum !== checksum) {
      throw new MigrationError(`${m.file} changed after it was applied (checksum differs): add a new migration instead of editing an applied one`);
    }
  }
}

/** Applies pending migrations in order. Idempotent: a second run applies nothing. */
export async function migrate(client: MigrationConnection, options: MigrateOptions = {}): Promise<MigrateResult> {
  const migrations = loadMigrations(options.dir);
  if (options.dryRun) {
    const applied = await appliedVersions(client);
    checkHistory(migrations, applied);
    const pending = migrations.filter((m) => !applied.has(m.version));
    pending.forEach((m) => options.onMigration?.(m));
    return { applied: pending, alreadyApplied: [...applied.keys()], dryRun: true };
  }

  const lockTimeoutMs = options.lockTimeoutMs ?? 5_000;
  if (!Number.isInteger(lockTimeoutMs) || lockTimeoutMs < 1) throw new MigrationError(`lockTimeoutMs must be a positive whole number, got ${lockTimeoutMs}`);
  await client.query("SELECT pg_advisory_lock($1)", [MIGRATION_LOCK_ID.toString()]);
  try {
    // Session-wide, after the advisory lock (waiting for another migrator is fine; blocking the
    // platform's writers behind a migration's table lock is not).
    await client.query(`SET lock_timeout = ${lockTimeoutMs}`);
    await client.query("SET search_path TO public");
    await client.query(
      `CREATE TABLE IF NOT EXISTS public.schema_migrations (
         version    integer     PRIMARY KEY,
         name       text        NOT NULL,
         checksum   text        NOT NULL,
         applied_at timestamptz NOT NULL DEFAULT now()
       )`,
    );
    // Read under the lock: another runner may have applied some while we waited.
    const applied = await appliedVersions(client);
    checkHistory(migrations, applied);
    const done: Migration[] = [];
    for (const m of migrations.filter((x) => !applied.has(x.version))) {
      await client.query("BEGIN");
      try {
        await client.query(m.sql);
        await client.query("INSERT INTO public.schema_migrations (version, name, checksum) VALUES ($1, $2, $3)", [m.version, m.name, m.checksum]);
        await client.query("COMMIT");
      } catch (err) {
        await client.query("ROLLBACK").catch(() => undefined);
        const code = (err as { code?: string }).code;
        const hint = code === "55P03" ? ` (a lock was not granted within ${lockTimeoutMs} ms: run it again when the table is not busy)` : "";
        throw new MigrationError(`${m.file} failed and was rolled back: ${(err as Error).message}${hint}`, m.file);
      }
      done.push(m);
      options.onMigration?.(m);
    }
    return { applied: done, alreadyApplied: [...applied.keys()], dryRun: false };
  } finally {
    await client.query("RESET lock_timeout").catch(() => undefined);
    await client.query("RESET search_path").catch(() => undefined);
    await client.query("SELECT pg_advisory_unlock($1)", [MIGRATION_LOCK_ID.toString()]).catch(() => undefined);
  }
}
