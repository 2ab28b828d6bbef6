import { asNumber } from "../../engine/attributes";
import type { Rule } from "../../engine/types";

export const logGroupOneYearRetention: Rule = {
  id: "LS-LOGS-002",
  title: "CloudWatch log group keeps logs for a year",
  level: "info",
  checkov: ["CKV_AWS_338"],
  trivy: [],
  resourceTypes: ["aws_cloudwatch_log_group"],
  rationale: "Some audit regimes ask for a year of logs; informational because this platform keeps 14 to 90 days by design (cost, data minimization).",
  fix: "Set retention_in_days = 365 where an audit requires it, or export to S3 Glacier.",
  check(group) {
    const days = asNumber(group.attributes.retention_in_days) ?? 0;
    return days >= 365 ? [] : [{ message: `retention_in_days is ${days || "unset"}, under 365` }];
  },
};
