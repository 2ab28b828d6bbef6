/**
 * The session store in memory, with the PostgreSQL store's rules (only pass-owned statuses are
 * written, each update on its own, one lock per pool). The benchmark replays weeks of passes
 * against it; tests check both stores behave the same. Several MemoryStores can share one
 * MemoryDatabase, like several connections to one server.
 */
import type { RecordingLossRule } from "./startover";
import {
  PASS_OWNED_STATUSES,
  type ChannelUpdate,
  type LoadWindow,
  type SessionChanges,
  type SessionStore,
  type SessionUpdate,
  type StoredChannel,
  type StoredSession,
  type WriteFailure,
} from "./store";

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** A session row as the memory database holds it (the ingest URLs included, for inspection). */
export interface MemorySessionRow extends Mutable<StoredSession> {
  ingestUrls?: readonly string[];
  harvestRequestedAt?: number;
  statusChangedAt?: number;
  lastErrorAt?: number;
}

export type MemoryChannelRow = Mutable<StoredChannel>;

export class MemoryDatabase {
  readonly sessions = new Map<string, MemorySessionRow>();
  /** pool -> channel id -> row */
  readonly channels = new Map<string, Map<string, MemoryChannelRow>>();
  /** Pools whose lock some store holds. */
  readonly locks = new Set<string>();

  /** Adds or replaces a session as the app would write it. */
  putSession(s: Pick<StoredSession, "id" | "startsAt" | "endsAt"> & Partial<StoredSession>): void {
    this.sessions.set(s.id, { origin: `memory id ${s.id}`, status: "scheduled", harvestAttempts: 0, ...s });
  }

  /** An app-side edit (cancel, new times): the pass's columns are left as they are. */
  editSession(id: string, changes: Partial<Pick<StoredSession, "startsAt" | "endsAt" | "status" | "channelId" | "channelAssignedAt">>): void {
    const row = this.sessions.get(id);
    if (!row) throw new Error(`no session ${id}`);
    Object.assign(row, changes);
  }

  channelRows(pool: string): Map<string, MemoryChannelRow> {
    let rows = this.channels.get(pool);
    if (!rows) this.channels.set(pool, (rows = new Map()));
    return rows;
  }
}

const copy = <T extends object>(o: T): T => ({ ...o });

/** What a pass loads of a row: not the ingest URLs (the pass never reads keys back). */
function storedView(row: MemorySessionRow): StoredSession {
  const view: Partial<MemorySessionRow> = { ...row };
  delete view.ingestUrls;
  delete view.harvestRequestedAt;
  delete view.statusChangedAt;
  delete view.lastErrorAt;
  return view as StoredSession;
}

export class MemoryStore implements SessionStore {
  readonly remembers: boolean = true;
  readonly publishesIngest: boolean = true;
  private held?: string;

  constructor(
    readonly db: MemoryDatabase = new MemoryDatabase(),
    readonly source = "memory",
  ) {}

  async tryLock(pool: string): Promise<boolean> {
    if (this.held === pool) return true;
    if (this.db.locks.has(pool)) return false;
    this.db.locks.add(pool);
    this.held = pool;
    return true;
  }

  async loadSessions(window: LoadWindow): Promise<StoredSession[]> {
    return [...this.db.sessions.values()]
      .filter((s) => PASS_OWNED_STATUSES.includes(s.status) && s.startsAt < window.now + window.horizonMs && s.endsAt >= window.now - window.lookbackMs)
      .map((s) => storedView(s))
      .sort((a, b) => a.startsAt - b.startsAt || a.id.localeCompare(b.id));
  }

  async loadChannels(pool: string): Promise<StoredChannel[]> {
    return [...this.db.channelRows(pool).values()].map(copy);
  }

  async updateSessions(updates: readonly SessionUpdate[], at: number): Promise<WriteFailure[]> {
    const failures: WriteFailure[] = [];
    for (const u of updates) {
      const row = this.db.sessions.get(u.id);
      if (!row || !PASS_OWNED_STATUSES.includes(row.status)) failures.push({ id: u.id, message: `session ${u.id} is ${row?.status ?? "gone"}`, gone: true });
      else applySessionChanges(row, u.set, at);
    }
    return failures;
  }

  async updateChannels(pool: string, updates: readonly ChannelUpdate[]): Promise<WriteFailure[]> {
    const rows = this.db.channelRows(pool);
    for (const u of updates) {
      const row = rows.get(u.channelId) ?? { channelId: u.channelId, healthy: true, startFailures: 0 };
      for (const [key, value] of Object.entries(u.set)) (row as unknown as Record<string, unknown>)[key] = value === null ? undefined : value;
      rows.set(u.channelId, row);
    }
    return [];
  }

  async expireUnharvested(rule: RecordingLossRule, reason: string, at: number): Promise<string[]> {
    const expired: string[] = [];
    for (const row of this.db.sessions.values()) {
      if (PASS_OWNED_STATUSES.includes(row.status) && row.startsAt < rule.startedBefore && row.endsAt < rule.endedBefore && row.harvestStatus !== "SUCCEEDED" && row.harvestStatus !== "IN_PROGRESS") {
        applySessionChanges(row, { status: "recording_failed", lastError: reason }, at);
        expired.push(row.id);
      }
    }
    return expired;
  }

  async close(): Promise<void> {
    if (this.held) this.db.locks.delete(this.held);
    this.held = undefined;
  }
}

function applySessionChanges(row: MemorySessionRow, set: SessionChanges, at: number): void {
  const target = row as unknown as Record<string, unknown>;
  for (const [key, value] of Object.entries(set)) target[key] = value === null ? undefined : value;
  if (set.status !== undefined) row.statusChangedAt = at;
  if (set.lastError !== undefined) row.lastErrorAt = set.lastError === null ? undefined : at;
}
