/**
 * Recordings: who may write them, which session states take one, and the database roles of the
 * writers. Shared by migration 003, the recording indexer Lambda, the sweep in the reconcile pass,
 * the ops CLI and the constructs that grant `rds-db:connect`.
 */
import type { SessionStatus } from "./sessions";

/** Who set a session's recording columns (live_sessions.recording_source). */
export const RECORDING_SOURCES = ["event", "sweep", "operator"] as const;
export type RecordingSource = (typeof RECORDING_SOURCES)[number];

/**
 * States that can take a recording. Not `scheduled` or `no_channel` (nothing was streamed) and never
 * `cancelled`. A row whose recording_source is `operator` takes none either, whatever its status.
 */
export const RECORDABLE_STATUSES: readonly SessionStatus[] = ["live", "ended", "recorded", "recording_failed"];

/** PostgreSQL login roles created by migration 003; IAM database authentication maps to them by name. */
export const DATABASE_ROLES = {
  /** The recording indexer Lambda: SELECT and UPDATE of the recording and status columns only. */
  indexer: "livestream_indexer",
  /** The reconcile task (and its recording sweep): SELECT/UPDATE live_sessions, SELECT/INSERT/UPDATE pool_channels. */
  reconcile: "livestream_reconcile",
} as const;
export type DatabaseRole = (typeof DATABASE_ROLES)[keyof typeof DATABASE_ROLES];
