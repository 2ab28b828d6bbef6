import { isTrue } from "../../engine/attributes";
import type { Rule } from "../../engine/types";

export const trailLogValidation: Rule = {
  id: "LS-AUDIT-002",
  title: "CloudTrail trail validates its log files",
  level: "error",
  checkov: ["CKV_AWS_36"],
  trivy: ["AVD-AWS-0016"],
  resourceTypes: ["aws_cloudtrail"],
  rationale: "Signed hourly digests are what show a log file was not edited or deleted after delivery; without them the audit trail is only as trustworthy as the bucket's writers.",
  fix: "Set enable_log_file_validation = true.",
  check(trail) {
    return isTrue(trail.attributes.enable_log_file_validation) ? [] : [{ message: "enable_log_file_validation is not true" }];
  },
};
