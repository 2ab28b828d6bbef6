-- 002_session_lifecycle: sessions keep their channel, their ingest credentials and their history.
-- The ops reconcile pass writes the assignment, the state changes and the harvest; the recording
-- indexer writes `recorded`. The status values are contracts/sessions.ts SESSION_STATUSES.

ALTER TABLE live_sessions DROP CONSTRAINT live_sessions_status_valid;
ALTER TABLE live_sessions ADD CONSTRAINT live_sessions_status_valid
  CHECK (status IN ('scheduled', 'live', 'ended', 'recorded', 'recording_failed', 'no_channel', 'cancelled'));

ALTER TABLE live_sessions
  -- When status last changed (every writer sets it with the status).
  ADD COLUMN status_changed_at    timestamptz NOT NULL DEFAULT now(),
  -- channel_id (001) is written by the reconcile pass; this is when, and it never changes once the
  -- channel's run for the session has begun (starts_at - lead). channel_id without
  -- channel_assigned_at is a channel the app (or an operator) asked for: the pass checks it against
  -- the pool and then writes channel_assigned_at. To ask for another channel, set channel_id and
  -- clear channel_assigned_at.
  ADD COLUMN channel_assigned_at  timestamptz,
  -- Where the mentor pushes: the RTMP URL(s) of the channel's input with this session's own stream
  -- key (two for a STANDARD channel). Set while the channel is idle, before it starts.
  ADD COLUMN ingest_urls          text[],
  ADD COLUMN ingest_key_set_at    timestamptz,
  ADD COLUMN live_at              timestamptz,
  ADD COLUMN ended_at             timestamptz,
  ADD COLUMN recorded_at          timestamptz,
  -- The MediaPackage harvest job of the latest attempt, and how many attempts were made.
  ADD COLUMN harvest_job_id       text,
  ADD COLUMN harvest_attempts     integer NOT NULL DEFAULT 0 CONSTRAINT live_sessions_harvest_attempts_positive CHECK (harvest_attempts >= 0),
  ADD COLUMN harvest_requested_at timestamptz,
  -- MediaPackage's status of that job when the pass last looked (a pass describes only unfinished
  -- jobs, by id, instead of listing every harvest job in the region).
  ADD COLUMN harvest_status       text CONSTRAINT live_sessions_harvest_status_valid CHECK (harvest_status IN ('IN_PROGRESS', 'SUCCEEDED', 'FAILED')),
  -- What went wrong last, for a person (no_channel, recording_failed, a rejected row).
  ADD COLUMN last_error           text,
  ADD COLUMN last_error_at        timestamptz,
  ADD CONSTRAINT live_sessions_assigned_has_channel CHECK (channel_assigned_at IS NULL OR channel_id IS NOT NULL);

-- The pass asks "what is not finished" every minute.
CREATE INDEX live_sessions_status_ends_at_idx ON live_sessions (status, ends_at);

-- Health of the pool's channels as the pass has seen it: an unhealthy channel gets no new sessions.
CREATE TABLE pool_channels (
  pool                  text        NOT NULL,
  channel_id            text        NOT NULL,
  healthy               boolean     NOT NULL DEFAULT true,
  unhealthy_reason      text,
  unhealthy_since       timestamptz,
  -- Consecutive starts that did not reach RUNNING; reset by a start that did.
  start_failures        integer     NOT NULL DEFAULT 0 CONSTRAINT pool_channels_start_failures_positive CHECK (start_failures >= 0),
  last_start_failure_at timestamptz,
  -- The start or stop the pass asked for and has not seen settle, and when it was first asked
  -- (or first seen, if someone else asked): a start is late only when it has taken longer than
  -- the transition timeout from then, which no single pass can tell on its own.
  transition            text        CONSTRAINT pool_channels_transition_valid CHECK (transition IN ('start', 'stop')),
  transition_started_at timestamptz,
  -- MediaLive state when the pass last looked.
  last_state            text,
  last_seen_at          timestamptz,
  updated_at            timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (pool, channel_id),
  CONSTRAINT pool_channels_transition_has_time CHECK ((transition IS NULL) = (transition_started_at IS NULL))
);
