-- 001_live_sessions: the live-streaming sessions mentors run.
-- Written by the recording indexer Lambda (recording_uri, playback_url, status = 'recorded') and
-- read by the ops CLI (scheduled sessions, to start channels in time).
-- IF NOT EXISTS keeps the file safe to re-run by hand; schema_migrations normally prevents that.

CREATE TABLE IF NOT EXISTS live_sessions (
  -- Ids appear in S3 keys (sessions/<id>/...): restrict them to URL- and key-safe characters.
  id            text        PRIMARY KEY
                            CONSTRAINT live_sessions_id_format CHECK (id ~ '^[A-Za-z0-9][A-Za-z0-9_-]{0,127}$'),
  mentor_id     text        NOT NULL CONSTRAINT live_sessions_mentor_id_not_blank CHECK (mentor_id <> ''),
  -- The MediaLive channel of the pool; assigned by the ops CLI, so empty until then.
  channel_id    text,
  title         text        NOT NULL DEFAULT '',
  starts_at     timestamptz NOT NULL,
  ends_at       timestamptz NOT NULL,
  status        text        NOT NULL DEFAULT 'scheduled'
                            CONSTRAINT live_sessions_status_valid
                            CHECK (status IN ('scheduled', 'live', 'ended', 'recorded', 'cancelled')),
  recording_uri text        CONSTRAINT live_sessions_recording_uri_s3 CHECK (recording_uri ~ '^s3://[a-z0-9.-]+/.+'),
  playback_url  text        CONSTRAINT live_sessions_playback_url_https CHECK (playback_url ~ '^https://'),
  created_at    timestamptz NOT NULL DEFAULT now(),
  updated_at    timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT live_sessions_ends_after_start CHECK (ends_at > starts_at),
  -- A session is "recorded" only once there is something to play.
  CONSTRAINT live_sessions_recorded_has_uri CHECK (status <> 'recorded' OR (recording_uri IS NOT NULL AND playback_url IS NOT NULL))
);

-- The ops CLI asks "what starts in the next N minutes"; the mentor service lists sessions by time.
CREATE INDEX IF NOT EXISTS live_sessions_starts_at_idx ON live_sessions (starts_at);
