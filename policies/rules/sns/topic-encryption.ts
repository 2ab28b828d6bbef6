import type { Rule } from "../../engine/types";

export const topicEncryption: Rule = {
  id: "LS-SNS-001",
  title: "SNS topic is encrypted at rest",
  level: "error",
  checkov: ["CKV_AWS_26"],
  trivy: ["AVD-AWS-0095"],
  resourceTypes: ["aws_sns_topic"],
  rationale: "Announcements and alarm notifications carry schedule and infrastructure details.",
  fix: "Set kms_master_key_id = the platform key (its policy must let the publishing services, e.g. cloudwatch.amazonaws.com, use it).",
  check(topic) {
    return topic.attributes.kms_master_key_id ? [] : [{ message: "kms_master_key_id is not set" }];
  },
};
