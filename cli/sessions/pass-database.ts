/**
 * The one place the reconcile pass opens PostgreSQL connections. Every connection it returns is
 * bounded on the server side (statement_timeout, lock_timeout: the server cancels, so a statement
 * that timed out never commits later; NOTES) and on the client side (connect timeout, query timeout
 * as a backstop when the server stops answering), and the server ends a session whose client went
 * silent (idle_session_timeout), which also frees the pool's advisory lock.
 *
 * `postgres://` alone reads the connection from the environment as the shared module does
 * (lib/postgres-connection.ts: PG* variables, LIVESTREAM_DB_AUTH): the ECS task logs in as
 * livestream_reconcile with IAM database authentication tokens over verified TLS. A full URL (a
 * laptop, the tests) is used as given.
 */
import type { Client } from "pg";
import { connectClient, DatabaseSettingsError, databaseSettingsFromEnv } from "../../lib/postgres-connection";
import { RemoteError, UsageError } from "../errors";
import { isEnvironmentPostgresUrl, redactUrl } from "../support/postgres-url";

export interface PassDatabaseOptions {
  /** The server cancels a statement running longer than this, ms. */
  readonly statementTimeoutMs: number;
  /** The server cancels a statement waiting longer than this for a lock (a locked live_sessions), ms. */
  readonly lockTimeoutMs: number;
  /** Bound on opening the connection (TCP, TLS, authentication), ms. */
  readonly connectTimeoutMs: number;
  /** The server ends the session when its client is silent this long, ms. @default 90 s */
  readonly idleSessionTimeoutMs?: number;
  /** Shows in pg_stat_activity. @default "ops-sessions-reconcile" */
  readonly applicationName?: string;
}

const DEFAULT_APPLICATION_NAME = "ops-sessions-reconcile";

export async function connectPassDatabase(spec: string, options: PassDatabaseOptions): Promise<Client> {
  const client = isEnvironmentPostgresUrl(spec) ? await connectFromEnvironment(options) : await connectToUrl(spec, options);
  // PostgreSQL 14+ (older servers refuse it; statement and lock timeouts still bound every statement):
  // the advisory lock must not outlive a client that froze mid-pass.
  await client.query(`SET idle_session_timeout = ${Math.round(options.idleSessionTimeoutMs ?? 90_000)}`).catch(() => undefined);
  return client;
}

/** The task's connection: PG* variables and LIVESTREAM_DB_AUTH (IAM tokens in the deployed task). */
async function connectFromEnvironment(options: PassDatabaseOptions): Promise<Client> {
  let settings;
  try {
    settings = databaseSettingsFromEnv(process.env, {
      applicationName: options.applicationName ?? DEFAULT_APPLICATION_NAME,
      statementTimeoutMs: options.statementTimeoutMs,
      lockTimeoutMs: options.lockTimeoutMs,
      connectTimeoutMs: options.connectTimeoutMs,
    });
  } catch (err) {
    if (err instanceof DatabaseSettingsError) throw new UsageError(`--schedule postgres://: ${err.message}`, "set the PG* variables (and LIVESTREAM_DB_AUTH), or pass a full postgres:// URL");
    throw err;
  }
  try {
    const client = await connectClient(settings);
    // A connection that breaks later emits 'error'; the failing query reports it, this keeps the process up.
    client.on("error", () => undefined);
    return client;
  } catch (err) {
    // Settings found wanting only at login (a secret without a username): fix the settings, not the network.
    if (err instanceof DatabaseSettingsError) throw new UsageError(`--schedule postgres://: ${err.message}`, "set the PG* variables (and LIVESTREAM_DB_AUTH), or pass a full postgres:// URL");
    throw new RemoteError(`cannot connect to ${settings.user ?? "?"}@${settings.host}:${settings.port}/${settings.database}: ${(err as Error).message}`, "check the PG* variables, the security group, IAM database authentication (rds-db:connect) and that the database is up");
  }
}

async function connectToUrl(spec: string, options: PassDatabaseOptions): Promise<Client> {
  const { Client } = await import("pg");
  let client: Client;
  try {
    client = new Client({
      connectionString: spec,
      application_name: options.applicationName ?? DEFAULT_APPLICATION_NAME,
      connectionTimeoutMillis: options.connectTimeoutMs,
      statement_timeout: options.statementTimeoutMs,
      lock_timeout: options.lockTimeoutMs,
      // The client gives up a little after the server should have cancelled: only when the server is gone.
      query_timeout: options.statementTimeoutMs + 1000,
      keepAlive: true,
    });
  } catch (err) {
    // pg parses the URL as it builds the client: a URL it cannot parse is the operator's to fix.
    throw new UsageError(`'${redactUrl(spec)}' is not a PostgreSQL URL pg can read: ${(err as Error).message}`, "write postgres://user:password@host:5432/database (percent-encode '@', ':' and '/' in the password), or postgres:// alone to use the PG* variables");
  }
  // A connection that breaks later emits 'error'; the failing query reports it, this keeps the process up.
  client.on("error", () => undefined);
  try {
    await client.connect();
  } catch (err) {
    await closePassDatabase(client);
    throw new RemoteError(`cannot connect to ${redactUrl(spec)}: ${(err as Error).message}`, "check the URL, the security group and that the database is up");
  }
  return client;
}

/** Ends the connection within a second even when the server no longer answers. Never throws. */
export async function closePassDatabase(client: Client): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const gaveUp = new Promise<"timeout">((resolve) => {
    timer = setTimeout(() => resolve("timeout"), 1000);
  });
  const ended = await Promise.race([client.end().then(() => "ended" as const, () => "ended" as const), gaveUp]);
  clearTimeout(timer);
  if (ended === "timeout") (client as unknown as { connection?: { stream?: { destroy(): void } } }).connection?.stream?.destroy();
}
