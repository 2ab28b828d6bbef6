import { isTrue } from "../../engine/attributes";
import type { Rule } from "../../engine/types";
import { DB } from "./support";

export const iamAuthentication: Rule = {
  id: "LS-RDS-005",
  title: "RDS accepts IAM database authentication",
  level: "error",
  checkov: ["CKV_AWS_161"],
  trivy: ["AVD-AWS-0176"],
  resourceTypes: DB,
  rationale: "Lets the recording Lambda and the services connect with short-lived tokens tied to their roles instead of a shared password.",
  fix: "Set iam_database_authentication_enabled = true.",
  check(db) {
    return isTrue(db.attributes.iam_database_authentication_enabled) ? [] : [{ message: "iam_database_authentication_enabled is not true" }];
  },
};
