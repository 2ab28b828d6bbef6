/**
 * Where the reconcile pass keeps its memory: the sessions with their assignments and lifecycle, and
 * the pool's channel health. PostgreSQL (`live_sessions`, `pool_channels`) in production; in memory
 * for file schedules (nothing survives the process) and for the benchmark's long replays.
 *
 * Every implementation has the same write rules: a session row is changed only while it is
 * scheduled, no_channel, live or ended (a cancel by the app, or the indexer's `recorded`, wins), and
 * each update stands alone, so one row that cannot be written does not stop the others.
 */
import type { RecordingLossRule } from "./startover";
import type { SessionStatus } from "../../contracts";
import type { SweepDatabase } from "../recordings/sweep";

export type HarvestStatus = "IN_PROGRESS" | "SUCCEEDED" | "FAILED";

/** Statuses the pass may change; the others belong to the app (cancelled) or are final. */
export const PASS_OWNED_STATUSES: readonly SessionStatus[] = ["scheduled", "no_channel", "live", "ended"];

export interface StoredSession {
  readonly id: string;
  readonly mentorId?: string;
  readonly title?: string;
  /** Epoch ms. */
  readonly startsAt: number;
  readonly endsAt: number;
  /** Where the row came from, for messages ("live_sessions id x", "sessions.csv line 4"). */
  readonly origin: string;
  readonly channelId?: string;
  /** When the pass made or accepted the assignment. A channelId without it is a request (app, file). */
  readonly channelAssignedAt?: number;
  readonly status: SessionStatus;
  /** When the session's ingest URLs (its stream key) were set; the URLs themselves are never loaded. */
  readonly ingestKeySetAt?: number;
  readonly liveAt?: number;
  readonly endedAt?: number;
  readonly harvestJobId?: string;
  readonly harvestAttempts: number;
  readonly harvestStatus?: HarvestStatus;
  readonly lastError?: string;
}

export interface StoredChannel {
  readonly channelId: string;
  readonly healthy: boolean;
  readonly unhealthyReason?: string;
  readonly unhealthySince?: number;
  /** Consecutive starts that did not reach RUNNING. */
  readonly startFailures: number;
  readonly lastStartFailureAt?: number;
  /** The start or stop not yet seen to settle, and when it was first asked for (or first seen). */
  readonly transition?: "start" | "stop";
  readonly transitionStartedAt?: number;
  /** MediaLive state when a pass last looked. */
  readonly lastState?: string;
}

/** Columns of one session the pass writes; `null` clears. Status changes stamp status_changed_at. */
export interface SessionChanges {
  readonly channelId?: string | null;
  readonly channelAssignedAt?: number | null;
  readonly status?: SessionStatus;
  readonly liveAt?: number;
  readonly endedAt?: number;
  /** The session's RTMP URLs with its stream key: written, never read back by the pass. */
  readonly ingestUrls?: readonly string[] | null;
  readonly ingestKeySetAt?: number | null;
  readonly harvestJobId?: string;
  readonly harvestAttempts?: number;
  readonly harvestRequestedAt?: number;
  readonly harvestStatus?: HarvestStatus;
  /** What went wrong, for a person; stamps last_error_at. */
  readonly lastError?: string | null;
}

export interface SessionUpdate {
  readonly id: string;
  readonly set: SessionChanges;
}

export interface ChannelChanges {
  readonly healthy?: boolean;
  readonly unhealthyReason?: string | null;
  readonly unhealthySince?: number | null;
  readonly startFailures?: number;
  readonly lastStartFailureAt?: number | null;
  readonly transition?: "start" | "stop" | null;
  readonly transitionStartedAt?: number | null;
  readonly lastState?: string;
}

export interface ChannelUpdate {
  readonly channelId: string;
  readonly set: ChannelChanges;
}

export interface WriteFailure {
  /** Session or channel id. */
  readonly id: string;
  readonly message: string;
  /** Not written because the row is no longer the pass's: cancelled by the app (or recorded) meanwhile. */
  readonly gone?: boolean;
}

export interface LoadWindow {
  /** The instant the pass reasons about. */
  readonly now: number;
  /** Sessions starting before now + horizon are planned. */
  readonly horizonMs: number;
  /** Sessions that ended within this long before now still matter (harvest: the startover window). */
  readonly lookbackMs: number;
  /** Channels that may take sessions: a file schedule is planned whole onto them. */
  readonly usableChannelIds: readonly string[];
  readonly leadMs: number;
  readonly graceMs: number;
}

export interface SessionStore {
  /** For messages: a redacted URL or a file name. */
  readonly source: string;
  /** What the pass writes is there for the next pass (false: a file schedule, each pass starts afresh). */
  readonly remembers: boolean;
  /**
   * The mentor service reads each session's ingest URLs from here. Per-session stream keys need it:
   * a key nobody can read would lock the mentor out.
   */
  readonly publishesIngest: boolean;
  /** Takes the pool's lock for as long as the store is open; false when another pass holds it. */
  tryLock(pool: string): Promise<boolean>;
  loadSessions(window: LoadWindow): Promise<StoredSession[]>;
  loadChannels(pool: string): Promise<StoredChannel[]>;
  /** Rows cancelled (or recorded) meanwhile come back as `gone`, not written. */
  updateSessions(updates: readonly SessionUpdate[], at: number): Promise<WriteFailure[]>;
  updateChannels(pool: string, updates: readonly ChannelUpdate[], at: number): Promise<WriteFailure[]>;
  /**
   * Sessions the rule says can no longer be harvested (startover.ts), with no harvest job done or
   * still running (a running one is followed to its end), become recording_failed with `reason`;
   * returns their ids.
   */
  expireUnharvested(rule: RecordingLossRule, reason: string, at: number): Promise<string[]>;
  /**
   * The store's own connection, for the recording sweep (cli/recordings/sweep.ts) in the pass: its
   * statements queue behind the store's and share its timeouts. Absent for stores without a database.
   */
  readonly sweepDatabase?: SweepDatabase;
  /** Releases the lock and the connection; never throws. */
  close(): Promise<void>;
}
