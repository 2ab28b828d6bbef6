import { Construct } from "constructs";
import type { CloudwatchMetricAlarm } from "@cdktf/provider-aws/lib/cloudwatch-metric-alarm";
import { opsAlarm } from "./ops-alarm";
import type { MonitoredPlatform } from "./props";
import type { AlarmThresholds } from "./thresholds";

const GIB = 1024 ** 3;

export interface PlatformAlarmsProps extends MonitoredPlatform {
  readonly topicArn: string;
  readonly thresholds: Required<AlarmThresholds>;
}

/**
 * The platform's alarms, all to the ops topic on ALARM and on OK. Missing data is chosen per alarm:
 * - event counts (5xx) and latency have no datapoints without traffic: silence is not breaching;
 * - SQS stops publishing metrics for a queue idle for six hours, and a queue holding messages
 *   never counts as idle: silence on the queues is not breaching either;
 * - ECS and RDS utilisation publish every minute while the resource exists: silence there means
 *   the resource is gone or not reporting, so it is kept as missing (INSUFFICIENT_DATA), except
 *   free local storage and reader lag, where silence from the database is treated as breaching.
 *
 * The database alarms watch the Aurora cluster by role (`DBClusterIdentifier` with `Role` WRITER or
 * READER), not by instance: a failover swaps the instances' roles, and AWS advises role metrics for
 * Aurora alarms for that reason (Aurora User Guide, "Creating CloudWatch alarms to monitor Amazon Aurora").
 */
export class PlatformAlarms extends Construct {
  /** Every alarm created, for the dashboard's alarm widget. */
  readonly alarms: CloudwatchMetricAlarm[] = [];

  constructor(scope: Construct, id: string, props: PlatformAlarmsProps) {
    super(scope, id);
    const t = props.thresholds;
    const p = props.namePrefix;
    const add = (alarmId: string, spec: Omit<Parameters<typeof opsAlarm>[2], "topicArn">) =>
      this.alarms.push(opsAlarm(this, alarmId, { topicArn: props.topicArn, ...spec }));

    const alb = { LoadBalancer: props.albArnSuffix };
    add("alb-elb-5xx", {
      alarmName: `${p}-alb-elb-5xx`,
      description: `More than ${t.alb5xxPerFiveMinutes} 5xx answered by the load balancer itself in 5 minutes: no healthy targets or capacity trouble.`,
      namespace: "AWS/ApplicationELB",
      metricName: "HTTPCode_ELB_5XX_Count",
      dimensions: alb,
      statistic: "Sum",
      threshold: t.alb5xxPerFiveMinutes,
      treatMissingData: "notBreaching",
    });
    add("alb-target-5xx", {
      alarmName: `${p}-alb-target-5xx`,
      description: `More than ${t.alb5xxPerFiveMinutes} 5xx returned by the services in 5 minutes: check the service logs.`,
      namespace: "AWS/ApplicationELB",
      metricName: "HTTPCode_Target_5XX_Count",
      dimensions: alb,
      statistic: "Sum",
      threshold: t.alb5xxPerFiveMinutes,
      treatMissingData: "notBreaching",
    });
    add("alb-latency-p95", {
      alarmName: `${p}-alb-latency-p95`,
      description: `p95 target response time above ${t.latencyP95Seconds}s for 15 minutes.`,
      namespace: "AWS/ApplicationELB",
      metricName: "TargetResponseTime",
      dimensions: alb,
      statistic: "p95",
      evaluationPeriods: 3,
      threshold: t.latencyP95Seconds,
      treatMissingData: "notBreaching",
    });

    for (const [service, serviceName] of Object.entries(props.services)) {
      const dimensions = { ClusterName: props.clusterName, ServiceName: serviceName };
      for (const [metric, label, threshold] of [
        ["CPUUtilization", "cpu", t.serviceCpuPercent],
        ["MemoryUtilization", "memory", t.serviceMemoryPercent],
      ] as const) {
        add(`ecs-${service}-${label}`, {
          alarmName: `${p}-ecs-${service}-${label}`,
          description: `${service} service ${label} above ${threshold}% for 15 minutes: autoscaling is at its maximum or cannot keep up.`,
          namespace: "AWS/ECS",
          metricName: metric,
          dimensions,
          statistic: "Average",
          evaluationPeriods: 3,
          threshold,
          treatMissingData: "missing",
        });
      }
    }

    const writer = { DBClusterIdentifier: props.dbClusterId, Role: "WRITER" };
    add("db-writer-cpu", {
      alarmName: `${p}-db-writer-cpu`,
      description: `Database writer CPU above ${t.dbCpuPercent}% for 15 minutes: scale the writer's class (or serverless.maxAcu).`,
      namespace: "AWS/RDS",
      metricName: "CPUUtilization",
      dimensions: writer,
      statistic: "Average",
      evaluationPeriods: 3,
      threshold: t.dbCpuPercent,
      treatMissingData: "missing",
    });
    add("db-writer-free-local-storage", {
      alarmName: `${p}-db-writer-free-local-storage`,
      description: `Database writer has less than ${t.dbFreeLocalStorageGb} GiB of local storage left (temporary files, logs): look for large sorts, or a larger class.`,
      namespace: "AWS/RDS",
      metricName: "FreeLocalStorage",
      dimensions: writer,
      statistic: "Minimum",
      threshold: t.dbFreeLocalStorageGb * GIB,
      comparisonOperator: "LessThanThreshold",
      treatMissingData: "breaching",
    });
    if (props.dbHasReaders) {
      add("db-reader-lag", {
        alarmName: `${p}-db-reader-lag`,
        description: `A reader more than ${t.replicaLagSeconds}s behind the writer for 3 of 5 minutes: reads through the reader endpoint are stale.`,
        namespace: "AWS/RDS",
        // Milliseconds (Aurora User Guide, "Amazon CloudWatch metrics for Amazon Aurora").
        metricName: "AuroraReplicaLag",
        dimensions: { DBClusterIdentifier: props.dbClusterId, Role: "READER" },
        statistic: "Maximum",
        periodSeconds: 60,
        evaluationPeriods: 5,
        datapointsToAlarm: 3,
        threshold: t.replicaLagSeconds * 1000,
        treatMissingData: "breaching",
      });
    }

    add("dlq-not-empty", {
      alarmName: `${p}-notifications-dlq-not-empty`,
      description: "Notifications reached the dead-letter queue: the pipe could not publish them. Inspect, fix, then redrive.",
      namespace: "AWS/SQS",
      metricName: "ApproximateNumberOfMessagesVisible",
      dimensions: { QueueName: props.dlqName },
      statistic: "Maximum",
      periodSeconds: 60,
      threshold: 0,
      treatMissingData: "notBreaching",
    });
    add("queue-oldest-age", {
      alarmName: `${p}-notifications-oldest-age`,
      description: `A notification has waited more than ${t.oldestNotificationAgeSeconds}s: the pipe is stopped, throttled or failing.`,
      namespace: "AWS/SQS",
      metricName: "ApproximateAgeOfOldestMessage",
      dimensions: { QueueName: props.queueName },
      statistic: "Maximum",
      periodSeconds: 60,
      evaluationPeriods: 5,
      threshold: t.oldestNotificationAgeSeconds,
      treatMissingData: "notBreaching",
    });
    if (props.pipeName) {
      add("pipe-failures", {
        alarmName: `${p}-notifications-pipe-failures`,
        description: "The notification pipe failed to publish to the announcements topic: check the pipe log group and the key policy.",
        namespace: "AWS/EventBridge/Pipes",
        metricName: "ExecutionFailed",
        dimensions: { PipeName: props.pipeName },
        statistic: "Sum",
        threshold: 0,
        // The pipe publishes only while it runs: no executions, no failures.
        treatMissingData: "notBreaching",
      });
    }
  }
}
