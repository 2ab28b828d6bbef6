import { Testing } from "cdktf";
import { opsAlarm, type OpsAlarmProps } from "./index";

const TOPIC = "arn:aws:sns:ap-southeast-1:111111111111:livestream-test-ops-alerts";
const BASE: OpsAlarmProps = {
  topicArn: TOPIC,
  alarmName: "livestream-test-x",
  description: "x",
  namespace: "AWS/SQS",
  metricName: "ApproximateNumberOfMessagesVisible",
  dimensions: { QueueName: "q" },
  statistic: "Maximum",
  threshold: 0,
  treatMissingData: "notBreaching",
};
type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const synth = (props: Partial<OpsAlarmProps> = {}): Json => {
  const out = JSON.parse(Testing.synthScope((scope) => { opsAlarm(scope, "alarm", { ...BASE, ...props }); }));
  return Object.values(out.resource.aws_cloudwatch_metric_alarm)[0] as Json;
};

test("notifies the ops topic on ALARM and on OK with the given metric", () => {
  const alarm = synth();
  expect(alarm).toMatchObject({
    alarm_actions: [TOPIC],
    ok_actions: [TOPIC],
    namespace: "AWS/SQS",
    metric_name: "ApproximateNumberOfMessagesVisible",
    dimensions: { QueueName: "q" },
    statistic: "Maximum",
    comparison_operator: "GreaterThanThreshold",
    threshold: 0,
    period: 300,
    evaluation_periods: 1,
    datapoints_to_alarm: 1,
    treat_missing_data: "notBreaching",
  });
  expect(alarm.extended_statistic).toBeUndefined();
});

test("percentiles go to extended_statistic", () => {
  const alarm = synth({ statistic: "p99.9" });
  expect(alarm.extended_statistic).toBe("p99.9");
  expect(alarm.statistic).toBeUndefined();
});

test("inconsistent evaluation settings are refused", () => {
  expect(() => synth({ evaluationPeriods: 2, datapointsToAlarm: 3 })).toThrow(/datapointsToAlarm/);
  expect(() => synth({ periodSeconds: 90 })).toThrow(/periodSeconds/);
});
