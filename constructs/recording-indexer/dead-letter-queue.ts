import { Construct } from "constructs";
import { SqsQueue } from "@cdktf/provider-aws/lib/sqs-queue";
import { SqsQueuePolicy } from "@cdktf/provider-aws/lib/sqs-queue-policy";
import { denyInsecureTransport, policyDocument } from "../iam-policy";

export interface DeadLetterQueueProps {
  /** Queue name. */
  readonly name: string;
  /** KMS key encrypting the messages. */
  readonly kmsKeyArn: string;
  /** How long failed events wait for someone to look. @default 1209600 (14 days, the SQS maximum) */
  readonly retentionSeconds?: number;
}

/**
 * Where events the indexer could not handle end up, with Lambda's error context: encrypted with the
 * platform key, TLS-only, kept for the SQS maximum so a long weekend loses nothing.
 */
export class DeadLetterQueue extends Construct {
  readonly arn: string;
  readonly url: string;
  readonly name: string;

  constructor(scope: Construct, id: string, props: DeadLetterQueueProps) {
    super(scope, id);
    const queue = new SqsQueue(this, "queue", {
      name: props.name,
      kmsMasterKeyId: props.kmsKeyArn,
      kmsDataKeyReusePeriodSeconds: 300,
      messageRetentionSeconds: props.retentionSeconds ?? 1_209_600,
    });
    new SqsQueuePolicy(this, "policy", { queueUrl: queue.url, policy: policyDocument([denyInsecureTransport("sqs", [queue.arn])]) });
    this.arn = queue.arn;
    this.url = queue.url;
    this.name = queue.name;
  }
}
