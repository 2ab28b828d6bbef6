import { asNumber } from "../../engine/attributes";
import type { Rule } from "../../engine/types";
import { AURORA_CLUSTER, DB_INSTANCE, isReplica } from "./support";

export const backupRetention: Rule = {
  id: "LS-RDS-003",
  title: "RDS keeps automated backups for at least 7 days",
  level: "error",
  checkov: ["CKV_AWS_133"],
  trivy: ["AVD-AWS-0077"],
  resourceTypes: [DB_INSTANCE, AURORA_CLUSTER],
  rationale: "Point-in-time recovery covers bad migrations and accidental deletes noticed days later.",
  fix: "Set backup_retention_period to 7 or more on the instance or the Aurora cluster (database.backupRetentionDays); an unset Aurora cluster keeps 1 day.",
  check(db) {
    if (db.type === DB_INSTANCE && isReplica(db)) return [];
    const days = asNumber(db.attributes.backup_retention_period);
    return days !== undefined && days >= 7 ? [] : [{ message: `backup_retention_period is ${days ?? "unset"}` }];
  },
};
