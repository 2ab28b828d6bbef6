import type { Rule } from "../../engine/types";

export const scheduleCustomerKey: Rule = {
  id: "LS-ASYNC-006",
  title: "EventBridge Scheduler schedule is encrypted with a customer-managed KMS key",
  level: "error",
  checkov: ["CKV_AWS_297"],
  trivy: [],
  resourceTypes: ["aws_scheduler_schedule"],
  rationale: "A schedule stores its target input and parameters; with the platform key, decrypting them needs a grant the account controls and every use is recorded.",
  fix: "Set kms_key_arn = the platform key, give the schedule's execution role kms:Decrypt on it for this schedule's encryption context, and let Scheduler use the key in the key policy.",
  check(schedule) {
    return typeof schedule.attributes.kms_key_arn === "string" && schedule.attributes.kms_key_arn !== "" ? [] : [{ message: "kms_key_arn is not set: the schedule is encrypted with an AWS owned key" }];
  },
};
