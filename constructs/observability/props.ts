import type { AlarmThresholds } from "./thresholds";

/** Names and ids of what the platform alarms and the dashboard watch. */
export interface MonitoredPlatform {
  /** Prefix of every resource name, e.g. `livestream-dev`. */
  readonly namePrefix: string;
  /** ALB ARN suffix (`app/<name>/<id>`), the `LoadBalancer` dimension. */
  readonly albArnSuffix: string;
  /** ECS cluster name. */
  readonly clusterName: string;
  /** ECS service name (the `ServiceName` dimension) by short label, e.g. `{ mentee: "livestream-dev-mentee" }`; each gets CPU and memory alarms. */
  readonly services: Readonly<Record<string, string>>;
  /** Aurora cluster identifier (the `DBClusterIdentifier` dimension; with `Role` WRITER or READER for instance metrics). */
  readonly dbClusterId: string;
  /**
   * The cluster has readers (Aurora Replicas): their lag is alarmed and charted.
   * @default false
   */
  readonly dbHasReaders?: boolean;
  /** Notification queue name. */
  readonly queueName: string;
  /** Notification dead-letter queue name. */
  readonly dlqName: string;
  /**
   * Name of the EventBridge Pipe that drains the notification queue (Messaging.pipeName).
   * @default no pipe alarm or chart
   */
  readonly pipeName?: string;
}

export interface ObservabilityProps extends MonitoredPlatform {
  /** Region the dashboard's metrics live in. */
  readonly region: string;
  /** Ops SNS topic ARN (OpsAlerts.topicArn): every alarm notifies it on ALARM and on OK. */
  readonly topicArn: string;
  /**
   * Alarm thresholds.
   * @default DEFAULT_THRESHOLDS
   */
  readonly thresholds?: AlarmThresholds;
}
