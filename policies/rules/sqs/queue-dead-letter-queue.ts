import type { Rule } from "../../engine/types";
import { isDeadLetterQueue, queueRedrive } from "../support";

export const queueDeadLetterQueue: Rule = {
  id: "LS-SQS-002",
  title: "SQS queue sends poison messages to a dead-letter queue",
  level: "error",
  checkov: [],
  trivy: [],
  resourceTypes: ["aws_sqs_queue"],
  rationale: "Without a redrive policy a message that always fails is retried until it expires, blocking its consumer and then vanishing.",
  fix: "Create a <name>-dlq queue (same encryption, 14-day retention) and set redrive_policy = jsonencode({ deadLetterTargetArn = dlq.arn, maxReceiveCount = 5 }).",
  check(queue, { index }) {
    if (isDeadLetterQueue(index, queue)) return [];
    return queueRedrive(index, queue) ? [] : [{ message: "the queue has no redrive_policy and is not itself a dead-letter queue" }];
  },
};
