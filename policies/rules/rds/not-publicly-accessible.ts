import { isTrue } from "../../engine/attributes";
import type { Rule } from "../../engine/types";
import { AURORA_INSTANCE, DB_INSTANCE } from "./support";

export const notPubliclyAccessible: Rule = {
  id: "LS-RDS-006",
  title: "RDS is not publicly accessible",
  level: "error",
  checkov: ["CKV_AWS_17"],
  trivy: ["AVD-AWS-0082", "AVD-AWS-0180"],
  resourceTypes: [DB_INSTANCE, AURORA_INSTANCE],
  rationale: "The database lives in isolated subnets and is reached only from the services', the Lambda's and the ops tasks' security groups.",
  fix: "Set publicly_accessible = false on every instance (Aurora: on each aws_rds_cluster_instance) and use a DB subnet group of isolated subnets.",
  check(db) {
    return isTrue(db.attributes.publicly_accessible) ? [{ message: "publicly_accessible is true" }] : [];
  },
};
