import { Construct } from "constructs";
import { Token } from "cdktf";
import { EcsCluster } from "@cdktf/provider-aws/lib/ecs-cluster";
import { EcsClusterCapacityProviders } from "@cdktf/provider-aws/lib/ecs-cluster-capacity-providers";
import { SERVICE_DATABASE_ROLES, SERVICE_NAMES, type ServiceName } from "../../contracts";
import { databaseUserArn } from "../database";
import { FargateService } from "./fargate-service";
import { SERVICES_DEFAULTS, type ServiceAttributes, type ServicesProps } from "./props";
import { ServiceAutoscaling } from "./service-autoscaling";
import { ServicesSecurityGroup } from "./services-security-group";
import { primeTimeSchedules } from "./prime-time";

export { primeTimeSchedules, type PrimeTimeWindow } from "./prime-time";
export type { ServiceAttributes, ServiceSettings, ServicesDatabase, ServicesProps, ServiceTargetGroup } from "./props";
export { SERVICES_DEFAULTS } from "./props";

/**
 * The three API services (mentee, mentor, social) on Fargate: a Container Insights cluster, one
 * ECS service each in private subnets behind the ALB, each logging in to the database as its own
 * role with IAM database authentication, a least-privilege role per service, and autoscaling on CPU
 * and requests per task with a daily prime-time schedule.
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
    const d = SERVICES_DEFAULTS;
    const capacityProvider = props.capacityProvider ?? d.capacityProvider;
    const senders = new Set(props.notificationSenders ?? d.notificationSenders);

    const cluster = new EcsCluster(this, "cluster", {
      name: props.namePrefix,
      setting: [{ name: "containerInsights", value: "enabled" }],
    });
    this.clusterName = cluster.name;
    this.clusterArn = cluster.arn;
    const capacityProviders = new EcsClusterCapacityProviders(this, "capacity-providers", {
      clusterName: cluster.name,
      capacityProviders: ["FARGATE", "FARGATE_SPOT"],
      defaultCapacityProviderStrategy: [{ capacityProvider, weight: 1 }],
    });

    const securityGroup = new ServicesSecurityGroup(this, "security-group", {
      name: `${props.namePrefix}-services`,
      vpcId: props.vpcId,
      vpcCidr: props.vpcCidr,
      albSecurityGroupId: props.albSecurityGroupId,
      containerPorts: SERVICE_NAMES.map((name) => props.services[name].containerPort),
      databasePort: props.database.port,
    });
    this.securityGroupId = securityGroup.securityGroupId;

    const port = props.database.port;
    // The image contract (docs/operations.md, image contract): sign an IAM token for DB_USER at
    // DB_HOST:DB_PORT with the task role (AWS_REGION), connect with TLS verify-full against the RDS
    // CA bundle, read through DB_READ_HOST. Nothing here is secret.
    const databaseEnvironment = {
      DB_AUTH: "iam",
      DB_HOST: props.database.writerEndpoint,
      DB_READ_HOST: props.database.readerEndpoint,
      DB_PORT: typeof port === "number" ? (Token.isUnresolved(port) ? Token.asString(port) : String(port)) : port,
      DB_NAME: props.database.databaseName,
      DB_SSLMODE: "verify-full",
      AWS_REGION: props.region,
    };

    const byName = {} as Record<ServiceName, ServiceAttributes>;
    for (const name of SERVICE_NAMES) {
      const service = props.services[name];
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
        cpuArchitecture: props.cpuArchitecture ?? d.cpuArchitecture,
        containerPort: service.containerPort,
        healthCheckPath: service.healthCheckPath,
        desiredTasks: service.desiredTasks,
        capacityProvider,
        logRetentionDays: props.logRetentionDays ?? d.logRetentionDays,
        kmsKeyArn: props.kmsKeyArn,
        environment: {
          ...databaseEnvironment,
          DB_USER: SERVICE_DATABASE_ROLES[name],
          PORT: String(service.containerPort),
          ...(sends ? { NOTIFICATION_QUEUE_URL: props.notificationQueueUrl } : {}),
        },
        databaseUserArn: databaseUserArn(props.region, props.accountId, props.database.clusterResourceId, SERVICE_DATABASE_ROLES[name]),
        sendsTo: sends ? { queueArn: props.notificationQueueArn, kmsKeyArn: props.kmsKeyArn } : undefined,
        subnetIds: props.privateSubnetIds,
        securityGroupId: securityGroup.securityGroupId,
        targetGroupArn: props.targetGroups[name].arn,
        healthCheckGracePeriodSeconds: props.healthCheckGracePeriodSeconds ?? d.healthCheckGracePeriodSeconds,
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
