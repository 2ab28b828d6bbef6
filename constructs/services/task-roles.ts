import { Construct } from "constructs";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import { ecsTasksTrustPolicy, imagePullStatements, policyDocument, type PolicyStatement } from "../iam-policy";

export interface TaskExecutionRoleProps {
  /** Role name. */
  readonly roleName: string;
  readonly accountId: string;
  readonly region: string;
  /** Container image; pulls are granted on its ECR repository only. */
  readonly image: string;
  /** ARN of the service's log group. */
  readonly logGroupArn: string;
}

/**
 * The role ECS itself uses to start a task: pull the image and write the container's logs. It reads
 * no secret: the services log in to the database with IAM tokens. The application never sees it.
 */
export class TaskExecutionRole extends Construct {
  readonly roleArn: string;
  /** The inline policy; the service must wait for it or its first tasks fail to start. */
  readonly policy: IamRolePolicy;

  constructor(scope: Construct, id: string, props: TaskExecutionRoleProps) {
    super(scope, id);
    const role = new IamRole(this, "role", {
      name: props.roleName,
      description: "ECS task execution: image pull, logs",
      assumeRolePolicy: ecsTasksTrustPolicy(props.accountId, props.region),
    });
    this.roleArn = role.arn;

    const statements: PolicyStatement[] = [
      ...imagePullStatements(props.image),
      { Sid: "WriteServiceLogs", Effect: "Allow", Action: ["logs:CreateLogStream", "logs:PutLogEvents"], Resource: `${props.logGroupArn}:log-stream:*` },
    ];
    this.policy = new IamRolePolicy(this, "policy", { name: "task-execution", role: role.name, policy: policyDocument(statements) });
  }
}

export interface TaskRoleProps {
  /** Role name. */
  readonly roleName: string;
  readonly accountId: string;
  readonly region: string;
  /** Queue the application may send to, with the key that encrypts it. @default no queue access */
  readonly sendsTo?: { readonly queueArn: string; readonly kmsKeyArn: string };
  /**
   * `arn:aws:rds-db:...:dbuser:<cluster resource id>/<role>` of the service's own database role: the
   * one user it may sign IAM authentication tokens for.
   */
  readonly databaseUserArn: string;
}

/** The application's own identity: log in to the database as its own role, and send notifications if it does. */
export class TaskRole extends Construct {
  readonly roleArn: string;
  readonly roleName: string;

  constructor(scope: Construct, id: string, props: TaskRoleProps) {
    super(scope, id);
    const role = new IamRole(this, "role", {
      name: props.roleName,
      description: "Application identity of one ECS service",
      assumeRolePolicy: ecsTasksTrustPolicy(props.accountId, props.region),
    });
    this.roleArn = role.arn;
    this.roleName = role.name;
    new IamRolePolicy(this, "connect-database", {
      name: "connect-database",
      role: role.name,
      // SAR (Amazon RDS IAM Authentication): rds-db:connect on the db-user resource type, this user only.
      policy: policyDocument([{ Sid: "ConnectAsServiceRole", Effect: "Allow", Action: ["rds-db:connect"], Resource: props.databaseUserArn }]),
    });
    if (props.sendsTo) {
      new IamRolePolicy(this, "send-notifications", {
        name: "send-notifications",
        role: role.name,
        policy: policyDocument([
          { Sid: "SendNotifications", Effect: "Allow", Action: ["sqs:SendMessage"], Resource: props.sendsTo.queueArn },
          // SSE-KMS queues need a data key to encrypt each message.
          { Sid: "EncryptNotifications", Effect: "Allow", Action: ["kms:GenerateDataKey", "kms:Decrypt"], Resource: props.sendsTo.kmsKeyArn },
        ]),
      });
    }
  }
}
