import type { ITerraformDependable } from "cdktf";
import { type LogRetentionDays, type ServiceName } from "../../contracts";
import { DEFAULT_SERVICES_SETTINGS } from "../../contracts/settings-defaults";
import type { PrimeTimeWindow } from "./prime-time";

/** What one API service runs: the environment config holds these per service (config/schema.ts). */
export interface ServiceSettings {
  /** Container image reference (ECR URI with tag or digest). */
  readonly image: string;
  /** Fargate CPU units (256, 512, 1024, 2048 or 4096). */
  readonly cpu: number;
  /** Fargate memory in MiB; must fit the CPU size. */
  readonly memory: number;
  /** Port the container listens on (target group and security group). */
  readonly containerPort: number;
  /** Path the load balancer and the container health check request. */
  readonly healthCheckPath: string;
  /** Tasks outside prime time: minTasks <= desiredTasks <= maxTasks. */
  readonly minTasks: number;
  readonly desiredTasks: number;
  readonly maxTasks: number;
  /** Capacity held from just before the prime-time window until it ends. */
  readonly primeTimeMinTasks: number;
  readonly primeTimeMaxTasks: number;
  /** Target-tracking goals: CPU percent and ALB requests per target per minute. */
  readonly targetCpuPercent: number;
  readonly targetRequestsPerTarget: number;
}

/** Where a service's tasks are registered, from ApiEdge. */
export interface ServiceTargetGroup {
  /** Target group ARN. */
  readonly arn: string;
  /** Target group ARN suffix (CloudWatch dimension, request-count scaling label). */
  readonly arnSuffix: string;
}

/**
 * Where and how the services reach the Aurora cluster. Each service logs in as its own role
 * (SERVICE_DATABASE_ROLES) with IAM database authentication: no secret reaches the tasks.
 */
export interface ServicesDatabase {
  /** Cluster (writer) endpoint. */
  readonly writerEndpoint: string;
  /** Reader endpoint (the writer while the cluster has no reader). */
  readonly readerEndpoint: string;
  /** PostgreSQL port. */
  readonly port: number | string;
  /** Database name. */
  readonly databaseName: string;
  /** The cluster's resource id (`cluster-...`), which each task role's `rds-db:connect` ARN names. */
  readonly clusterResourceId: string;
}

export interface ServicesProps {
  /** Prefix of every resource name, e.g. `livestream-dev`; also the cluster name. */
  readonly namePrefix: string;
  /** Account the tasks run in (IAM trust conditions). */
  readonly accountId: string;
  /** Region of the cluster (logs, AWS_REGION). */
  readonly region: string;
  /** Image, size, port, health check, task counts and scaling targets of each of the three services. */
  readonly services: Readonly<Record<ServiceName, ServiceSettings>>;
  /** FARGATE_SPOT is cheaper and can be interrupted (dev). @default "FARGATE" */
  readonly capacityProvider?: "FARGATE" | "FARGATE_SPOT";
  /** Days the services' logs are kept (a CloudWatch Logs retention value). @default DEFAULT_LOG_RETENTION_DAYS (30) */
  readonly logRetentionDays?: LogRetentionDays;
  /** Prime-time window in which capacity is held higher. */
  readonly primeTime: PrimeTimeWindow;
  /** VPC of the tasks. */
  readonly vpcId: string;
  /** VPC CIDR; database traffic may go only there. */
  readonly vpcCidr: string;
  /** Private subnets, one per AZ, for the tasks. */
  readonly privateSubnetIds: string[];
  /** Load balancer security group; the only source the tasks admit. */
  readonly albSecurityGroupId: string;
  /** Load balancer ARN suffix (request-count scaling label). */
  readonly albArnSuffix: string;
  /** Target group of each service. */
  readonly targetGroups: Readonly<Record<ServiceName, ServiceTargetGroup>>;
  /**
   * Resources the services must wait for, typically the listener rules that attach the target
   * groups to the load balancer (ECS rejects an unattached target group).
   * @default []
   */
  readonly dependsOn?: ITerraformDependable[];
  /** Customer-managed KMS key for log groups and the notification queue. */
  readonly kmsKeyArn: string;
  /** Database the services connect to. */
  readonly database: ServicesDatabase;
  /** Notification queue ARN. */
  readonly notificationQueueArn: string;
  /** Notification queue URL, given to the senders as NOTIFICATION_QUEUE_URL. */
  readonly notificationQueueUrl: string;
  /**
   * Services allowed to send to the notification queue (the design: mentee announces sessions).
   * @default ["mentee"]
   */
  readonly notificationSenders?: readonly ServiceName[];
  /** CPU architecture of the images. @default "X86_64" */
  readonly cpuArchitecture?: "X86_64" | "ARM64";
  /** Seconds a new task may fail load-balancer health checks while it starts. @default 60 */
  readonly healthCheckGracePeriodSeconds?: number;
}

/** What other constructs need about one service. */
export interface ServiceAttributes {
  /** ECS service name (CloudWatch `ServiceName` dimension). */
  readonly serviceName: string;
  /** ECS service ARN. */
  readonly serviceArn: string;
  /** Target group ARN suffix (CloudWatch `TargetGroup` dimension). */
  readonly targetGroupArnSuffix: string;
  /** Application role ARN; grant it access to further resources. */
  readonly taskRoleArn: string;
  /** Application role name. */
  readonly taskRoleName: string;
  /** Log group name. */
  readonly logGroupName: string;
  /** Daily cron expressions of the prime-time scheduled actions. */
  readonly primeTimeSchedules: { readonly scaleUp: string; readonly scaleDown: string };
}

/** What Services does when a prop is left out (capacity provider and log retention: contracts/settings-defaults.ts). */
export const SERVICES_DEFAULTS = {
  ...DEFAULT_SERVICES_SETTINGS,
  notificationSenders: ["mentee"] as readonly ServiceName[],
  cpuArchitecture: "X86_64",
  healthCheckGracePeriodSeconds: 60,
} as const;
