import type { Rule } from "../../engine/types";

const DELIVERED = new Set(["sqs", "lambda", "http", "https", "firehose"]);

export const subscriptionDeadLetterQueue: Rule = {
  id: "LS-ASYNC-005",
  title: "SNS subscription keeps undeliverable messages in a dead-letter queue",
  level: "warning",
  checkov: [],
  trivy: [],
  resourceTypes: ["aws_sns_topic_subscription"],
  rationale: "SNS drops a message after its delivery retries; a subscription DLQ keeps it. A warning: e-mail and SMS protocols do not support one.",
  fix: "Set redrive_policy = jsonencode({ deadLetterTargetArn = dlq.arn }) and allow sns.amazonaws.com to SendMessage to the DLQ.",
  check(sub) {
    if (!DELIVERED.has(String(sub.attributes.protocol))) return [];
    return sub.attributes.redrive_policy ? [] : [{ message: `${String(sub.attributes.protocol)} subscription has no redrive_policy` }];
  },
};
