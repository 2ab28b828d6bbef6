import { Construct } from "constructs";
import { CloudwatchDashboard } from "@cdktf/provider-aws/lib/cloudwatch-dashboard";
import type { MonitoredPlatform } from "./props";

export interface PlatformDashboardProps extends MonitoredPlatform {
  readonly region: string;
  /** Alarm ARNs shown in the alarm-status widget. */
  readonly alarmArns: string[];
}

/** A metric line: [namespace, metric, dim1, value1, ..., { options }]. */
type MetricLine = (string | Record<string, string>)[];

interface Widget {
  readonly type: "metric" | "alarm";
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
  readonly properties: Record<string, unknown>;
}

const WIDTH = 8;
const HEIGHT = 6;

/**
 * One CloudWatch dashboard for the on-call view: API edge, services, database and notifications.
 * The body is a JSON string; names that are Terraform references become interpolations inside it.
 */
export class PlatformDashboard extends Construct {
  readonly dashboardName: string;

  constructor(scope: Construct, id: string, props: PlatformDashboardProps) {
    super(scope, id);
    const alb = ["LoadBalancer", props.albArnSuffix];
    // Instance metrics by role: the lines stay "writer" and "reader" through a failover.
    const dbRoles = ["WRITER", ...(props.dbHasReaders ? ["READER"] : [])];
    const byRole = (metric: string): MetricLine[] => dbRoles.map((role) => ["AWS/RDS", metric, "DBClusterIdentifier", props.dbClusterId, "Role", role, { label: role.toLowerCase() }]);
    const perService = (metric: string): MetricLine[] =>
      Object.entries(props.services).map(([label, name]) => ["AWS/ECS", metric, "ClusterName", props.clusterName, "ServiceName", name, { label }]);

    const charts: { title: string; metrics: MetricLine[]; stat?: string; period?: number }[] = [
      {
        title: "ALB requests and 5xx",
        stat: "Sum",
        metrics: [
          ["AWS/ApplicationELB", "RequestCount", ...alb, { label: "requests" }],
          ["AWS/ApplicationELB", "HTTPCode_ELB_5XX_Count", ...alb, { label: "ELB 5xx" }],
          ["AWS/ApplicationELB", "HTTPCode_Target_5XX_Count", ...alb, { label: "target 5xx" }],
        ],
      },
      {
        title: "ALB target response time (s)",
        metrics: ["p50", "p95", "p99"].map((stat) => ["AWS/ApplicationELB", "TargetResponseTime", ...alb, { stat, label: stat }]),
      },
      { title: "ECS CPU % by service", stat: "Average", metrics: perService("CPUUtilization") },
      { title: "ECS memory % by service", stat: "Average", metrics: perService("MemoryUtilization") },
      { title: "Database CPU %", stat: "Average", metrics: byRole("CPUUtilization") },
      { title: "Database connections", stat: "Maximum", metrics: byRole("DatabaseConnections") },
      ...(props.dbHasReaders
        ? [{ title: "Database reader lag (ms)", stat: "Maximum", period: 60, metrics: [["AWS/RDS", "AuroraReplicaLag", "DBClusterIdentifier", props.dbClusterId, "Role", "READER", { label: "reader" }]] }]
        : []),
      { title: "Database free local storage (bytes)", stat: "Minimum", metrics: byRole("FreeLocalStorage") },
      // A cluster-level metric: the one volume every instance shares (billed per GB-month).
      { title: "Database volume used (bytes)", stat: "Maximum", metrics: [["AWS/RDS", "VolumeBytesUsed", "DBClusterIdentifier", props.dbClusterId, { label: "volume" }]] },
      {
        title: "Notification queue depth",
        stat: "Maximum",
        period: 60,
        metrics: [
          ["AWS/SQS", "ApproximateNumberOfMessagesVisible", "QueueName", props.queueName, { label: "waiting" }],
          ["AWS/SQS", "ApproximateNumberOfMessagesNotVisible", "QueueName", props.queueName, { label: "in flight" }],
          ["AWS/SQS", "ApproximateNumberOfMessagesVisible", "QueueName", props.dlqName, { label: "dead letters" }],
        ],
      },
      {
        title: "Oldest notification age (s)",
        stat: "Maximum",
        period: 60,
        metrics: [["AWS/SQS", "ApproximateAgeOfOldestMessage", "QueueName", props.queueName, { label: "oldest" }]],
      },
      ...(props.pipeName
        ? [
            {
              title: "Notification pipe",
              stat: "Sum",
              metrics: [
                ["AWS/EventBridge/Pipes", "EventCount", "PipeName", props.pipeName, { label: "events" }],
                ["AWS/EventBridge/Pipes", "ExecutionFailed", "PipeName", props.pipeName, { label: "failed" }],
              ],
            },
          ]
        : []),
    ];

    const widgets: Widget[] = [
      { type: "alarm", x: 0, y: 0, width: 24, height: 4, properties: { title: "Alarms", alarms: props.alarmArns } },
      ...charts.map((c, i): Widget => ({
        type: "metric",
        x: (i % 3) * WIDTH,
        y: 4 + Math.floor(i / 3) * HEIGHT,
        width: WIDTH,
        height: HEIGHT,
        properties: {
          title: c.title,
          region: props.region,
          view: "timeSeries",
          stacked: false,
          period: c.period ?? 300,
          ...(c.stat ? { stat: c.stat } : {}),
          metrics: c.metrics,
        },
      })),
    ];

    const dashboard = new CloudwatchDashboard(this, "dashboard", {
      dashboardName: `${props.namePrefix}-platform`,
      dashboardBody: JSON.stringify({ widgets }),
    });
    this.dashboardName = dashboard.dashboardName;
  }
}
