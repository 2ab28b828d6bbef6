import { DEFAULT_LOG_RETENTION_DAYS } from "../../contracts";
import { DEFAULT_DATABASE_SETTINGS } from "../../contracts/settings-defaults";

export interface DatabaseProps {
  /** Prefix of every name, e.g. `livestream-dev`; instances are `<namePrefix>-postgres[-replica]`. */
  readonly namePrefix: string;
  /** Account id (scopes the monitoring role's trust). */
  readonly accountId: string;
  /** VPC of the database security group. */
  readonly vpcId: string;
  /** Isolated subnets (no internet route), in at least two AZs. */
  readonly subnetIds: string[];
  /** KMS key ARN for storage, the master secret, Performance Insights and exported logs. */
  readonly kmsKeyArn: string;
  /** PostgreSQL version, major ("16") or major.minor ("16.4"). @default "16" */
  readonly engineVersion?: string;
  /** Primary instance class. @default "db.t4g.medium" */
  readonly instanceClass?: string;
  /** Read replica instance class. @default the primary's instanceClass */
  readonly replicaInstanceClass?: string;
  /** Initial gp3 storage in GB. @default 50 */
  readonly allocatedStorageGb?: number;
  /** Storage autoscaling ceiling in GB. @default 200 */
  readonly maxAllocatedStorageGb?: number;
  /** Standby in a second AZ for the primary. @default false */
  readonly multiAz?: boolean;
  /** Days of automated backups, 7-35. @default 7 */
  readonly backupRetentionDays?: number;
  /** Database created on the primary. @default "livestream" */
  readonly databaseName?: string;
  /** Master user; its password is generated and kept in Secrets Manager by RDS. @default "livestream_admin" */
  readonly masterUsername?: string;
  /**
   * Refuse deletion, and take a final snapshot if it is deleted anyway (prod). Off lets dev be torn down.
   * @default true
   */
  readonly deletionProtection?: boolean;
  /** Daily backup window, UTC. @default "19:00-20:00" (03:00-04:00 Singapore, far from prime time) */
  readonly backupWindow?: string;
  /** Weekly maintenance window, UTC. @default "sun:20:30-sun:21:30" (Monday 04:30 Singapore) */
  readonly maintenanceWindow?: string;
  /** Statements slower than this are logged, in ms (-1 turns it off). @default 1000 */
  readonly slowStatementMs?: number;
  /** Days exported PostgreSQL logs are kept. @default 30 */
  readonly logRetentionDays?: number;
}

/** What Database does when a prop is left out (the settings the environment config also has: contracts/settings-defaults.ts). */
export const DATABASE_DEFAULTS = {
  ...DEFAULT_DATABASE_SETTINGS,
  masterUsername: "livestream_admin",
  deletionProtection: true,
  /** 03:00-04:00 Singapore, far from prime time. */
  backupWindow: "19:00-20:00",
  /** Monday 04:30 Singapore. */
  maintenanceWindow: "sun:20:30-sun:21:30",
  slowStatementMs: 1000,
  logRetentionDays: DEFAULT_LOG_RETENTION_DAYS as number,
} as const;
