import { isFalse } from "../../engine/attributes";
import type { Rule } from "../../engine/types";
import { AURORA_INSTANCE, DB_INSTANCE } from "./support";

export const minorVersionUpgrade: Rule = {
  id: "LS-RDS-009",
  title: "RDS applies minor engine upgrades automatically",
  level: "error",
  checkov: ["CKV_AWS_226"],
  trivy: [],
  resourceTypes: [DB_INSTANCE, AURORA_INSTANCE],
  rationale: "Minor PostgreSQL releases carry security fixes; they are applied in the maintenance window.",
  fix: "Leave auto_minor_version_upgrade unset or set it to true on each instance (Aurora: on each aws_rds_cluster_instance).",
  check(db) {
    return isFalse(db.attributes.auto_minor_version_upgrade) ? [{ message: "auto_minor_version_upgrade is false" }] : [];
  },
};
