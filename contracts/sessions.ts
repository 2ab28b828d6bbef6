/**
 * Session lifecycle and the default timings of the channel pool, shared by the environment config,
 * the reconcile-schedule construct, the ops CLI and the recording indexer.
 * The lifecycle is stored in live_sessions.status (db/migrations/002_session_lifecycle.sql).
 */

/**
 * scheduled -> live -> ended -> recorded, and the states a person acts on:
 * - `no_channel`: the pass could not place the session on a healthy channel (see last_error);
 * - `recording_failed`: no recording could be harvested or indexed while the startover window lasted;
 * - `cancelled`: set by the app; the pass never starts a channel for it and events never record it.
 */
export const SESSION_STATUSES = ["scheduled", "live", "ended", "recorded", "recording_failed", "no_channel", "cancelled"] as const;
export type SessionStatus = (typeof SESSION_STATUSES)[number];

/** How long before a session its channel starts (MediaLive takes one to two minutes to reach RUNNING). */
export const DEFAULT_LEAD = "10m";
/** How long after a session its channel keeps running. */
export const DEFAULT_GRACE = "5m";
/** A start or stop still unsettled after this long (from its first call) is a failure, not progress. */
export const DEFAULT_TRANSITION_TIMEOUT = "5m";
/** MediaPackage startover window: how far back a harvest job can still cut a session. */
export const DEFAULT_STARTOVER_WINDOW_HOURS = 24;
/** Longest session the schedule accepts unless told otherwise. */
export const DEFAULT_MAX_SESSION_LENGTH = "8h";
/** Bound on one reconcile pass, start to exit: below the every-minute schedule period, with room for the task to start. */
export const DEFAULT_PASS_DEADLINE = "50s";
