-- 004_service_roles: the three API services (mentee, mentor, social) log in as their own roles through
-- IAM database authentication, never with the master credentials. Each role is a member of one
-- NOLOGIN group, livestream_app, that holds what the services may do; the roles differ only in who
-- may connect as them (each service's task role may sign tokens for its own role only).
-- Names are contracts/database.ts SERVICE_DATABASE_ROLES, APP_DATABASE_GROUP and APP_SCHEMA.
--
-- What the services may do:
-- - live_sessions: read every column but ingest_urls (the schedule, the lifecycle, the recording);
--   only the mentor service reads ingest_urls, the live stream keys: a leak from the mentee or the
--   social service must not hand out keys to push into someone's session. Column grants, so a column
--   a later migration adds is readable only once that migration says so (db/roles.test.ts asks).
--   Create sessions and change the app's own columns (mentor_id, title, starts_at, ends_at), never
--   the lifecycle, channel, ingest, harvest or recording columns the reconcile task and the indexer
--   own (003). No DELETE: a session leaves the schedule by app.cancel_session(), which is the only
--   way the app sets a status (`cancelled`, contracts/sessions.ts).
-- - schema app: their own tables. Created by migrations here (run as the master user by the
--   migration task), never by the services at run time: a public-facing service gets no DDL. Tables
--   and sequences created in it later are readable and writable by the group without another GRANT.
-- - nothing else: no pool_channels, no schema_migrations, no other schema.

CREATE SCHEMA IF NOT EXISTS app;

DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'livestream_app') THEN
    CREATE ROLE livestream_app NOLOGIN;
  END IF;
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'livestream_mentee') THEN
    CREATE ROLE livestream_mentee LOGIN;
  END IF;
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'livestream_mentor') THEN
    CREATE ROLE livestream_mentor LOGIN;
  END IF;
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'livestream_social') THEN
    CREATE ROLE livestream_social LOGIN;
  END IF;
  -- rds_iam exists only on RDS and Aurora: membership makes them accept IAM tokens (and only tokens).
  IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'rds_iam') THEN
    GRANT rds_iam TO livestream_mentee, livestream_mentor, livestream_social;
  END IF;
END
$$;

-- The group cannot log in and holds no attribute; the members inherit its privileges only.
ALTER ROLE livestream_app NOLOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS;
GRANT livestream_app TO livestream_mentee, livestream_mentor, livestream_social;

-- Bounds each service's share of the instance's connections (tasks x pool size must stay below) and
-- of its time: server-side limits even for a client that sets none.
ALTER ROLE livestream_mentee NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS CONNECTION LIMIT 100;
ALTER ROLE livestream_mentor NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS CONNECTION LIMIT 100;
ALTER ROLE livestream_social NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS CONNECTION LIMIT 100;
ALTER ROLE livestream_mentee SET statement_timeout = '15s';
ALTER ROLE livestream_mentor SET statement_timeout = '15s';
ALTER ROLE livestream_social SET statement_timeout = '15s';
ALTER ROLE livestream_mentee SET lock_timeout = '5s';
ALTER ROLE livestream_mentor SET lock_timeout = '5s';
ALTER ROLE livestream_social SET lock_timeout = '5s';
ALTER ROLE livestream_mentee SET idle_in_transaction_session_timeout = '30s';
ALTER ROLE livestream_mentor SET idle_in_transaction_session_timeout = '30s';
ALTER ROLE livestream_social SET idle_in_transaction_session_timeout = '30s';

DO $$
BEGIN
  EXECUTE format('GRANT CONNECT ON DATABASE %I TO livestream_app', current_database());
END
$$;
GRANT USAGE ON SCHEMA public TO livestream_app;

-- Start from nothing on the shared tables, so re-applying converges (a table-level REVOKE also takes
-- back column grants: PostgreSQL documentation, REVOKE).
REVOKE ALL ON live_sessions, pool_channels, schema_migrations FROM livestream_app, livestream_mentee, livestream_mentor, livestream_social;
GRANT SELECT (id, mentor_id, title, starts_at, ends_at, status, channel_id, status_changed_at, channel_assigned_at,
              ingest_key_set_at, live_at, ended_at, recorded_at, harvest_job_id, harvest_attempts, harvest_requested_at,
              harvest_status, last_error, last_error_at, recording_uri, playback_url, recording_event_time,
              recording_sequencer, recording_source, created_at, updated_at)
  ON live_sessions TO livestream_app;
GRANT SELECT (ingest_urls) ON live_sessions TO livestream_mentor;
GRANT INSERT (id, mentor_id, title, starts_at, ends_at) ON live_sessions TO livestream_app;
GRANT UPDATE (mentor_id, title, starts_at, ends_at, updated_at) ON live_sessions TO livestream_app;

-- Cancelling is the one status change the app makes: through this function, which runs as its
-- owner (the migration's master user) and changes only the status of a session nothing has gone on
-- air for yet. search_path is pinned so a caller's objects cannot stand in for the table
-- (PostgreSQL documentation, CREATE FUNCTION, "Writing SECURITY DEFINER Functions Safely").
CREATE OR REPLACE FUNCTION app.cancel_session(session_id text) RETURNS boolean
  LANGUAGE sql
  SECURITY DEFINER
  SET search_path = pg_catalog, pg_temp
AS $$
  WITH cancelled AS (
    UPDATE public.live_sessions
       SET status = 'cancelled', status_changed_at = now(), updated_at = now()
     WHERE id = session_id AND status IN ('scheduled', 'no_channel')
    RETURNING 1
  )
  SELECT EXISTS (SELECT 1 FROM cancelled);
$$;
REVOKE ALL ON FUNCTION app.cancel_session(text) FROM PUBLIC;

-- The services' own schema: use, and read and write what migrations create there; no CREATE. Without
-- USAGE on it nobody else reaches what it holds (functions there included).
REVOKE ALL ON SCHEMA app FROM PUBLIC;
GRANT USAGE ON SCHEMA app TO livestream_app;
GRANT EXECUTE ON FUNCTION app.cancel_session(text) TO livestream_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA app TO livestream_app;
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA app TO livestream_app;
-- Objects the migration user creates in app later: granted at creation (PostgreSQL, ALTER DEFAULT PRIVILEGES).
ALTER DEFAULT PRIVILEGES IN SCHEMA app GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO livestream_app;
ALTER DEFAULT PRIVILEGES IN SCHEMA app GRANT USAGE, SELECT ON SEQUENCES TO livestream_app;
