/**
 * What the reconcile task needs beyond the pass's AWS calls: logging in to PostgreSQL as its own
 * role through IAM database authentication (no secret in the task), and listing the recorded-media
 * bucket for the recording sweep (cli/recordings/sweep.ts) that runs inside the pass.
 */
import { DATABASE_ROLES, SESSIONS_PREFIX } from "../../contracts";
import { databaseUserArn } from "../database";
import type { PolicyStatement } from "../iam-policy";

export interface DatabaseAccessInput {
  readonly region: string;
  readonly accountId: string;
  /** Resource id of the Aurora cluster, `cluster-...` (DatabaseConnection.resourceId). */
  readonly databaseResourceId: string;
  readonly recordedBucketName: string;
}

export function reconcileDatabaseStatements(p: DatabaseAccessInput): PolicyStatement[] {
  return [
    // SAR (Amazon RDS IAM Authentication): rds-db:connect on the db-user resource type.
    { Sid: "ConnectAsReconcileRole", Effect: "Allow", Action: ["rds-db:connect"], Resource: databaseUserArn(p.region, p.accountId, p.databaseResourceId, DATABASE_ROLES.reconcile) },
    {
      // SAR (Amazon S3): ListBucket takes the bucket resource and the s3:prefix condition key.
      Sid: "SweepRecordings",
      Effect: "Allow",
      Action: ["s3:ListBucket"],
      Resource: `arn:aws:s3:::${p.recordedBucketName}`,
      Condition: { StringLike: { "s3:prefix": `${SESSIONS_PREFIX}*` } },
    },
  ];
}

/** The container environment of IAM authentication as livestream_reconcile (lib/postgres-connection.ts reads it). */
export function reconcileDatabaseEnvironment(mediaDomainName?: string): { name: string; value: string }[] {
  return [
    { name: "PGUSER", value: DATABASE_ROLES.reconcile },
    { name: "LIVESTREAM_DB_AUTH", value: "iam" },
    ...(mediaDomainName ? [{ name: "LIVESTREAM_MEDIA_DOMAIN", value: mediaDomainName }] : []),
  ];
}
