import { Construct } from "constructs";
import { PlatformAlarms } from "./platform-alarms";
import { PlatformDashboard } from "./platform-dashboard";
import { resolveThresholds, type AlarmThresholds } from "./thresholds";

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
  /** RDS primary instance identifier. */
  readonly dbPrimaryId: string;
  /**
   * RDS read replica identifier; its lag is alarmed and charted.
   * @default no replica alarm or chart
   */
  readonly dbReplicaId?: string;
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

/**
 * Alarms on the core platform (API edge, services, database, notifications) to the ops topic, and
 * the on-call dashboard. Created last: it only reads names and ids of what the other constructs built.
 */
export class Observability extends Construct {
  /** ARNs of the alarms created here. */
  readonly alarmArns: string[];
  /** Name of the CloudWatch dashboard. */
  readonly dashboardName: string;

  constructor(scope: Construct, id: string, props: ObservabilityProps) {
    super(scope, id);
    const labels = Object.keys(props.services);
    if (labels.length === 0) {
      throw new Error("Observability: services must map at least one label to an ECS service name");
    }
    const badLabel = labels.find((l) => !/^[a-z][a-z0-9-]{0,30}$/.test(l));
    if (badLabel !== undefined) {
      throw new Error(`Observability: services label '${badLabel}' must be lower-case letters, digits or dashes (it names alarms)`);
    }
    const thresholds = resolveThresholds(props.thresholds);
    const alarms = new PlatformAlarms(this, "alarms", { ...props, thresholds });
    this.alarmArns = alarms.alarms.map((a) => a.arn);
    const dashboard = new PlatformDashboard(this, "dashboard", { ...props, alarmArns: this.alarmArns });
    this.dashboardName = dashboard.dashboardName;
  }
}
