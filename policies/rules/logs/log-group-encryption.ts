import type { Rule } from "../../engine/types";

export const logGroupEncryption: Rule = {
  id: "LS-LOGS-003",
  title: "CloudWatch log group is encrypted with a KMS key",
  level: "warning",
  checkov: ["CKV_AWS_158"],
  trivy: ["AVD-AWS-0017"],
  resourceTypes: ["aws_cloudwatch_log_group"],
  rationale: "Application logs can carry user identifiers; a customer key adds an access check on reading them.",
  fix: "Set kms_key_id = the platform key ARN (its policy must allow logs.<region>.amazonaws.com).",
  check(group) {
    return group.attributes.kms_key_id ? [] : [{ message: "kms_key_id is not set" }];
  },
};
