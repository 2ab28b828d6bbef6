import { isTrue } from "../../engine/attributes";
import type { Rule } from "../../engine/types";
import { DB } from "./support";

export const notPubliclyAccessible: Rule = {
  id: "LS-RDS-006",
  title: "RDS is not publicly accessible",
  level: "error",
  checkov: ["CKV_AWS_17"],
  trivy: ["AVD-AWS-0082"],
  resourceTypes: DB,
  rationale: "The database lives in isolated subnets and is reached only from the services' and Lambda's security groups.",
  fix: "Set publicly_accessible = false and use a DB subnet group of isolated subnets.",
  check(db) {
    return isTrue(db.attributes.publicly_accessible) ? [{ message: "publicly_accessible is true" }] : [];
  },
};
