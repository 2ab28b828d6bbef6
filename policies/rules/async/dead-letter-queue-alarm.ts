import type { Rule } from "../../engine/types";
import { alarmsOn, isDeadLetterQueue } from "../support";

export const deadLetterQueueAlarm: Rule = {
  id: "LS-ASYNC-001",
  title: "Every dead-letter queue has a CloudWatch alarm",
  level: "error",
  checkov: [],
  trivy: [],
  resourceTypes: ["aws_sqs_queue"],
  rationale: "A DLQ nobody watches is a silent data loss: the alarm is what tells an operator to inspect and redrive.",
  fix: "Add an aws_cloudwatch_metric_alarm on AWS/SQS ApproximateNumberOfMessagesVisible with dimensions { QueueName = dlq.name }, threshold 0, comparison GreaterThanThreshold, alarm_actions = [ops topic].",
  check(queue, { index }) {
    if (!isDeadLetterQueue(index, queue)) return [];
    return alarmsOn(index, "QueueName", queue).length ? [] : [{ message: "this dead-letter queue has no alarm on its QueueName" }];
  },
};
