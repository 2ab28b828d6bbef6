import { asNumber } from "../../engine/attributes";
import type { Rule } from "../../engine/types";
import { DB, isReplica } from "./support";

export const backupRetention: Rule = {
  id: "LS-RDS-003",
  title: "RDS keeps automated backups for at least 7 days",
  level: "error",
  checkov: ["CKV_AWS_133"],
  trivy: ["AVD-AWS-0077"],
  resourceTypes: DB,
  rationale: "Point-in-time recovery covers bad migrations and accidental deletes noticed days later.",
  fix: "Set backup_retention_period to 7 or more (database.backupRetentionDays).",
  check(db) {
    if (isReplica(db)) return [];
    const days = asNumber(db.attributes.backup_retention_period);
    return days !== undefined && days >= 7 ? [] : [{ message: `backup_retention_period is ${days ?? "unset"}` }];
  },
};
