import { blocks } from "../../engine/attributes";
import type { Rule } from "../../engine/types";
import { DB, engineOf } from "./support";

/** Major version of an engine_version such as "16" or "15.7". */
const major = (v: unknown) => Number(String(v ?? "").split(".")[0]) || undefined;

export const forceSsl: Rule = {
  id: "LS-RDS-011",
  title: "PostgreSQL refuses connections without TLS (rds.force_ssl = 1)",
  level: "error",
  checkov: ["CKV2_AWS_69"],
  trivy: [],
  resourceTypes: DB,
  rationale: "Encryption in transit between the services and the database; PostgreSQL 15+ defaults to it, older majors and custom groups may not.",
  fix: "Attach an aws_db_parameter_group (family postgresNN) with parameter { name = \"rds.force_ssl\", value = \"1\" }.",
  check(db, { index }) {
    if (!engineOf(db).includes("postgres")) return [];
    const groupRef = db.attributes.parameter_group_name;
    const group = index.referencedResources(groupRef).find((r) => r.type === "aws_db_parameter_group");
    const setting = group ? blocks(group.attributes.parameter).find((p) => p.name === "rds.force_ssl") : undefined;
    if (setting) return String(setting.value) === "1" ? [] : [{ message: `${group!.address} sets rds.force_ssl = ${String(setting.value)}` }];
    if (isReplicaWithCheckedSource(db)) return [];
    const version = major(db.attributes.engine_version);
    // Default parameter groups of PostgreSQL 15 and later set rds.force_ssl = 1.
    if (version !== undefined && version >= 15) return [];
    return [{ message: group ? `${group.address} does not set rds.force_ssl` : "no parameter group sets rds.force_ssl = 1 and the engine default may allow plain connections" }];
  },
};

/** A replica without its own group is covered by its source's check when it inherits the version. */
function isReplicaWithCheckedSource(db: { attributes: Readonly<Record<string, unknown>> }): boolean {
  return !!db.attributes.replicate_source_db && !db.attributes.parameter_group_name && !db.attributes.engine_version;
}
