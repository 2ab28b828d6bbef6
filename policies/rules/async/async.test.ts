import { SqsQueue } from "@cdktf/provider-aws/lib/sqs-queue";
import { CloudwatchMetricAlarm } from "@cdktf/provider-aws/lib/cloudwatch-metric-alarm";
import { LambdaFunction } from "@cdktf/provider-aws/lib/lambda-function";
import { LambdaPermission } from "@cdktf/provider-aws/lib/lambda-permission";
import { PipesPipe } from "@cdktf/provider-aws/lib/pipes-pipe";
import { SchedulerSchedule } from "@cdktf/provider-aws/lib/scheduler-schedule";
import { SnsTopicSubscription } from "@cdktf/provider-aws/lib/sns-topic-subscription";
import { Fn, type TerraformStack } from "cdktf";
import { findingsOf, requireBothOutcomes } from "../../testing";
import { deadLetterQueueAlarm } from "./dead-letter-queue-alarm";
import { asyncLambdaFailureAlarm } from "./async-lambda-failure-alarm";
import { pipeSourceDeadLetterQueue } from "./pipe-source-dead-letter-queue";
import { scheduleDeadLetterQueue } from "./schedule-dead-letter-queue";
import { subscriptionDeadLetterQueue } from "./subscription-dead-letter-queue";
import { scheduleCustomerKey } from "./schedule-customer-key";

const alarm = (s: TerraformStack, id: string, namespace: string, metric: string, dimensions: Record<string, string>) =>
  new CloudwatchMetricAlarm(s, id, { alarmName: id, namespace, metricName: metric, dimensions, statistic: "Maximum", period: 60, evaluationPeriods: 1, threshold: 0, comparisonOperator: "GreaterThanThreshold" });

function queueWithDlq(s: TerraformStack) {
  const dlq = new SqsQueue(s, "dlq", { name: "work-failed" });
  const queue = new SqsQueue(s, "queue", { name: "work", redrivePolicy: Fn.jsonencode({ deadLetterTargetArn: dlq.arn, maxReceiveCount: 5 }) });
  return { dlq, queue };
}

describe("LS-ASYNC-001 dead-letter queue alarm", () => {
  test("passes when an alarm watches the DLQ by reference or by literal name", () => {
    expect(findingsOf(deadLetterQueueAlarm, (s) => {
      const { dlq } = queueWithDlq(s);
      alarm(s, "dlq-depth", "AWS/SQS", "ApproximateNumberOfMessagesVisible", { QueueName: dlq.name });
    })).toEqual([]);
    expect(findingsOf(deadLetterQueueAlarm, (s) => {
      queueWithDlq(s);
      alarm(s, "dlq-depth", "AWS/SQS", "ApproximateNumberOfMessagesVisible", { QueueName: "work-failed" });
    })).toEqual([]);
  });
  test("fires when only the source queue is alarmed", () => {
    const f = findingsOf(deadLetterQueueAlarm, (s) => {
      const { queue } = queueWithDlq(s);
      alarm(s, "age", "AWS/SQS", "ApproximateAgeOfOldestMessage", { QueueName: queue.name });
    });
    expect(f.map((x) => x.address)).toEqual(["aws_sqs_queue.dlq"]);
  });
});

const lambda = (s: TerraformStack) =>
  new LambdaFunction(s, "fn", { functionName: "indexer", role: "r", handler: "h", runtime: "nodejs20.x", filename: "x.zip" });

describe("LS-ASYNC-002 async Lambda failure alarm", () => {
  test("passes for an S3-triggered function with an Errors alarm, and ignores functions nobody invokes asynchronously", () => {
    expect(findingsOf(asyncLambdaFailureAlarm, (s) => {
      const fn = lambda(s);
      new LambdaPermission(s, "s3", { action: "lambda:InvokeFunction", functionName: fn.functionName, principal: "s3.amazonaws.com" });
      alarm(s, "errors", "AWS/Lambda", "Errors", { FunctionName: fn.functionName });
    })).toEqual([]);
    expect(findingsOf(asyncLambdaFailureAlarm, (s) => void lambda(s))).toEqual([]);
  });
  test("fires for an S3-triggered function without one", () => {
    expect(findingsOf(asyncLambdaFailureAlarm, (s) => {
      const fn = lambda(s);
      new LambdaPermission(s, "s3", { action: "lambda:InvokeFunction", functionName: fn.functionName, principal: "s3.amazonaws.com" });
    })).toHaveLength(1);
  });
});

describe("LS-ASYNC-003 pipe source dead-letter queue", () => {
  const pipe = (s: TerraformStack, source: SqsQueue) => new PipesPipe(s, "pipe", { name: "notify", roleArn: "r", source: source.arn, target: "arn:aws:sns:ap-southeast-1:111111111111:t" });
  test("passes when the source queue has an alarmed DLQ", () => {
    expect(findingsOf(pipeSourceDeadLetterQueue, (s) => {
      const { dlq, queue } = queueWithDlq(s);
      pipe(s, queue);
      alarm(s, "dlq-depth", "AWS/SQS", "ApproximateNumberOfMessagesVisible", { QueueName: dlq.name });
    })).toEqual([]);
  });
  test("fires when the source queue has no redrive policy or the DLQ no alarm", () => {
    expect(findingsOf(pipeSourceDeadLetterQueue, (s) => void pipe(s, new SqsQueue(s, "q", { name: "work" }))).map((f) => f.message)).toEqual([
      expect.stringMatching(/no redrive_policy/),
      expect.stringMatching(/neither the pipe .* has an alarm/),
    ]);
    expect(findingsOf(pipeSourceDeadLetterQueue, (s) => void pipe(s, queueWithDlq(s).queue))).toHaveLength(1);
  });
});

describe("LS-ASYNC-004 schedule dead-letter queue", () => {
  const schedule = (s: TerraformStack, dlq?: string) =>
    new SchedulerSchedule(s, "sched", {
      scheduleExpression: "rate(5 minutes)",
      flexibleTimeWindow: { mode: "OFF" },
      target: { arn: "arn:aws:lambda:ap-southeast-1:111111111111:function:x", roleArn: "r", ...(dlq ? { deadLetterConfig: { arn: dlq } } : {}) },
    });
  test("passes with a DLQ", () => expect(findingsOf(scheduleDeadLetterQueue, (s) => void schedule(s, "arn:aws:sqs:ap-southeast-1:111111111111:dlq"))).toEqual([]));
  test("fires without one", () => expect(findingsOf(scheduleDeadLetterQueue, (s) => void schedule(s))).toHaveLength(1));
});

describe("LS-ASYNC-005 subscription dead-letter queue", () => {
  const sub = (s: TerraformStack, protocol: string, redrivePolicy?: string) =>
    new SnsTopicSubscription(s, `sub-${protocol}`, { topicArn: "arn:aws:sns:ap-southeast-1:111111111111:t", protocol, endpoint: "e", redrivePolicy });
  test("passes for an SQS subscription with a redrive policy and for e-mail", () => {
    expect(findingsOf(subscriptionDeadLetterQueue, (s) => {
      sub(s, "sqs", JSON.stringify({ deadLetterTargetArn: "arn:aws:sqs:ap-southeast-1:111111111111:dlq" }));
      sub(s, "email");
    })).toEqual([]);
  });
  test("fires for a Lambda subscription without one", () => expect(findingsOf(subscriptionDeadLetterQueue, (s) => void sub(s, "lambda"))).toHaveLength(1));
});

describe("LS-ASYNC-006 schedule encrypted with a customer-managed key", () => {
  const schedule = (s: TerraformStack, kmsKeyArn?: string) =>
    new SchedulerSchedule(s, "schedule", { scheduleExpression: "rate(1 minute)", flexibleTimeWindow: { mode: "OFF" }, kmsKeyArn, target: { arn: "arn:aws:ecs:ap-southeast-1:111111111111:cluster/c", roleArn: "arn:aws:iam::111111111111:role/r" } });
  test("passes with kms_key_arn", () => expect(findingsOf(scheduleCustomerKey, (s) => void schedule(s, "arn:aws:kms:ap-southeast-1:111111111111:key/k"))).toEqual([]));
  test("fires with the AWS owned key", () => expect(findingsOf(scheduleCustomerKey, (s) => void schedule(s))[0].message).toMatch(/kms_key_arn is not set/));
});

requireBothOutcomes([deadLetterQueueAlarm, asyncLambdaFailureAlarm, pipeSourceDeadLetterQueue, scheduleDeadLetterQueue, subscriptionDeadLetterQueue, scheduleCustomerKey]);
