/**
 * What MediaPackage's startover window allows, in one place. The origin endpoint keeps the last
 * `window` of each channel's stream, and a harvest job must start within it (MediaPackage User
 * Guide, "Live-to-VOD requirements": the start time must be within the startover window). So a
 * session can be harvested whole until its start leaves the window; after that, once it is over,
 * its recording is lost: the pass marks it recording_failed (an error and RecordingsMissing, not a
 * note). A session still on air is never given up, whatever its length: its channel keeps running.
 *
 * The recording sweep (cli/recordings/sweep.ts) looks for manifests of harvested sessions over the
 * same window, counted from the session's end: a harvest cut before the window closed has landed
 * long before then.
 */

/** A harvest can still take the whole session: its start is within the endpoint's window. */
export function harvestable(s: { readonly startsAt: number }, now: number, windowMs: number): boolean {
  return s.startsAt >= now - windowMs;
}

/** The instants of the give-up rule, as the stores apply it to rows (SQL or memory). */
export interface RecordingLossRule {
  /** Sessions that started before this can no longer be harvested. */
  readonly startedBefore: number;
  /** ... and are over (their grace ended before this), so no channel is cut. */
  readonly endedBefore: number;
}

export function recordingLossRule(now: number, windowMs: number, graceMs: number): RecordingLossRule {
  return { startedBefore: now - windowMs, endedBefore: now - graceMs };
}
