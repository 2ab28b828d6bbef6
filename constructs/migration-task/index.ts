import { Construct } from "constructs";
import { CloudwatchLogGroup } from "@cdktf/provider-aws/lib/cloudwatch-log-group";
import { EcsTaskDefinition } from "@cdktf/provider-aws/lib/ecs-task-definition";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import { SecurityGroup } from "@cdktf/provider-aws/lib/security-group";
import { DEFAULT_LOG_RETENTION_DAYS, isLogRetentionDays, RDS_CA_BUNDLE_PATH } from "../../contracts";
import type { DatabaseConnection } from "../database";
import { ecsTasksTrustPolicy, imagePullStatements, policyDocument } from "../iam-policy";

export interface MigrationTaskProps {
  /** Resource name prefix, e.g. `livestream-dev`; the task family is `<namePrefix>-ops-migrate`. */
  readonly namePrefix: string;
  readonly accountId: string;
  readonly region: string;
  /** Image holding the ops CLI and db/migrations (the reconcile task's image). */
  readonly image: string;
  readonly vpcId: string;
  /** VPC CIDR: where the database is. */
  readonly vpcCidr: string;
  /** The database (writer endpoint); its RDS-managed master secret is the only one allowed to change the schema. */
  readonly database: DatabaseConnection;
  /** KMS key of the log group and of the master secret. */
  readonly kmsKeyArn: string;
  /** Path of the RDS CA bundle inside the image. @default RDS_CA_BUNDLE_PATH (contracts), where the ops image puts it */
  readonly caBundlePath?: string;
  /** CPU architecture of the image. @default "X86_64" */
  readonly cpuArchitecture?: "X86_64" | "ARM64";
  /** Days the task's logs are kept (a CloudWatch Logs retention value). @default DEFAULT_LOG_RETENTION_DAYS (30) */
  readonly logRetentionDays?: number;
}

/**
 * `ops db migrate` as a one-off ECS task, never scheduled: the only holder of the database's master
 * credentials (ECS injects the RDS-managed secret as PGUSER/PGPASSWORD at start). Everything else
 * logs in as its own least-privilege role. An operator runs it with `aws ecs run-task` (runbook §2.5).
 */
export class MigrationTask extends Construct {
  readonly taskDefinitionArn: string;
  readonly family: string;
  /** Security group of the task; the database must admit it on its port. */
  readonly securityGroupId: string;
  readonly logGroupName: string;

  constructor(scope: Construct, id: string, props: MigrationTaskProps) {
    super(scope, id);
    const logRetentionDays = props.logRetentionDays ?? DEFAULT_LOG_RETENTION_DAYS;
    if (!isLogRetentionDays(logRetentionDays)) throw new Error(`MigrationTask: logRetentionDays ${logRetentionDays} is not a CloudWatch Logs retention`);
    const name = `${props.namePrefix}-ops-migrate`;
    const logGroup = new CloudwatchLogGroup(this, "logs", { name: `/ecs/${name}`, retentionInDays: logRetentionDays, kmsKeyId: props.kmsKeyArn });

    const executionRole = new IamRole(this, "execution-role", {
      name: `${name}-execution`,
      assumeRolePolicy: ecsTasksTrustPolicy(props.accountId, props.region),
    });
    new IamRolePolicy(this, "execution-policy", {
      role: executionRole.name,
      name: "start-migration",
      policy: policyDocument([
        { Sid: "Logs", Effect: "Allow", Action: ["logs:CreateLogStream", "logs:PutLogEvents"], Resource: `${logGroup.arn}:*` },
        { Sid: "MasterSecret", Effect: "Allow", Action: ["secretsmanager:GetSecretValue"], Resource: props.database.secretArn },
        {
          Sid: "DecryptSecret",
          Effect: "Allow",
          Action: ["kms:Decrypt"],
          Resource: props.kmsKeyArn,
          Condition: { StringEquals: { "kms:ViaService": `secretsmanager.${props.region}.amazonaws.com` } },
        },
        // SAR (Amazon ECR): GetAuthorizationToken takes no resource type.
        ...imagePullStatements(props.image),
      ]),
    });

    const sg = new SecurityGroup(this, "security-group", {
      name: `${name}-task`,
      description: "ops db migrate task: HTTPS to AWS APIs (image, logs), PostgreSQL; nothing inbound",
      vpcId: props.vpcId,
      egress: [
        { description: "AWS APIs (ECR, logs)", protocol: "tcp", fromPort: 443, toPort: 443, cidrBlocks: ["0.0.0.0/0"] },
        { description: "PostgreSQL primary", protocol: "tcp", fromPort: props.database.port, toPort: props.database.port, cidrBlocks: [props.vpcCidr] },
      ],
    });

    const container = {
      name: "migrate",
      image: props.image,
      essential: true,
      command: ["db", "migrate", "--database-url", "postgres://"],
      readonlyRootFilesystem: true,
      user: "1000",
      environment: [
        { name: "PGHOST", value: props.database.host },
        { name: "PGPORT", value: String(props.database.port) },
        { name: "PGDATABASE", value: props.database.name },
        { name: "PGSSLMODE", value: "verify-full" },
        { name: "NODE_EXTRA_CA_CERTS", value: props.caBundlePath ?? RDS_CA_BUNDLE_PATH },
      ],
      secrets: [
        { name: "PGUSER", valueFrom: `${props.database.secretArn}:username::` },
        { name: "PGPASSWORD", valueFrom: `${props.database.secretArn}:password::` },
      ],
      logConfiguration: { logDriver: "awslogs", options: { "awslogs-group": logGroup.name, "awslogs-region": props.region, "awslogs-stream-prefix": "migrate" } },
    };
    const task = new EcsTaskDefinition(this, "task", {
      family: name,
      requiresCompatibilities: ["FARGATE"],
      networkMode: "awsvpc",
      cpu: "256",
      memory: "512",
      runtimePlatform: { operatingSystemFamily: "LINUX", cpuArchitecture: props.cpuArchitecture ?? "X86_64" },
      executionRoleArn: executionRole.arn,
      containerDefinitions: JSON.stringify([container]),
    });

    this.taskDefinitionArn = task.arn;
    this.family = name;
    this.securityGroupId = sg.id;
    this.logGroupName = logGroup.name;
  }
}
