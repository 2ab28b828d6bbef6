import { Construct } from "constructs";
import { CloudwatchLogGroup } from "@cdktf/provider-aws/lib/cloudwatch-log-group";
import { DataAwsIamPolicyDocument } from "@cdktf/provider-aws/lib/data-aws-iam-policy-document";
import { DataAwsPartition } from "@cdktf/provider-aws/lib/data-aws-partition";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import { PipesPipe } from "@cdktf/provider-aws/lib/pipes-pipe";

export interface NotificationPipeProps {
  /** Prefix of every resource name, e.g. `livestream-dev`. */
  readonly namePrefix: string;
  /** Account the pipe runs in; the role trusts the Pipes service only for this pipe in this account. */
  readonly accountId: string;
  /** Region of the pipe (its ARN is built for the role's trust condition). */
  readonly region: string;
  /** Source queue ARN. */
  readonly sourceQueueArn: string;
  /** Target topic ARN. */
  readonly targetTopicArn: string;
  /** KMS key that encrypts queue and topic: the pipe decrypts from one and encrypts into the other. */
  readonly kmsKeyArn: string;
  /** Messages per poll (1-10 for a standard queue). */
  readonly batchSize: number;
  /** Seconds the pipe may wait to fill a batch; 0 forwards as soon as anything arrives. */
  readonly maximumBatchingWindowSeconds: number;
  /** Days the pipe's error log is kept. */
  readonly logRetentionDays: number;
}

/**
 * The managed SQS-to-SNS bridge (design step 7): an EventBridge Pipe that forwards each queued
 * notification body to the announcements topic, with a role that can touch only that queue, that
 * topic, that key and its own log group.
 */
export class NotificationPipe extends Construct {
  readonly pipe: PipesPipe;
  readonly role: IamRole;
  readonly logGroup: CloudwatchLogGroup;

  constructor(scope: Construct, id: string, props: NotificationPipeProps) {
    super(scope, id);
    const name = `${props.namePrefix}-notifications-to-announcements`;
    const partition = new DataAwsPartition(this, "partition").partition;
    const pipeArn = `arn:${partition}:pipes:${props.region}:${props.accountId}:pipe/${name}`;

    const trust = new DataAwsIamPolicyDocument(this, "trust", {
      statement: [
        {
          effect: "Allow",
          principals: [{ type: "Service", identifiers: ["pipes.amazonaws.com"] }],
          actions: ["sts:AssumeRole"],
          // Confused-deputy guard: only this pipe, in this account, may assume the role.
          condition: [
            { test: "StringEquals", variable: "aws:SourceAccount", values: [props.accountId] },
            { test: "ArnEquals", variable: "aws:SourceArn", values: [pipeArn] },
          ],
        },
      ],
    });
    this.role = new IamRole(this, "role", { name: `${name}-pipe`, assumeRolePolicy: trust.json });

    this.logGroup = new CloudwatchLogGroup(this, "log-group", {
      name: `/aws/vendedlogs/pipes/${name}`,
      retentionInDays: props.logRetentionDays,
      kmsKeyId: props.kmsKeyArn,
    });

    const permissions = new DataAwsIamPolicyDocument(this, "permissions", {
      statement: [
        {
          sid: "ReadSourceQueue",
          effect: "Allow",
          actions: ["sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:GetQueueAttributes"],
          resources: [props.sourceQueueArn],
        },
        { sid: "PublishToTargetTopic", effect: "Allow", actions: ["sns:Publish"], resources: [props.targetTopicArn] },
        {
          sid: "UsePlatformKeyForQueueAndTopic",
          effect: "Allow",
          actions: ["kms:Decrypt", "kms:GenerateDataKey"],
          resources: [props.kmsKeyArn],
        },
        {
          sid: "WritePipeLog",
          effect: "Allow",
          actions: ["logs:CreateLogStream", "logs:PutLogEvents"],
          resources: [`${this.logGroup.arn}:*`],
        },
      ],
    });
    const rolePolicy = new IamRolePolicy(this, "role-policy", { name: "notification-pipe", role: this.role.id, policy: permissions.json });

    this.pipe = new PipesPipe(this, "pipe", {
      name,
      description: "Forwards queued mentee notifications to the session announcements topic",
      roleArn: this.role.arn,
      source: props.sourceQueueArn,
      target: props.targetTopicArn,
      sourceParameters: {
        sqsQueueParameters: { batchSize: props.batchSize, maximumBatchingWindowInSeconds: props.maximumBatchingWindowSeconds },
      },
      // The topic receives what the service queued (the SQS body), not the SQS record envelope.
      targetParameters: { inputTemplate: "<$.body>" },
      logConfiguration: {
        // Errors only, without execution data: notification payloads carry mentee details.
        level: "ERROR",
        cloudwatchLogsLogDestination: { logGroupArn: this.logGroup.arn },
      },
      // The pipe validates its role when it is created: create the permissions first.
      dependsOn: [rolePolicy],
    });
  }
}
