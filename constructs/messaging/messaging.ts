import { Construct } from "constructs";
import { DEFAULT_LOG_RETENTION_DAYS, isLogRetentionDays, LOG_RETENTION_DAYS } from "../../contracts";
import { AnnouncementsTopic, AnnouncementsTopicPolicy } from "./announcements-topic";
import { MAX_RETENTION_SECONDS, NotificationQueues } from "./notification-queues";
import { NotificationPipe } from "./notification-pipe";
import { PushPlatformApplications, type PushPlatform } from "./push-platform-applications";

export interface MessagingProps {
  /** Prefix of every resource name, e.g. `livestream-dev`. */
  readonly namePrefix: string;
  /** Account id (the pipe role's trust is limited to this account's pipe). */
  readonly accountId: string;
  /** Region the stack deploys to. */
  readonly region: string;
  /** Platform KMS key ARN: encrypts the queues, the topic and the pipe log. */
  readonly kmsKeyArn: string;
  /**
   * Mobile push platforms, credentials by Secrets Manager ARN.
   * @default [] (no platform application; the topic still accepts other subscribers)
   */
  readonly pushPlatforms?: readonly PushPlatform[];
  /**
   * How long an undelivered notification is worth keeping. Session announcements are stale after a
   * few days.
   * @default 345600 (4 days)
   */
  readonly notificationRetentionSeconds?: number;
  /**
   * Failed deliveries before a notification moves to the dead-letter queue.
   * @default 5
   */
  readonly maxReceiveCount?: number;
  /**
   * Seconds a message is hidden while the pipe delivers it; longer than one pipe invocation.
   * @default 60
   */
  readonly visibilityTimeoutSeconds?: number;
  /**
   * Seconds SQS reuses a KMS data key.
   * @default 300
   */
  readonly kmsDataKeyReuseSeconds?: number;
  /**
   * Messages the pipe takes per poll (1-10).
   * @default 10
   */
  readonly pipeBatchSize?: number;
  /**
   * Seconds the pipe waits to fill a batch (0-300); 0 favours latency.
   * @default 0
   */
  readonly pipeBatchingWindowSeconds?: number;
  /**
   * Days the pipe's error log is kept (a CloudWatch Logs retention value).
   * @default DEFAULT_LOG_RETENTION_DAYS (30)
   */
  readonly logRetentionDays?: number;
}

function checkRange(name: string, value: number, min: number, max: number) {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new Error(`Messaging: ${name} must be an integer from ${min} to ${max}, got ${value}`);
  }
}

/**
 * Session announcements (design steps 6-8): the mentee service queues one message per mentee; an
 * EventBridge Pipe forwards each to the announcements topic; SNS pushes to the mobile apps through
 * the platform applications. Everything is encrypted with the platform key and refuses plain HTTP.
 */
export class Messaging extends Construct {
  /** ARN of the notification queue (the mentee service's send permission targets it). */
  readonly notificationQueueArn: string;
  /** URL of the notification queue (what the mentee service sends to). */
  readonly notificationQueueUrl: string;
  /** Name of the notification queue (the CloudWatch `QueueName` dimension). */
  readonly notificationQueueName: string;
  /** ARN of the dead-letter queue. */
  readonly notificationDlqArn: string;
  /** Name of the dead-letter queue (the CloudWatch `QueueName` dimension). */
  readonly notificationDlqName: string;
  /** ARN of the session announcements topic. */
  readonly announcementsTopicArn: string;
  /** Name of the session announcements topic. */
  readonly announcementsTopicName: string;
  /** Name of the SQS-to-SNS pipe (the CloudWatch `PipeName` dimension). */
  readonly pipeName: string;
  /** SNS platform application ARN by platform name; empty when no platform is configured. */
  readonly platformApplicationArns: Record<string, string>;

  constructor(scope: Construct, id: string, props: MessagingProps) {
    super(scope, id);
    const retention = props.notificationRetentionSeconds ?? 4 * 24 * 3600;
    const maxReceiveCount = props.maxReceiveCount ?? 5;
    const visibility = props.visibilityTimeoutSeconds ?? 60;
    const reuse = props.kmsDataKeyReuseSeconds ?? 300;
    const logRetentionDays = props.logRetentionDays ?? DEFAULT_LOG_RETENTION_DAYS;
    if (!isLogRetentionDays(logRetentionDays)) throw new Error(`Messaging: logRetentionDays ${logRetentionDays} is not a CloudWatch Logs retention (${LOG_RETENTION_DAYS.join(", ")})`);
    const batchSize = props.pipeBatchSize ?? 10;
    const window = props.pipeBatchingWindowSeconds ?? 0;
    checkRange("notificationRetentionSeconds", retention, 60, MAX_RETENTION_SECONDS);
    checkRange("maxReceiveCount", maxReceiveCount, 1, 1000);
    checkRange("visibilityTimeoutSeconds", visibility, 0, 12 * 3600);
    checkRange("kmsDataKeyReuseSeconds", reuse, 60, 86400);
    checkRange("pipeBatchSize", batchSize, 1, 10);
    checkRange("pipeBatchingWindowSeconds", window, 0, 300);

    const queues = new NotificationQueues(this, "notification-queues", {
      namePrefix: props.namePrefix,
      kmsKeyArn: props.kmsKeyArn,
      retentionSeconds: retention,
      visibilityTimeoutSeconds: visibility,
      maxReceiveCount,
      kmsDataKeyReuseSeconds: reuse,
    });
    const announcements = new AnnouncementsTopic(this, "announcements", { namePrefix: props.namePrefix, kmsKeyArn: props.kmsKeyArn });
    const pipe = new NotificationPipe(this, "notification-pipe", {
      namePrefix: props.namePrefix,
      accountId: props.accountId,
      region: props.region,
      sourceQueueArn: queues.queue.arn,
      targetTopicArn: announcements.topic.arn,
      kmsKeyArn: props.kmsKeyArn,
      batchSize,
      maximumBatchingWindowSeconds: window,
      logRetentionDays,
    });
    new AnnouncementsTopicPolicy(this, "announcements-policy", { topicArn: announcements.topic.arn, publisherRoleArns: [pipe.role.arn] });
    const push = new PushPlatformApplications(this, "push-platforms", { namePrefix: props.namePrefix, platforms: props.pushPlatforms ?? [] });

    this.notificationQueueArn = queues.queue.arn;
    this.notificationQueueUrl = queues.queue.url;
    this.notificationQueueName = queues.queue.name;
    this.notificationDlqArn = queues.deadLetterQueue.arn;
    this.notificationDlqName = queues.deadLetterQueue.name;
    this.announcementsTopicArn = announcements.topic.arn;
    this.announcementsTopicName = announcements.topic.name;
    this.pipeName = pipe.pipe.name;
    this.platformApplicationArns = push.applicationArns;
  }
}
