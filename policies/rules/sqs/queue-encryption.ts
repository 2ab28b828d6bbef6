import { isTrue } from "../../engine/attributes";
import type { Rule } from "../../engine/types";

export const queueEncryption: Rule = {
  id: "LS-SQS-001",
  title: "SQS queue is encrypted at rest",
  level: "error",
  checkov: ["CKV_AWS_27"],
  trivy: ["AVD-AWS-0096"],
  resourceTypes: ["aws_sqs_queue"],
  rationale: "Notification messages carry user ids and device data.",
  fix: "Set kms_master_key_id = the platform key (or sqs_managed_sse_enabled = true).",
  check(queue) {
    return queue.attributes.kms_master_key_id || isTrue(queue.attributes.sqs_managed_sse_enabled) ? [] : [{ message: "neither kms_master_key_id nor sqs_managed_sse_enabled is set" }];
  },
};
