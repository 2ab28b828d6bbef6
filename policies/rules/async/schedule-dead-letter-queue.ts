import { block } from "../../engine/attributes";
import type { Rule } from "../../engine/types";

export const scheduleDeadLetterQueue: Rule = {
  id: "LS-ASYNC-004",
  title: "EventBridge Scheduler schedule has a dead-letter queue",
  level: "error",
  checkov: [],
  trivy: [],
  resourceTypes: ["aws_scheduler_schedule"],
  rationale: "A schedule whose target fails after its retries drops the invocation; a DLQ keeps the event for inspection.",
  fix: "Set target { dead_letter_config { arn = <encrypted SQS DLQ>.arn } retry_policy { maximum_retry_attempts = ... } } and alarm on the DLQ.",
  check(schedule) {
    return block(block(schedule.attributes.target).dead_letter_config).arn ? [] : [{ message: "target.dead_letter_config is not set" }];
  },
};
