import type { TerraformProvider } from "cdktf";
import type { Construct } from "constructs";
import { CloudwatchMetricAlarm } from "@cdktf/provider-aws/lib/cloudwatch-metric-alarm";

/** How an alarm reads periods without data: pick per metric, there is no safe universal default. */
export type TreatMissingData = "missing" | "notBreaching" | "breaching" | "ignore";

export type ComparisonOperator =
  | "GreaterThanThreshold"
  | "GreaterThanOrEqualToThreshold"
  | "LessThanThreshold"
  | "LessThanOrEqualToThreshold";

export interface OpsAlarmProps {
  /** Ops SNS topic ARN; it receives both the ALARM and the OK transition. */
  readonly topicArn: string;
  /** Full alarm name, e.g. `livestream-dev-dlq-not-empty`. */
  readonly alarmName: string;
  /** What the alarm means and what to look at first; shown in the e-mail. */
  readonly description: string;
  /** Metric namespace, e.g. `AWS/SQS`. */
  readonly namespace: string;
  /** Metric name, e.g. `ApproximateNumberOfMessagesVisible`. */
  readonly metricName: string;
  /** Metric dimensions. @default {} */
  readonly dimensions?: Record<string, string>;
  /** Statistic (Average, Sum, Maximum, Minimum, SampleCount) or a percentile such as `p95`. */
  readonly statistic: string;
  /** Period of one datapoint in seconds. @default 300 */
  readonly periodSeconds?: number;
  /** Number of periods evaluated. @default 1 */
  readonly evaluationPeriods?: number;
  /** Breaching periods among evaluationPeriods that trigger the alarm. @default evaluationPeriods */
  readonly datapointsToAlarm?: number;
  /** Threshold compared with the statistic. */
  readonly threshold: number;
  /** @default "GreaterThanThreshold" */
  readonly comparisonOperator?: ComparisonOperator;
  /** Required on purpose: every alarm states how it reads silence. */
  readonly treatMissingData: TreatMissingData;
  /** Notify the topic; false keeps evaluating without paging (e.g. while a loop is paused). @default true */
  readonly actionsEnabled?: boolean;
  /** Provider (region) of the alarm: the metric's region; the topic must be in it too. @default the stack's default provider */
  readonly provider?: TerraformProvider;
}

const PERCENTILE = /^p\d{1,2}(\.\d+)?$/;

/**
 * Adds a CloudWatch metric alarm that notifies the ops topic on ALARM and on OK, so every construct
 * alarms the same way. Percentile statistics go to `extended_statistic`, others to `statistic`.
 */
export function opsAlarm(scope: Construct, id: string, props: OpsAlarmProps): CloudwatchMetricAlarm {
  const evaluationPeriods = props.evaluationPeriods ?? 1;
  const datapointsToAlarm = props.datapointsToAlarm ?? evaluationPeriods;
  if (datapointsToAlarm < 1 || datapointsToAlarm > evaluationPeriods) {
    throw new Error(
      `opsAlarm ${props.alarmName}: datapointsToAlarm (${datapointsToAlarm}) must be between 1 and evaluationPeriods (${evaluationPeriods})`,
    );
  }
  const periodSeconds = props.periodSeconds ?? 300;
  if (periodSeconds < 60 || periodSeconds % 60 !== 0) {
    throw new Error(`opsAlarm ${props.alarmName}: periodSeconds must be a multiple of 60, got ${periodSeconds}`);
  }
  const percentile = PERCENTILE.test(props.statistic);
  return new CloudwatchMetricAlarm(scope, id, {
    provider: props.provider,
    alarmName: props.alarmName,
    alarmDescription: props.description,
    namespace: props.namespace,
    metricName: props.metricName,
    dimensions: props.dimensions,
    ...(percentile ? { extendedStatistic: props.statistic } : { statistic: props.statistic }),
    period: periodSeconds,
    evaluationPeriods,
    datapointsToAlarm,
    threshold: props.threshold,
    comparisonOperator: props.comparisonOperator ?? "GreaterThanThreshold",
    treatMissingData: props.treatMissingData,
    actionsEnabled: props.actionsEnabled ?? true,
    alarmActions: [props.topicArn],
    okActions: [props.topicArn],
  });
}
