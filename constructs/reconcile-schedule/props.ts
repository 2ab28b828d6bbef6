import {
  DEFAULT_LOG_RETENTION_DAYS,
  DEFAULT_PASS_DEADLINE,
  DEFAULT_STARTOVER_WINDOW_HOURS,
  OPS_METRICS_NAMESPACE,
} from "../../contracts";
import { DEFAULT_RECONCILE_SETTINGS } from "../../contracts/settings-defaults";
import type { DatabaseConnection } from "../database";

export interface ReconcileScheduleProps {
  /** Resource name prefix, e.g. `livestream-dev`. */
  readonly namePrefix: string;
  readonly accountId: string;
  readonly region: string;
  /** The channel pool (value of the `livestream:pool` tag) the task runs. */
  readonly pool: string;
  /** Image holding the ops CLI (`ops` as entrypoint, RDS CA bundle at `caBundlePath`). */
  readonly image: string;
  /** ECS cluster the task runs in. */
  readonly clusterArn: string;
  readonly vpcId: string;
  readonly vpcCidr: string;
  /** Private subnets with a route to AWS APIs (NAT or endpoints); the task gets no public IP. */
  readonly privateSubnetIds: string[];
  /** The database's writer endpoint (Database.primaryConnection); the task logs in as livestream_reconcile with IAM tokens. */
  readonly database: DatabaseConnection;
  /** CloudFront host name of playback URLs, for the recording sweep in the pass. @default unset (LIVESTREAM_MEDIA_DOMAIN absent) */
  readonly mediaDomainName?: string;
  /** KMS key of the log group and of the schedule. */
  readonly kmsKeyArn: string;
  /** recorded-media-bucket name and the role MediaPackage assumes to write it. */
  readonly recordedBucketName: string;
  readonly harvestRoleArn: string;
  /** Ops SNS topic for the "reconcile stopped reporting" alarm. */
  readonly alarmTopicArn: string;
  /** EventBridge Scheduler expression. @default "rate(1 minute)" */
  readonly scheduleExpression?: string;
  /** Disable the schedule and silence its alarms, e.g. while operators run the pool by hand. @default false */
  readonly paused?: boolean;
  /** Channels run this long before a session. @default DEFAULT_LEAD ("10m") */
  readonly lead?: string;
  /** And this long after it. @default DEFAULT_GRACE ("5m") */
  readonly grace?: string;
  /** Bound on one pass, start to exit; shorter than the schedule period (a rate expression is checked). @default DEFAULT_PASS_DEADLINE ("50s") */
  readonly passDeadline?: string;
  /** A start or stop unsettled this long after its first call fails the pass (exit 4, Errors metric). @default DEFAULT_TRANSITION_TIMEOUT ("5m") */
  readonly transitionTimeout?: string;
  /** MediaPackage startover window (media.startoverWindowHours): how far back recordings are harvested. @default DEFAULT_STARTOVER_WINDOW_HOURS (24) */
  readonly startoverWindowHours?: number;
  /** CloudWatch namespace of the pass metrics. @default OPS_METRICS_NAMESPACE ("Livestream/Ops") */
  readonly metricsNamespace?: string;
  /** Fargate CPU units. @default 256 */
  readonly cpu?: number;
  /** Fargate memory, MiB. @default 512 */
  readonly memory?: number;
  /** CPU architecture of the image. @default "X86_64" */
  readonly cpuArchitecture?: "X86_64" | "ARM64";
  /** Path of the RDS CA bundle inside the image, for verify-full TLS to PostgreSQL. @default RDS_CA_BUNDLE_PATH, where the ops image puts it */
  readonly caBundlePath?: string;
  /** Days the task's logs are kept (a CloudWatch Logs retention value). @default DEFAULT_LOG_RETENTION_DAYS (30) */
  readonly logRetentionDays?: number;
}

/** What ReconcileSchedule does when a prop is left out (schedule and session timings: contracts/settings-defaults.ts). */
export const RECONCILE_SCHEDULE_DEFAULTS = {
  ...DEFAULT_RECONCILE_SETTINGS,
  passDeadline: DEFAULT_PASS_DEADLINE,
  startoverWindowHours: DEFAULT_STARTOVER_WINDOW_HOURS,
  metricsNamespace: OPS_METRICS_NAMESPACE,
  cpu: 256,
  memory: 512,
  cpuArchitecture: "X86_64",
  logRetentionDays: DEFAULT_LOG_RETENTION_DAYS as number,
} as const;
