import type { Construct } from "constructs";
import { OPS_METRICS, OPS_METRICS_NAMESPACE, POOL_DIMENSION, RECORDING_SWEEP_METRICS } from "../../contracts";
import { opsAlarm } from "../observability/ops-alarm";

export interface SweepAlarmsProps {
  readonly topicArn: string;
  /** Alarm name prefix, e.g. `livestream-dev-recording-indexer`. */
  readonly namePrefix: string;
  /** The channel pool: the Pool dimension of the sweep metrics. */
  readonly pool: string;
}

/**
 * Alarms on the recording sweep that runs inside the reconcile pass (cli/recordings/sweep.ts):
 * failures that last (one flaky S3 call is retried by the next pass a minute later), and any
 * session that lost its recording for good (the pass's expirations count too). No sweep metrics (a paused loop) is not an alarm.
 */
export function sweepAlarms(scope: Construct, props: SweepAlarmsProps): void {
  const dimensions = { [POOL_DIMENSION]: props.pool };
  opsAlarm(scope, "sweep-failures-alarm", {
    topicArn: props.topicArn,
    alarmName: `${props.namePrefix}-sweep-failures`,
    description: `The recording sweep of pool ${props.pool} failed in every 5-minute period for 15 minutes (S3 listing or database writes): recordings whose events were lost are not being indexed. See the reconcile task's logs, then run ops recordings sweep --dry-run.`,
    namespace: OPS_METRICS_NAMESPACE,
    metricName: RECORDING_SWEEP_METRICS.failures,
    dimensions,
    statistic: "Sum",
    periodSeconds: 300,
    evaluationPeriods: 3,
    threshold: 0,
    treatMissingData: "notBreaching",
  });
  opsAlarm(scope, "recordings-missing-alarm", {
    topicArn: props.topicArn,
    alarmName: `${props.namePrefix}-recordings-missing`,
    description: `A session of pool ${props.pool} lost its recording (recording_failed): it was not harvested, or its master manifest never appeared, within the startover window. Its last_error says which; check the harvest job (ops sessions reconcile --dry-run --json shows it).`,
    namespace: OPS_METRICS_NAMESPACE,
    metricName: OPS_METRICS.recordingsMissing,
    dimensions,
    statistic: "Sum",
    periodSeconds: 300,
    threshold: 0,
    treatMissingData: "notBreaching",
  });
}
