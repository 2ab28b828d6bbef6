/**
 * The schedule in PostgreSQL: the `live_sessions` table (db/migrations/001_live_sessions.sql).
 * Cancelled sessions are left out, so cancelling a session in the app stops its channel. Only a
 * channel the app asked for (channel_id without channel_assigned_at) is a session's `channelId`; one
 * the reconcile loop assigned is reported as `assignedChannelId` and planned like any free session.
 * `postgres://` with nothing after it uses the PG* environment variables (PGHOST, PGUSER,
 * PGPASSWORD, PGDATABASE, PGSSLMODE): the ECS task gets them from the database secret.
 */
import { RemoteError, UsageError } from "../errors";
import { validateRows, type ScheduleParse, type ScheduleRules } from "./session";

export function isPostgresUrl(spec: string): boolean {
  return /^postgres(ql)?:\/\//i.test(spec);
}

/** Redacts the password of a connection string for messages. */
export function redact(url: string): string {
  return url.replace(/(\/\/[^:/@]+:)[^@]*@/, "$1***@");
}

export interface PostgresWindow {
  /** Only sessions ending after this (epoch ms). */
  readonly from?: number;
  /** Only sessions starting before this (epoch ms). */
  readonly to?: number;
}

export async function readSchedulePostgres(url: string, window: PostgresWindow = {}, rules: ScheduleRules = {}): Promise<ScheduleParse> {
  const { Client } = await import("pg");
  const envOnly = /^postgres(ql)?:\/\/$/i.test(url);
  const client = new Client(envOnly ? { connectionTimeoutMillis: 10_000 } : { connectionString: url, connectionTimeoutMillis: 10_000 });
  const where = redact(url);
  try {
    await client.connect();
  } catch (err) {
    throw new RemoteError(`cannot connect to ${where}: ${(err as Error).message}`);
  }
  try {
    const result = await client.query<{ id: string; starts_at: Date; ends_at: Date; channel_id: string | null; channel_assigned_at: Date | null; title: string | null }>(
      `SELECT id, starts_at, ends_at, channel_id, channel_assigned_at, title
         FROM live_sessions
        WHERE status <> 'cancelled'
          AND ($1::timestamptz IS NULL OR ends_at > $1::timestamptz)
          AND ($2::timestamptz IS NULL OR starts_at < $2::timestamptz)
        ORDER BY starts_at, id`,
      [window.from === undefined ? null : new Date(window.from), window.to === undefined ? null : new Date(window.to)],
    );
    return validateRows(
      // channel_id with channel_assigned_at is the loop's own assignment, not a request: a plan may move it.
      result.rows.map((r) => ({
        id: r.id,
        startsAt: r.starts_at,
        endsAt: r.ends_at,
        channelId: r.channel_assigned_at === null ? r.channel_id : null,
        assignedChannelId: r.channel_assigned_at === null ? undefined : (r.channel_id ?? undefined),
        title: r.title,
        origin: `live_sessions id ${r.id}`,
      })),
      rules,
    );
  } catch (err) {
    const code = (err as { code?: string }).code;
    if (code === "42P01") throw new UsageError(`${where} has no live_sessions table: run the database migrations first`);
    throw new RemoteError(`reading live_sessions from ${where} failed: ${(err as Error).message}`);
  } finally {
    await client.end().catch(() => undefined);
  }
}
