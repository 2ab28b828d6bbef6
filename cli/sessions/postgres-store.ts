/**
 * The session store in PostgreSQL: `live_sessions` and `pool_channels` (db/migrations 001, 002).
 * One connection per pass (cli/sessions/pass-database.ts), holding the pool's advisory lock for the
 * pass; every statement is bounded by the connection's statement_timeout and lock_timeout.
 */
import type { Client } from "pg";
import type { SessionStatus } from "../../contracts";
import type { RecordingLossRule } from "./startover";
import { RemoteError } from "../errors";
import { closePassDatabase } from "./pass-database";
import { redactUrl } from "../support/postgres-url";
import {
  PASS_OWNED_STATUSES,
  type ChannelUpdate,
  type HarvestStatus,
  type LoadWindow,
  type SessionChanges,
  type SessionStore,
  type SessionUpdate,
  type StoredChannel,
  type StoredSession,
  type WriteFailure,
} from "./store";

/** First key of the two-key advisory lock: "live" in ASCII; the second is hashtext('reconcile:' || pool). */
export const RECONCILE_LOCK_CLASS = 0x6c697665;

const SESSION_COLUMNS: Record<keyof SessionChanges, string> = {
  channelId: "channel_id",
  channelAssignedAt: "channel_assigned_at",
  status: "status",
  liveAt: "live_at",
  endedAt: "ended_at",
  ingestUrls: "ingest_urls",
  ingestKeySetAt: "ingest_key_set_at",
  harvestJobId: "harvest_job_id",
  harvestAttempts: "harvest_attempts",
  harvestRequestedAt: "harvest_requested_at",
  harvestStatus: "harvest_status",
  lastError: "last_error",
};
const TIME_FIELDS = new Set(["channelAssignedAt", "liveAt", "endedAt", "ingestKeySetAt", "harvestRequestedAt"]);

const CHANNEL_COLUMNS: Record<string, string> = {
  healthy: "healthy",
  unhealthyReason: "unhealthy_reason",
  unhealthySince: "unhealthy_since",
  startFailures: "start_failures",
  lastStartFailureAt: "last_start_failure_at",
  transition: "transition",
  transitionStartedAt: "transition_started_at",
  lastState: "last_state",
};
const CHANNEL_TIME_FIELDS = new Set(["unhealthySince", "lastStartFailureAt", "transitionStartedAt"]);

/** A person-readable reason for a failed statement: the two timeouts matter most. */
export function describePgError(err: unknown): string {
  const e = err as { code?: string; message?: string };
  if (e.code === "55P03") return `waited longer than lock_timeout for a lock (${e.message})`;
  if (e.code === "57014") return `cancelled by statement_timeout (${e.message})`;
  return e.message ?? String(err);
}

const ms = (d: Date | null): number | undefined => (d ? d.getTime() : undefined);
const value = (key: string, v: unknown, timeFields: Set<string>) => (v === null || v === undefined ? null : timeFields.has(key) ? new Date(v as number) : v);

interface SessionRow {
  id: string;
  mentor_id: string;
  title: string;
  starts_at: Date;
  ends_at: Date;
  channel_id: string | null;
  channel_assigned_at: Date | null;
  status: SessionStatus;
  ingest_key_set_at: Date | null;
  live_at: Date | null;
  ended_at: Date | null;
  harvest_job_id: string | null;
  harvest_attempts: number;
  harvest_status: HarvestStatus | null;
  last_error: string | null;
}

interface ChannelRow {
  channel_id: string;
  healthy: boolean;
  unhealthy_reason: string | null;
  unhealthy_since: Date | null;
  start_failures: number;
  last_start_failure_at: Date | null;
  transition: "start" | "stop" | null;
  transition_started_at: Date | null;
  last_state: string | null;
}

export interface PostgresSessionStoreOptions {
  /**
   * close() releases the lock but leaves the connection open, for a caller that runs many passes
   * on one connection (tests, the benchmark). @default false: close() ends the connection
   */
  readonly keepConnection?: boolean;
}

export class PostgresSessionStore implements SessionStore {
  readonly remembers = true;
  readonly publishesIngest = true;
  readonly source: string;
  private lockedPool?: string;
  /** One connection runs one statement at a time: concurrent steps queue here. */
  private tail: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly client: Client,
    spec: string,
    private readonly options: PostgresSessionStoreOptions = {},
  ) {
    this.source = redactUrl(spec);
  }

  async tryLock(pool: string): Promise<boolean> {
    const { rows } = await this.query<{ ok: boolean }>("taking the pool's advisory lock", "SELECT pg_try_advisory_lock($1::int, hashtext($2)) AS ok", [RECONCILE_LOCK_CLASS, `reconcile:${pool}`]);
    if (rows[0]?.ok === true) this.lockedPool = pool;
    return rows[0]?.ok === true;
  }

  async loadSessions(window: LoadWindow): Promise<StoredSession[]> {
    const { rows } = await this.query<SessionRow>(
      "reading live_sessions",
      `SELECT id, mentor_id, title, starts_at, ends_at, channel_id, channel_assigned_at, status, ingest_key_set_at,
              live_at, ended_at, harvest_job_id, harvest_attempts, harvest_status, last_error
         FROM live_sessions
        WHERE status = ANY($1::text[])
          AND starts_at < $2::timestamptz
          AND ends_at >= $3::timestamptz
        ORDER BY starts_at, id`,
      [PASS_OWNED_STATUSES, new Date(window.now + window.horizonMs), new Date(window.now - window.lookbackMs)],
    );
    return rows.map((r) => ({
      id: r.id,
      mentorId: r.mentor_id,
      title: r.title || undefined,
      startsAt: r.starts_at.getTime(),
      endsAt: r.ends_at.getTime(),
      origin: `live_sessions id ${r.id}`,
      channelId: r.channel_id ?? undefined,
      channelAssignedAt: ms(r.channel_assigned_at),
      status: r.status,
      ingestKeySetAt: ms(r.ingest_key_set_at),
      liveAt: ms(r.live_at),
      endedAt: ms(r.ended_at),
      harvestJobId: r.harvest_job_id ?? undefined,
      harvestAttempts: r.harvest_attempts,
      harvestStatus: r.harvest_status ?? undefined,
      lastError: r.last_error ?? undefined,
    }));
  }

  async loadChannels(pool: string): Promise<StoredChannel[]> {
    const { rows } = await this.query<ChannelRow>(
      "reading pool_channels",
      `SELECT channel_id, healthy, unhealthy_reason, unhealthy_since, start_failures, last_start_failure_at, transition, transition_started_at, last_state
         FROM pool_channels WHERE pool = $1`,
      [pool],
    );
    return rows.map((r) => ({
      channelId: r.channel_id,
      healthy: r.healthy,
      unhealthyReason: r.unhealthy_reason ?? undefined,
      unhealthySince: ms(r.unhealthy_since),
      startFailures: r.start_failures,
      lastStartFailureAt: ms(r.last_start_failure_at),
      transition: r.transition ?? undefined,
      transitionStartedAt: ms(r.transition_started_at),
      lastState: r.last_state ?? undefined,
    }));
  }

  async updateSessions(updates: readonly SessionUpdate[], at: number): Promise<WriteFailure[]> {
    const failures: WriteFailure[] = [];
    for (const u of updates) {
      const entries = Object.entries(u.set).filter(([, v]) => v !== undefined) as [keyof SessionChanges, unknown][];
      if (!entries.length) continue;
      const params: unknown[] = [u.id, PASS_OWNED_STATUSES];
      const sets = entries.map(([key, v]) => {
        params.push(value(key, v, TIME_FIELDS));
        return `${SESSION_COLUMNS[key]} = $${params.length}`;
      });
      params.push(new Date(at));
      const stamp = `$${params.length}`;
      sets.push(`updated_at = ${stamp}`);
      if (u.set.status !== undefined) sets.push(`status_changed_at = ${stamp}`);
      if (u.set.lastError !== undefined) sets.push(`last_error_at = ${u.set.lastError === null ? "NULL" : stamp}`);
      try {
        // The status guard: a row the app cancelled (or the indexer recorded) meanwhile is left alone.
        const { rowCount } = await this.statement(`UPDATE live_sessions SET ${sets.join(", ")} WHERE id = $1 AND status = ANY($2::text[])`, params);
        if (!rowCount) failures.push({ id: u.id, message: `session ${u.id} was cancelled, recorded or deleted meanwhile`, gone: true });
      } catch (err) {
        failures.push({ id: u.id, message: `writing live_sessions ${u.id}: ${describePgError(err)}` });
      }
    }
    return failures;
  }

  async updateChannels(pool: string, updates: readonly ChannelUpdate[], at: number): Promise<WriteFailure[]> {
    const failures: WriteFailure[] = [];
    for (const u of updates) {
      const entries = Object.entries(u.set).filter(([, v]) => v !== undefined);
      const params: unknown[] = [pool, u.channelId, new Date(at)];
      const columns = entries.map(([key, v]) => {
        params.push(value(key, v, CHANNEL_TIME_FIELDS));
        return [CHANNEL_COLUMNS[key]!, `$${params.length}`] as const;
      });
      const insertCols = ["pool", "channel_id", "last_seen_at", "updated_at", ...columns.map(([c]) => c)];
      const insertVals = ["$1", "$2", "$3", "$3", ...columns.map(([, p]) => p)];
      const onConflict = ["last_seen_at = $3", "updated_at = $3", ...columns.map(([c, p]) => `${c} = ${p}`)];
      try {
        await this.statement(
          `INSERT INTO pool_channels (${insertCols.join(", ")}) VALUES (${insertVals.join(", ")})
           ON CONFLICT (pool, channel_id) DO UPDATE SET ${onConflict.join(", ")}`,
          params,
        );
      } catch (err) {
        failures.push({ id: u.channelId, message: `writing pool_channels ${u.channelId}: ${describePgError(err)}` });
      }
    }
    return failures;
  }

  async expireUnharvested(rule: RecordingLossRule, reason: string, at: number): Promise<string[]> {
    const { rows } = await this.query<{ id: string }>(
      "expiring sessions past the startover window",
      `UPDATE live_sessions
          SET status = 'recording_failed', status_changed_at = $3, last_error = $4, last_error_at = $3, updated_at = $3
        WHERE status = ANY($1::text[]) AND starts_at < $2 AND ends_at < $5
          AND harvest_status IS DISTINCT FROM 'SUCCEEDED' AND harvest_status IS DISTINCT FROM 'IN_PROGRESS'
        RETURNING id`,
      [PASS_OWNED_STATUSES, new Date(rule.startedBefore), new Date(at), reason, new Date(rule.endedBefore)],
    );
    return rows.map((r) => r.id);
  }

  /** Runs `work` after everything queued before it on this connection. */
  private serial<T>(work: () => Promise<T>): Promise<T> {
    const run = this.tail.then(work, work);
    this.tail = run.catch(() => undefined);
    return run;
  }

  async close(): Promise<void> {
    if (this.options.keepConnection) {
      const pool = this.lockedPool;
      this.lockedPool = undefined;
      if (pool) await this.statement("SELECT pg_advisory_unlock($1::int, hashtext($2))", [RECONCILE_LOCK_CLASS, `reconcile:${pool}`]).catch(() => undefined);
      return;
    }
    // Ending the session releases its advisory lock as well.
    await closePassDatabase(this.client);
  }

  /** The recording sweep's statements, queued behind the store's own on the one connection. */
  readonly sweepDatabase = {
    query: (text: string, values: unknown[] = []) => this.statement<Record<string, unknown>>(text, values),
  };

  private statement<R extends object>(text: string, params: unknown[]) {
    return this.serial(() => this.client.query<R>(text, params));
  }

  private async query<R extends object>(what: string, text: string, params: unknown[]): Promise<{ rows: R[] }> {
    try {
      return await this.statement<R>(text, params);
    } catch (err) {
      const code = (err as { code?: string }).code;
      if (code === "42P01" || code === "42703") {
        throw new RemoteError(`${what} on ${this.source} failed: ${(err as Error).message}`, "run the database migrations first (ops db migrate)");
      }
      throw new RemoteError(`${what} on ${this.source} failed: ${describePgError(err)}`);
    }
  }
}
