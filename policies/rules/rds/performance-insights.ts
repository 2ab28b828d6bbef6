import { isTrue } from "../../engine/attributes";
import type { Rule } from "../../engine/types";
import { AURORA_INSTANCE, DB_INSTANCE } from "./support";

export const performanceInsights: Rule = {
  id: "LS-RDS-007",
  title: "RDS has Performance Insights",
  level: "warning",
  checkov: ["CKV_AWS_353"],
  trivy: ["AVD-AWS-0133"],
  resourceTypes: [DB_INSTANCE, AURORA_INSTANCE],
  rationale: "Shows which queries load the database during prime time; a warning because the smallest classes do not support it.",
  fix: "Set performance_insights_enabled = true with performance_insights_kms_key_id = the platform key on each instance (7-day retention is free).",
  check(db) {
    return isTrue(db.attributes.performance_insights_enabled) ? [] : [{ message: "performance_insights_enabled is not true" }];
  },
};
