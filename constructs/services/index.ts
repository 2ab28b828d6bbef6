import { Construct } from "constructs";
import { Token, type ITerraformDependable } from "cdktf";
import { EcsCluster } from "@cdktf/provider-aws/lib/ecs-cluster";
import { EcsClusterCapacityProviders } from "@cdktf/provider-aws/lib/ecs-cluster-capacity-providers";
import { SERVICE_NAMES, type EnvironmentConfig, type ServiceName } from "../../config/schema";
import { FargateService } from "./fargate-service";
import { ServiceAutoscaling } from "./service-autoscaling";
import { ServicesSecurityGroup } from "./services-security-group";
import { primeTimeSchedules, type PrimeTimeWindow } from "./prime-time";

export { primeTimeSchedules, type PrimeTimeWindow };

/** Where a service's tasks are registered, from ApiEdge. */
export interface ServiceTargetGroup {
  /** Target group ARN. */
  readonly arn: string;
  /** Target group ARN suffix (CloudWatch dimension, request-count scaling label). */
  readonly arnSuffix: string;
}

/** Connection details of the PostgreSQL primary and read replica. */
export interface ServicesDatabase {
  /** Primary (writer) host name. */
  readonly primaryAddress: string;
  /** Read-replica host name. */
  readonly replicaAddress: string;
  /** PostgreSQL port. */
  readonly port: number | string;
  /** Database name. */
  readonly databaseName: string;
  /** Secrets Manager secret with `username` and `password` keys (the RDS-managed master secret). */
  readonly secretArn: string;
}

export interface ServicesProps {
  /** Prefix of every resource name, e.g. `livestream-dev`; also the cluster name. */
  readonly namePrefix: string;
  /** Account the tasks run in (IAM trust conditions). */
  readonly accountId: string;
  /** Region of the cluster (logs, AWS_REGION). */
  readonly region: string;
  /** Sizes, images, task counts, capacity provider and log retention of the three services. */
  readonly services: EnvironmentConfig["services"];
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
  /** Customer-managed KMS key for log groups, the DB secret and the notification queue. */
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

/**
 * The three API services (mentee, mentor, social) on Fargate: a Container Insights cluster, one
 * ECS service each in private subnets behind the ALB, database credentials injected from Secrets
 * Manager, a least-privilege role per service, and autoscaling on CPU and requests per task with
 * a daily prime-time schedule.
 */
export class Services extends Construct {
  /** ECS cluster name (CloudWatch `ClusterName` dimension). */
  readonly clusterName: string;
  /** ECS cluster ARN. */
  readonly clusterArn: string;
  /** Security group of every task; the database admits it. */
  readonly securityGroupId: string;
  /** Attributes of each service. */
  readonly byName: Readonly<Record<ServiceName, ServiceAttributes>>;

  constructor(scope: Construct, id: string, props: ServicesProps) {
    super(scope, id);
    validateProps(props);
    const config = props.services;
    const senders = new Set(props.notificationSenders ?? ["mentee"]);

    const cluster = new EcsCluster(this, "cluster", {
      name: props.namePrefix,
      setting: [{ name: "containerInsights", value: "enabled" }],
    });
    this.clusterName = cluster.name;
    this.clusterArn = cluster.arn;
    const capacityProviders = new EcsClusterCapacityProviders(this, "capacity-providers", {
      clusterName: cluster.name,
      capacityProviders: ["FARGATE", "FARGATE_SPOT"],
      defaultCapacityProviderStrategy: [{ capacityProvider: config.capacityProvider, weight: 1 }],
    });

    const securityGroup = new ServicesSecurityGroup(this, "security-group", {
      name: `${props.namePrefix}-services`,
      vpcId: props.vpcId,
      vpcCidr: props.vpcCidr,
      albSecurityGroupId: props.albSecurityGroupId,
      containerPorts: SERVICE_NAMES.map((name) => config[name].containerPort),
      databasePort: props.database.port,
    });
    this.securityGroupId = securityGroup.securityGroupId;

    const port = props.database.port;
    const databaseEnvironment = {
      DB_HOST: props.database.primaryAddress,
      DB_READ_HOST: props.database.replicaAddress,
      DB_PORT: typeof port === "number" ? (Token.isUnresolved(port) ? Token.asString(port) : String(port)) : port,
      DB_NAME: props.database.databaseName,
      AWS_REGION: props.region,
    };

    const byName = {} as Record<ServiceName, ServiceAttributes>;
    for (const name of SERVICE_NAMES) {
      const service = config[name];
      const resourceName = `${props.namePrefix}-${name}`;
      const sends = senders.has(name);
      const fargate = new FargateService(this, name, {
        name,
        resourceName,
        accountId: props.accountId,
        region: props.region,
        clusterArn: cluster.arn,
        image: service.image,
        cpu: service.cpu,
        memory: service.memory,
        cpuArchitecture: props.cpuArchitecture ?? "X86_64",
        containerPort: service.containerPort,
        healthCheckPath: service.healthCheckPath,
        desiredTasks: service.desiredTasks,
        capacityProvider: config.capacityProvider,
        logRetentionDays: config.logRetentionDays,
        kmsKeyArn: props.kmsKeyArn,
        environment: {
          ...databaseEnvironment,
          PORT: String(service.containerPort),
          ...(sends ? { NOTIFICATION_QUEUE_URL: props.notificationQueueUrl } : {}),
        },
        databaseSecretArn: props.database.secretArn,
        sendsTo: sends ? { queueArn: props.notificationQueueArn, kmsKeyArn: props.kmsKeyArn } : undefined,
        subnetIds: props.privateSubnetIds,
        securityGroupId: securityGroup.securityGroupId,
        targetGroupArn: props.targetGroups[name].arn,
        healthCheckGracePeriodSeconds: props.healthCheckGracePeriodSeconds ?? 60,
        dependsOn: [capacityProviders, ...(props.dependsOn ?? [])],
      });

      const autoscaling = new ServiceAutoscaling(this, `${name}-autoscaling`, {
        name: resourceName,
        clusterName: cluster.name,
        serviceName: fargate.serviceName,
        minTasks: service.minTasks,
        maxTasks: service.maxTasks,
        primeTimeMinTasks: service.primeTimeMinTasks,
        primeTimeMaxTasks: service.primeTimeMaxTasks,
        targetCpuPercent: service.targetCpuPercent,
        targetRequestsPerTarget: service.targetRequestsPerTarget,
        requestCountResourceLabel: `${props.albArnSuffix}/${props.targetGroups[name].arnSuffix}`,
        primeTime: props.primeTime,
      });

      byName[name] = {
        serviceName: fargate.serviceName,
        serviceArn: fargate.serviceArn,
        targetGroupArnSuffix: props.targetGroups[name].arnSuffix,
        taskRoleArn: fargate.taskRoleArn,
        taskRoleName: fargate.taskRoleName,
        logGroupName: fargate.logGroupName,
        primeTimeSchedules: autoscaling.schedules,
      };
    }
    this.byName = byName;
  }

  /** Attributes of one service. */
  service(name: ServiceName): ServiceAttributes {
    return this.byName[name];
  }
}

function validateProps(props: ServicesProps): void {
  if (!/^[a-z][a-z0-9-]{1,40}$/.test(props.namePrefix)) {
    throw new Error(`Services: props.namePrefix '${props.namePrefix}' must be 2-41 lower-case letters, digits or dashes`);
  }
  if (!Token.isUnresolved(props.privateSubnetIds) && props.privateSubnetIds.length < 2) {
    throw new Error(`Services: props.privateSubnetIds needs subnets in at least 2 AZs, got ${props.privateSubnetIds.length}`);
  }
  for (const name of SERVICE_NAMES) {
    if (!props.targetGroups[name]) throw new Error(`Services: props.targetGroups.${name} is missing`);
    const s = props.services[name];
    if (!(s.minTasks <= s.desiredTasks && s.desiredTasks <= s.maxTasks)) {
      throw new Error(`Services: props.services.${name} needs minTasks <= desiredTasks <= maxTasks, got ${s.minTasks}/${s.desiredTasks}/${s.maxTasks}`);
    }
    if (s.primeTimeMinTasks > s.primeTimeMaxTasks) {
      throw new Error(`Services: props.services.${name}.primeTimeMinTasks (${s.primeTimeMinTasks}) exceeds primeTimeMaxTasks (${s.primeTimeMaxTasks})`);
    }
  }
  for (const sender of props.notificationSenders ?? []) {
    if (!(SERVICE_NAMES as readonly string[]).includes(sender)) {
      throw new Error(`Services: props.notificationSenders entry '${sender}' is not one of ${SERVICE_NAMES.join(", ")}`);
    }
  }
  primeTimeSchedules(props.primeTime);
  const grace = props.healthCheckGracePeriodSeconds;
  if (grace !== undefined && (!Number.isInteger(grace) || grace < 0 || grace > 2147483647)) {
    throw new Error(`Services: props.healthCheckGracePeriodSeconds must be a non-negative integer, got ${grace}`);
  }
}
