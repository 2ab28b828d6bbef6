import type { Rule } from "../../engine/types";

export const trailCustomerKey: Rule = {
  id: "LS-AUDIT-003",
  title: "CloudTrail trail encrypts its log files with a customer-managed KMS key",
  level: "error",
  checkov: ["CKV_AWS_35"],
  trivy: ["AVD-AWS-0015"],
  resourceTypes: ["aws_cloudtrail"],
  rationale: "With a customer-managed key, reading the audit logs needs kms:Decrypt on that key besides s3:GetObject, and every read is itself recorded.",
  fix: "Set kms_key_id = a customer-managed key whose policy lets cloudtrail.amazonaws.com generate data keys for this trail (aws:SourceArn).",
  check(trail) {
    return typeof trail.attributes.kms_key_id === "string" && trail.attributes.kms_key_id !== "" ? [] : [{ message: "kms_key_id is not set" }];
  },
};
