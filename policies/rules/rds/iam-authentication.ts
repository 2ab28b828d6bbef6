import { isTrue } from "../../engine/attributes";
import type { Rule } from "../../engine/types";
import { AURORA_CLUSTER, DB_INSTANCE } from "./support";

export const iamAuthentication: Rule = {
  id: "LS-RDS-005",
  title: "RDS accepts IAM database authentication",
  level: "error",
  checkov: ["CKV_AWS_161", "CKV_AWS_162", "CKV_AWS_128"],
  trivy: ["AVD-AWS-0176"],
  resourceTypes: [DB_INSTANCE, AURORA_CLUSTER],
  rationale: "Lets the services, the recording Lambda and the reconcile task connect with short-lived tokens tied to their roles instead of a shared password.",
  fix: "Set iam_database_authentication_enabled = true on the instance or the Aurora cluster.",
  check(db) {
    return isTrue(db.attributes.iam_database_authentication_enabled) ? [] : [{ message: "iam_database_authentication_enabled is not true" }];
  },
};
