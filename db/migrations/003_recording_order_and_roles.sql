-- 003_recording_order_and_roles: recordings are ordered by time and owned by whoever set them; the
-- recording indexer and the reconcile task log in as their own least-privilege roles.
-- Role names are contracts/recordings.ts DATABASE_ROLES; sources are RECORDING_SOURCES.

ALTER TABLE live_sessions
  -- S3's eventTime of the indexed manifest (the object's LastModified when the sweep found it):
  -- a recording is replaced only by a newer one.
  ADD COLUMN recording_event_time timestamptz,
  -- S3's sequencer of that event: orders two events on the SAME key (eventTime may tie). Hex digits;
  -- compared after right-padding the shorter with zeros (S3 user guide, "Event message structure").
  ADD COLUMN recording_sequencer  text CONSTRAINT live_sessions_recording_sequencer_hex CHECK (recording_sequencer ~ '^[0-9A-Fa-f]{1,128}$'),
  -- Who set the recording columns. 'operator' is an override: events and the sweep never change the
  -- recording or the status of such a row (an operator sets it back to NULL to hand it back).
  ADD COLUMN recording_source     text CONSTRAINT live_sessions_recording_source_valid CHECK (recording_source IN ('event', 'sweep', 'operator'));

-- The login roles. Roles belong to the cluster, not the database: created once, re-used when the
-- schema is applied to another database of the same server. No password: on RDS they authenticate
-- with IAM tokens (rds_iam), elsewhere (tests, laptops) with whatever pg_hba.conf says.
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'livestream_indexer') THEN
    CREATE ROLE livestream_indexer LOGIN;
  END IF;
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'livestream_reconcile') THEN
    CREATE ROLE livestream_reconcile LOGIN;
  END IF;
  -- rds_iam exists only on RDS: membership makes RDS accept IAM tokens (and only tokens) for the role.
  IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'rds_iam') THEN
    GRANT rds_iam TO livestream_indexer, livestream_reconcile;
  END IF;
END
$$;

-- Nothing beyond logging in and the grants below; server-side bounds even for a client that sets
-- none; a connection cap so a burst of Lambda environments cannot take the database's slots.
ALTER ROLE livestream_indexer NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS CONNECTION LIMIT 10;
ALTER ROLE livestream_reconcile NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS CONNECTION LIMIT 6;
ALTER ROLE livestream_indexer SET statement_timeout = '5s';
ALTER ROLE livestream_indexer SET lock_timeout = '2s';
ALTER ROLE livestream_indexer SET idle_in_transaction_session_timeout = '10s';
ALTER ROLE livestream_reconcile SET statement_timeout = '10s';
ALTER ROLE livestream_reconcile SET lock_timeout = '3s';
ALTER ROLE livestream_reconcile SET idle_in_transaction_session_timeout = '20s';

DO $$
BEGIN
  EXECUTE format('GRANT CONNECT ON DATABASE %I TO livestream_indexer, livestream_reconcile', current_database());
END
$$;
GRANT USAGE ON SCHEMA public TO livestream_indexer, livestream_reconcile;

-- Start from nothing on these tables, so re-applying to a database with older grants converges.
REVOKE ALL ON live_sessions, pool_channels FROM livestream_indexer, livestream_reconcile;

-- The indexer: column grants. It reads what its compare-and-set looks at (SET expressions read too)
-- and writes the recording, the status it implies and the error it clears. No INSERT, no DELETE,
-- no other table.
GRANT SELECT (id, status, status_changed_at, recording_uri, playback_url, recording_event_time, recording_sequencer, recording_source,
              recorded_at, last_error, last_error_at)
  ON live_sessions TO livestream_indexer;
GRANT UPDATE (status, status_changed_at, recording_uri, playback_url, recording_event_time, recording_sequencer, recording_source,
              recorded_at, last_error, last_error_at, updated_at)
  ON live_sessions TO livestream_indexer;

-- The reconcile task: it reads whole rows (the schedule), and writes the lifecycle, channel,
-- ingest, harvest and error columns of 002 plus the recording columns (its sweep indexes what
-- events missed). Column grants: the app's own columns (id, mentor_id, title, starts_at, ends_at,
-- created_at) stay out of its reach. A column added later needs its own GRANT here.
GRANT SELECT ON live_sessions TO livestream_reconcile;
GRANT UPDATE (status, status_changed_at, channel_id, channel_assigned_at, ingest_urls, ingest_key_set_at, live_at, ended_at,
              recorded_at, harvest_job_id, harvest_attempts, harvest_requested_at, harvest_status, last_error, last_error_at, updated_at,
              recording_uri, playback_url, recording_event_time, recording_sequencer, recording_source)
  ON live_sessions TO livestream_reconcile;
GRANT SELECT, INSERT, UPDATE ON pool_channels TO livestream_reconcile;

-- The sweep asks "which ended sessions have no recording" every minute.
CREATE INDEX live_sessions_unrecorded_idx ON live_sessions (ends_at) WHERE status = 'ended' AND recording_uri IS NULL;
