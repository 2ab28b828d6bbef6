import { DEFAULT_LOG_RETENTION_DAYS } from "../../contracts";
import { DEFAULT_DATABASE_SETTINGS } from "../../contracts/settings-defaults";

/** Capacity range of the cluster's db.serverless instances (Aurora Serverless v2). */
export interface ServerlessCapacity {
  /** Fewest ACUs an instance scales down to (0.5-256, in half steps). */
  readonly minAcu: number;
  /** Most ACUs an instance scales up to (1-256, in half steps, at least minAcu). */
  readonly maxAcu: number;
}

export interface DatabaseProps {
  /** Prefix of every name, e.g. `livestream-dev`; the cluster is `<namePrefix>-postgres`, its instances `<namePrefix>-postgres-<n>`. */
  readonly namePrefix: string;
  /** Account id (scopes the monitoring role's trust). */
  readonly accountId: string;
  /** VPC of the database security group. */
  readonly vpcId: string;
  /** Isolated subnets (no internet route), in at least two AZs. */
  readonly subnetIds: string[];
  /**
   * AZs of those subnets, in order: the writer is created in the first, each reader in the next ones
   * (never the writer's while there is another). @default RDS chooses
   */
  readonly availabilityZones?: string[];
  /** KMS key ARN for storage, the master secret, Performance Insights and exported logs. */
  readonly kmsKeyArn: string;
  /** Aurora PostgreSQL version, major.minor, e.g. "16.9". @default "16.9" */
  readonly engineVersion?: string;
  /** Writer instance class: an Aurora class, or db.serverless. @default "db.t4g.medium" */
  readonly instanceClass?: string;
  /** Reader instance class. @default the writer's instanceClass */
  readonly readerInstanceClass?: string;
  /** Readers (Aurora Replicas): the reader endpoint's instances and the writer's failover targets, 0-15. @default 1 */
  readonly readers?: number;
  /** ACU range of db.serverless instances (used only when a class is db.serverless). @default { minAcu: 0.5, maxAcu: 4 } */
  readonly serverless?: ServerlessCapacity;
  /** Days of automated backups (point-in-time recovery), 7-35. @default 7 */
  readonly backupRetentionDays?: number;
  /** Database created in the cluster. @default "livestream" */
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
