import { isTrue } from "../../engine/attributes";
import type { Rule } from "../../engine/types";
import { AURORA_CLUSTER, DB_INSTANCE } from "./support";

export const databaseDeletionProtection: Rule = {
  id: "LS-RDS-004",
  title: "Production database has deletion protection",
  level: "error",
  checkov: ["CKV_AWS_293", "CKV_AWS_139"],
  trivy: ["AVD-AWS-0177", "AVD-AWS-0343"],
  resourceTypes: [DB_INSTANCE, AURORA_CLUSTER],
  tiers: ["prod"],
  rationale: "A terraform destroy or a replaced resource must not delete production data.",
  fix: "Set deletion_protection = true (and skip_final_snapshot = false) on the instance or the Aurora cluster for the prod tier.",
  check(db) {
    return isTrue(db.attributes.deletion_protection) ? [] : [{ message: "deletion_protection is not true in a prod stack" }];
  },
};
