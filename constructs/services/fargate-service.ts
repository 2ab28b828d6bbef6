import { Construct } from "constructs";
import type { ITerraformDependable } from "cdktf";
import { CloudwatchLogGroup } from "@cdktf/provider-aws/lib/cloudwatch-log-group";
import { EcsService } from "@cdktf/provider-aws/lib/ecs-service";
import { EcsTaskDefinition } from "@cdktf/provider-aws/lib/ecs-task-definition";
import { TaskExecutionRole, TaskRole } from "./task-roles";

export interface FargateServiceProps {
  /** Short service name, e.g. "mentee"; also the container name. */
  readonly name: string;
  /** Full resource name, e.g. livestream-dev-mentee. */
  readonly resourceName: string;
  readonly accountId: string;
  readonly region: string;
  readonly clusterArn: string;
  readonly image: string;
  readonly cpu: number;
  readonly memory: number;
  readonly cpuArchitecture: "X86_64" | "ARM64";
  readonly containerPort: number;
  readonly healthCheckPath: string;
  readonly desiredTasks: number;
  readonly capacityProvider: "FARGATE" | "FARGATE_SPOT";
  readonly logRetentionDays: number;
  readonly kmsKeyArn: string;
  /** Plain (non-secret) environment variables; the database ones name the role and endpoints, never a password. */
  readonly environment: Readonly<Record<string, string>>;
  /** The dbuser ARN of the service's database role (rds-db:connect in the task role). */
  readonly databaseUserArn: string;
  /** Queue the application may send to. @default none */
  readonly sendsTo?: { readonly queueArn: string; readonly kmsKeyArn: string };
  readonly subnetIds: string[];
  readonly securityGroupId: string;
  readonly targetGroupArn: string;
  readonly healthCheckGracePeriodSeconds: number;
  /** What must exist before the service starts tasks (capacity providers, listener rules). */
  readonly dependsOn: ITerraformDependable[];
}

/**
 * One API service: its log group, roles, task definition and ECS service. The container runs as a
 * non-root user on a read-only root file system with all Linux capabilities dropped; only /tmp is
 * writable (task-local scratch that disappears with the task).
 */
export class FargateService extends Construct {
  readonly serviceName: string;
  readonly serviceArn: string;
  readonly taskDefinitionArn: string;
  readonly taskRoleArn: string;
  readonly taskRoleName: string;
  readonly executionRoleArn: string;
  readonly logGroupName: string;
  /** The rendered container definition, for inspection. */
  readonly containerDefinition: Readonly<Record<string, unknown>>;

  constructor(scope: Construct, id: string, props: FargateServiceProps) {
    super(scope, id);
    const logGroup = new CloudwatchLogGroup(this, "logs", {
      name: `/ecs/${props.resourceName}`,
      retentionInDays: props.logRetentionDays,
      kmsKeyId: props.kmsKeyArn,
    });
    this.logGroupName = logGroup.name;

    const executionRole = new TaskExecutionRole(this, "execution-role", {
      roleName: `${props.resourceName}-execution`,
      accountId: props.accountId,
      region: props.region,
      image: props.image,
      logGroupArn: logGroup.arn,
    });
    this.executionRoleArn = executionRole.roleArn;

    const taskRole = new TaskRole(this, "task-role", {
      roleName: `${props.resourceName}-task`,
      accountId: props.accountId,
      region: props.region,
      sendsTo: props.sendsTo,
      databaseUserArn: props.databaseUserArn,
    });
    this.taskRoleArn = taskRole.roleArn;
    this.taskRoleName = taskRole.roleName;

    const port = props.containerPort;
    this.containerDefinition = {
      name: props.name,
      image: props.image,
      essential: true,
      portMappings: [{ containerPort: port, protocol: "tcp" }],
      user: "1000:1000",
      privileged: false,
      readonlyRootFilesystem: true,
      linuxParameters: { initProcessEnabled: true, capabilities: { drop: ["ALL"] } },
      mountPoints: [{ sourceVolume: "tmp", containerPath: "/tmp", readOnly: false }],
      // No `secrets`: ECS resolves those only when a task starts, so a rotated password would strand
      // running tasks (ECS developer guide, "Pass Secrets Manager secrets through Amazon ECS
      // environment variables"). The services sign a 15-minute IAM token per connection instead.
      environment: Object.entries(props.environment).map(([name, value]) => ({ name, value })),
      healthCheck: {
        command: ["CMD-SHELL", `curl -fsS http://127.0.0.1:${port}${props.healthCheckPath} > /dev/null || exit 1`],
        interval: 30,
        timeout: 5,
        retries: 3,
        startPeriod: 30,
      },
      logConfiguration: {
        logDriver: "awslogs",
        options: {
          "awslogs-group": logGroup.name,
          "awslogs-region": props.region,
          "awslogs-stream-prefix": props.name,
          // A slow log pipe must not block the request path.
          mode: "non-blocking",
          "max-buffer-size": "25m",
        },
      },
      stopTimeout: 30,
    };

    const taskDefinition = new EcsTaskDefinition(this, "task-definition", {
      family: props.resourceName,
      requiresCompatibilities: ["FARGATE"],
      networkMode: "awsvpc",
      cpu: String(props.cpu),
      memory: String(props.memory),
      runtimePlatform: { operatingSystemFamily: "LINUX", cpuArchitecture: props.cpuArchitecture },
      executionRoleArn: executionRole.roleArn,
      taskRoleArn: taskRole.roleArn,
      volume: [{ name: "tmp" }],
      containerDefinitions: JSON.stringify([this.containerDefinition]),
    });
    this.taskDefinitionArn = taskDefinition.arn;

    const service = new EcsService(this, "service", {
      name: props.resourceName,
      cluster: props.clusterArn,
      taskDefinition: taskDefinition.arn,
      desiredCount: props.desiredTasks,
      capacityProviderStrategy: [{ capacityProvider: props.capacityProvider, weight: 1 }],
      platformVersion: "LATEST",
      networkConfiguration: { subnets: props.subnetIds, securityGroups: [props.securityGroupId], assignPublicIp: false },
      loadBalancer: [{ targetGroupArn: props.targetGroupArn, containerName: props.name, containerPort: port }],
      healthCheckGracePeriodSeconds: props.healthCheckGracePeriodSeconds,
      deploymentCircuitBreaker: { enable: true, rollback: true },
      deploymentMinimumHealthyPercent: 100,
      deploymentMaximumPercent: 200,
      availabilityZoneRebalancing: "ENABLED",
      propagateTags: "SERVICE",
      enableEcsManagedTags: true,
      enableExecuteCommand: false,
      // Autoscaling owns the task count after creation.
      lifecycle: { ignoreChanges: ["desired_count"] },
      dependsOn: [...props.dependsOn, executionRole.policy],
    });
    this.serviceName = service.name;
    this.serviceArn = service.id;
  }
}
