/**
 * The one place the reconcile pass opens PostgreSQL connections. Every connection it returns is
 * bounded on the server side (statement_timeout, lock_timeout: the server cancels, so a statement
 * that timed out never commits later; NOTES) and on the client side (connect timeout, query timeout
 * as a backstop when the server stops answering), and the server ends a session whose client went
 * silent (idle_session_timeout), which also frees the pool's advisory lock.
 *
 * `postgres://` alone uses the PG* environment variables (the ECS task gets PGUSER/PGPASSWORD from
 * the database secret). Switching to IAM database authentication means changing this function only.
 */
import type { Client } from "pg";
import { RemoteError } from "../errors";
import { redact } from "../schedule/postgres-source";

export interface PassDatabaseOptions {
  /** The server cancels a statement running longer than this, ms. */
  readonly statementTimeoutMs: number;
  /** The server cancels a statement waiting longer than this for a lock (a locked live_sessions), ms. */
  readonly lockTimeoutMs: number;
  /** Bound on opening the connection (TCP, TLS, authentication), ms. */
  readonly connectTimeoutMs: number;
  /** The server ends the session when its client is silent this long, ms. @default 90 s */
  readonly idleSessionTimeoutMs?: number;
}

/** Redacts the password of a connection string for messages. */
export const redactUrl = redact;

export async function connectPassDatabase(spec: string, options: PassDatabaseOptions): Promise<Client> {
  const { Client } = await import("pg");
  const envOnly = /^postgres(ql)?:\/\/$/i.test(spec);
  const client = new Client({
    ...(envOnly ? {} : { connectionString: spec }),
    application_name: "ops-sessions-reconcile",
    connectionTimeoutMillis: options.connectTimeoutMs,
    statement_timeout: options.statementTimeoutMs,
    lock_timeout: options.lockTimeoutMs,
    // The client gives up a little after the server should have cancelled: only when the server is gone.
    query_timeout: options.statementTimeoutMs + 1000,
    keepAlive: true,
  });
  // A connection that breaks later emits 'error'; the failing query reports it, this keeps the process up.
  client.on("error", () => undefined);
  try {
    await client.connect();
    // PostgreSQL 14+; the advisory lock must not outlive a client that froze mid-pass.
    await client.query(`SET idle_session_timeout = ${Math.round(options.idleSessionTimeoutMs ?? 90_000)}`).catch(() => undefined);
  } catch (err) {
    await closePassDatabase(client);
    throw new RemoteError(`cannot connect to ${redactUrl(spec)}: ${(err as Error).message}`, "check PGHOST/PGUSER/PGPASSWORD (or the URL), the security group and that the database is up");
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
