/**
 * The schedule in PostgreSQL: the `live_sessions` table (db/migrations/001_live_sessions.sql).
 * Cancelled sessions are left out, so cancelling a session in the app stops its channel. The app's
 * services cannot write channel_id (db/migrations/004_service_roles.sql): a channel_id without
 * channel_assigned_at is a pin an operator set, and is the session's `channelId`; one the reconcile
 * loop assigned is reported as `assignedChannelId` and planned like any free session.
 * It connects as the reconcile pass does (cli/sessions/pass-database.ts): `postgres://` alone uses
 * the PG* variables and LIVESTREAM_DB_AUTH (in the ECS task, an IAM token as livestream_reconcile
 * over verified TLS), a full URL is used as given; either way every statement is bounded.
 */
import { RemoteError, UsageError } from "../errors";
import { closePassDatabase, connectPassDatabase } from "../sessions/pass-database";
import { redactUrl } from "../support/postgres-url";
import { validateRows, type ScheduleParse, type ScheduleRules } from "./session";

/** Bounds of the one read: a schedule read is a single indexed SELECT. */
const READ_BOUNDS = { statementTimeoutMs: 15_000, lockTimeoutMs: 2_000, connectTimeoutMs: 10_000, applicationName: "ops-sessions-plan" } as const;

export interface PostgresWindow {
  /** Only sessions ending after this (epoch ms). */
  readonly from?: number;
  /** Only sessions starting before this (epoch ms). */
  readonly to?: number;
}

export async function readSchedulePostgres(url: string, window: PostgresWindow = {}, rules: ScheduleRules = {}): Promise<ScheduleParse> {
  const where = redactUrl(url);
  const client = await connectPassDatabase(url, READ_BOUNDS);
  try {
    const result = await client.query<{ id: string; mentor_id: string; starts_at: Date; ends_at: Date; channel_id: string | null; channel_assigned_at: Date | null; title: string | null }>(
      `SELECT id, mentor_id, starts_at, ends_at, channel_id, channel_assigned_at, title
         FROM live_sessions
        WHERE status <> 'cancelled'
          AND ($1::timestamptz IS NULL OR ends_at > $1::timestamptz)
          AND ($2::timestamptz IS NULL OR starts_at < $2::timestamptz)
        ORDER BY starts_at, id`,
      [window.from === undefined ? null : new Date(window.from), window.to === undefined ? null : new Date(window.to)],
    );
    return validateRows(
      // channel_id with channel_assigned_at is the loop's own assignment, not a pin: a plan may move it.
      result.rows.map((r) => ({
        id: r.id,
        startsAt: r.starts_at,
        endsAt: r.ends_at,
        channelId: r.channel_assigned_at === null ? r.channel_id : null,
        assignedChannelId: r.channel_assigned_at === null ? undefined : (r.channel_id ?? undefined),
        title: r.title,
        mentorId: r.mentor_id,
        origin: `live_sessions id ${r.id}`,
      })),
      rules,
    );
  } catch (err) {
    const code = (err as { code?: string }).code;
    if (code === "42P01") throw new UsageError(`${where} has no live_sessions table: run the database migrations first`);
    throw new RemoteError(`reading live_sessions from ${where} failed: ${(err as Error).message}`);
  } finally {
    await closePassDatabase(client);
  }
}
