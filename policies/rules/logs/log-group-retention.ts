import { asNumber } from "../../engine/attributes";
import type { Rule } from "../../engine/types";

export const logGroupRetention: Rule = {
  id: "LS-LOGS-001",
  title: "CloudWatch log group has a retention period",
  level: "error",
  checkov: ["CKV_AWS_66"],
  trivy: [],
  resourceTypes: ["aws_cloudwatch_log_group"],
  rationale: "Logs kept forever cost more every month and hold personal data longer than needed.",
  fix: "Set retention_in_days (the environment's services.logRetentionDays or network.flowLogRetentionDays).",
  check(group) {
    const days = asNumber(group.attributes.retention_in_days);
    return days !== undefined && days > 0 ? [] : [{ message: "retention_in_days is not set (logs never expire)" }];
  },
};
