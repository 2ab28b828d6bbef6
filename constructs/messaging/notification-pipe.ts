import { Construct } from "constructs";
import { CloudwatchLogGroup } from "@cdktf/provider-aws/lib/cloudwatch-log-group";
import { DataAwsPartition } from "@cdktf/provider-aws/lib/data-aws-partition";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import { PipesPipe } from "@cdktf/provider-aws/lib/pipes-pipe";
import { fromAccount, policyDocument, serviceTrustPolicy } from "../iam-policy";

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

    // Confused-deputy guard: only this pipe, in this account, may assume the role.
    const trust = serviceTrustPolicy("pipes.amazonaws.com", fromAccount(props.accountId, [pipeArn], "ArnEquals"));
    this.role = new IamRole(this, "role", { name: `${name}-pipe`, assumeRolePolicy: trust });

    this.logGroup = new CloudwatchLogGroup(this, "log-group", {
      name: `/aws/vendedlogs/pipes/${name}`,
      retentionInDays: props.logRetentionDays,
      kmsKeyId: props.kmsKeyArn,
    });

    const permissions = policyDocument([
      { Sid: "ReadSourceQueue", Effect: "Allow", Action: ["sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:GetQueueAttributes"], Resource: [props.sourceQueueArn] },
      { Sid: "PublishToTargetTopic", Effect: "Allow", Action: ["sns:Publish"], Resource: [props.targetTopicArn] },
      { Sid: "UsePlatformKeyForQueueAndTopic", Effect: "Allow", Action: ["kms:Decrypt", "kms:GenerateDataKey"], Resource: [props.kmsKeyArn] },
      { Sid: "WritePipeLog", Effect: "Allow", Action: ["logs:CreateLogStream", "logs:PutLogEvents"], Resource: [`${this.logGroup.arn}:*`] },
    ]);
    const rolePolicy = new IamRolePolicy(this, "role-policy", { name: "notification-pipe", role: this.role.id, policy: permissions });

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
