import { Construct } from "constructs";
import { SqsQueue } from "@cdktf/provider-aws/lib/sqs-queue";
import { SqsQueuePolicy } from "@cdktf/provider-aws/lib/sqs-queue-policy";
import { SqsQueueRedriveAllowPolicy } from "@cdktf/provider-aws/lib/sqs-queue-redrive-allow-policy";
import { denyInsecureTransport, policyDocument } from "../iam-policy";

/** SQS caps retention at 14 days; a dead letter is kept as long as SQS allows, for investigation. */
export const MAX_RETENTION_SECONDS = 14 * 24 * 3600;

export interface NotificationQueuesProps {
  /** Prefix of every resource name, e.g. `livestream-dev`. */
  readonly namePrefix: string;
  /** Platform KMS key ARN for server-side encryption of both queues. */
  readonly kmsKeyArn: string;
  /** Seconds a notification may wait in the queue before it is dropped. */
  readonly retentionSeconds: number;
  /** Seconds a received message stays hidden while the pipe delivers it. */
  readonly visibilityTimeoutSeconds: number;
  /** Failed receives before a message moves to the dead-letter queue. */
  readonly maxReceiveCount: number;
  /** Seconds SQS reuses a data key before asking KMS again (fewer KMS calls, lower cost). */
  readonly kmsDataKeyReuseSeconds: number;
}

/**
 * The mentee notification queue (design step 6) and its dead-letter queue: both encrypted with the
 * platform key and TLS-only; only the notification queue may redrive into the dead-letter queue.
 */
export class NotificationQueues extends Construct {
  readonly queue: SqsQueue;
  readonly deadLetterQueue: SqsQueue;

  constructor(scope: Construct, id: string, props: NotificationQueuesProps) {
    super(scope, id);
    const encryption = { kmsMasterKeyId: props.kmsKeyArn, kmsDataKeyReusePeriodSeconds: props.kmsDataKeyReuseSeconds };

    this.deadLetterQueue = new SqsQueue(this, "dead-letter-queue", {
      name: `${props.namePrefix}-notifications-dlq`,
      // The original enqueue time travels with a dead-lettered message, so the DLQ keeps the maximum.
      messageRetentionSeconds: MAX_RETENTION_SECONDS,
      ...encryption,
    });

    this.queue = new SqsQueue(this, "queue", {
      name: `${props.namePrefix}-notifications`,
      messageRetentionSeconds: props.retentionSeconds,
      visibilityTimeoutSeconds: props.visibilityTimeoutSeconds,
      // Long polling: fewer empty receives billed while the queue is idle.
      receiveWaitTimeSeconds: 20,
      redrivePolicy: JSON.stringify({ deadLetterTargetArn: this.deadLetterQueue.arn, maxReceiveCount: props.maxReceiveCount }),
      ...encryption,
    });

    new SqsQueueRedriveAllowPolicy(this, "dead-letter-queue-redrive-allow", {
      queueUrl: this.deadLetterQueue.url,
      redriveAllowPolicy: JSON.stringify({ redrivePermission: "byQueue", sourceQueueArns: [this.queue.arn] }),
    });

    for (const [name, queue] of [["queue", this.queue], ["dead-letter-queue", this.deadLetterQueue]] as const) {
      new SqsQueuePolicy(this, `${name}-policy`, { queueUrl: queue.url, policy: policyDocument([denyInsecureTransport("sqs", [queue.arn])]) });
    }
  }
}
