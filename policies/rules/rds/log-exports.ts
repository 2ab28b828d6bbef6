import { asStrings } from "../../engine/attributes";
import type { Rule } from "../../engine/types";
import { AURORA_CLUSTER, DB_INSTANCE, engineOf } from "./support";

export const logExports: Rule = {
  id: "LS-RDS-010",
  title: "RDS exports its engine log to CloudWatch Logs",
  level: "error",
  checkov: ["CKV_AWS_129", "CKV_AWS_324"],
  trivy: [],
  resourceTypes: [DB_INSTANCE, AURORA_CLUSTER],
  rationale: "Connection failures, slow queries and errors must outlive the instance and be searchable during an incident.",
  fix: "Set enabled_cloudwatch_logs_exports to include \"postgresql\" (an Aurora cluster: with \"iam-db-auth-error\"), and create its log group (/aws/rds/instance/<id>/<type> or /aws/rds/cluster/<id>/<type>) with a retention.",
  check(db) {
    const exports = asStrings(db.attributes.enabled_cloudwatch_logs_exports);
    const wanted = engineOf(db).includes("postgres") ? "postgresql" : undefined;
    if (exports.length === 0) return [{ message: "enabled_cloudwatch_logs_exports is empty" }];
    return wanted && !exports.includes(wanted) ? [{ message: `enabled_cloudwatch_logs_exports lacks '${wanted}'` }] : [];
  },
};
