/**
 * The API services' side of the platform database: the login role each service's task role may
 * connect as through IAM database authentication, the group role holding their privileges and the
 * schema of their own tables. Created by db/migrations/004_service_roles.sql; granted
 * `rds-db:connect` by the services construct. The recording writers' roles are DATABASE_ROLES
 * (contracts/recordings.ts).
 */
import type { ServiceName } from "./services";

/**
 * Where the ops image (Dockerfile, deploy/ops-image) puts the Amazon RDS certificate authorities, for
 * `PGSSLMODE=verify-full` through NODE_EXTRA_CA_CERTS; the tasks that run the image (reconcile and
 * migration) point there.
 */
export const RDS_CA_BUNDLE_PATH = "/etc/ssl/certs/rds-global-bundle.pem";

/** Login role of each API service; its task role may connect as this user and no other. */
export const SERVICE_DATABASE_ROLES: Readonly<Record<ServiceName, string>> = {
  mentee: "livestream_mentee",
  mentor: "livestream_mentor",
  social: "livestream_social",
};

/** NOLOGIN group role holding what the services may do; every service role is a member. */
export const APP_DATABASE_GROUP = "livestream_app";

/** Schema of the services' own tables (created by migrations run as the master user). */
export const APP_SCHEMA = "app";

/** Aurora Serverless v2's instance class: capacity in ACUs within the cluster's range, billed per ACU-hour. */
export const AURORA_SERVERLESS_CLASS = "db.serverless";

/**
 * Provisioned classes Aurora PostgreSQL runs on: memory-optimized db.r* and db.x2g, and the burstable
 * db.t3 / db.t4g in medium or large only (Aurora User Guide, "Supported DB engines for DB instance
 * classes"). There is no general-purpose db.m* and nothing smaller than medium, as RDS for
 * PostgreSQL has: `terraform plan` takes such a class, CreateDBInstance refuses it.
 */
export const AURORA_PROVISIONED_CLASS = /^db\.(?:(?:r\d+[a-z]*|x2g)\.(?:large|\d*xlarge)|t(?:3|4g)\.(?:medium|large))$/;

/** Whether a class can be an instance of an Aurora PostgreSQL cluster. */
export function isAuroraInstanceClass(instanceClass: string): boolean {
  return instanceClass === AURORA_SERVERLESS_CLASS || AURORA_PROVISIONED_CLASS.test(instanceClass);
}

/**
 * Oldest PostgreSQL major the platform runs: from 15 on, PUBLIC has no CREATE on schema public, which
 * the least-privilege roles of migrations 003 and 004 rely on (PostgreSQL 15 release notes).
 */
export const MIN_POSTGRES_MAJOR = 15;
