import { blocks } from "../../engine/attributes";
import type { Rule, SynthesizedResource } from "../../engine/types";
import { AURORA_CLUSTER, DB_INSTANCE, engineOf } from "./support";

/** Major version of an engine_version such as "16" or "15.7". */
const major = (v: unknown) => Number(String(v ?? "").split(".")[0]) || undefined;

export const forceSsl: Rule = {
  id: "LS-RDS-011",
  title: "PostgreSQL refuses connections without TLS (rds.force_ssl = 1)",
  level: "error",
  checkov: ["CKV2_AWS_69"],
  trivy: [],
  resourceTypes: [DB_INSTANCE, AURORA_CLUSTER],
  rationale:
    "Encryption in transit between the clients and the database. RDS for PostgreSQL 15+ defaults to it; older majors, custom groups and Aurora PostgreSQL's default cluster groups may not, so an Aurora cluster must set it.",
  fix: "RDS: attach an aws_db_parameter_group (family postgresNN) with parameter { name = \"rds.force_ssl\", value = \"1\" }. Aurora: the same parameter in the cluster's aws_rds_cluster_parameter_group (family aurora-postgresqlNN).",
  check(db, { index }) {
    if (!engineOf(db).includes("postgres")) return [];
    const aurora = db.type === AURORA_CLUSTER;
    const groupType = aurora ? "aws_rds_cluster_parameter_group" : "aws_db_parameter_group";
    const group = index.referencedResources(db.attributes[aurora ? "db_cluster_parameter_group_name" : "parameter_group_name"]).find((r) => r.type === groupType);
    const setting = group ? blocks(group.attributes.parameter).find((p) => p.name === "rds.force_ssl") : undefined;
    if (setting) return String(setting.value) === "1" ? [] : [{ message: `${group!.address} sets rds.force_ssl = ${String(setting.value)}` }];
    if (!aurora) {
      if (isReplicaWithCheckedSource(db)) return [];
      const version = major(db.attributes.engine_version);
      // Default parameter groups of RDS for PostgreSQL 15 and later set rds.force_ssl = 1.
      if (version !== undefined && version >= 15) return [];
    }
    return [{ message: group ? `${group.address} does not set rds.force_ssl` : "no parameter group sets rds.force_ssl = 1 and the engine default may allow plain connections" }];
  },
};

/** A replica without its own group is covered by its source's check when it inherits the version. */
function isReplicaWithCheckedSource(db: SynthesizedResource): boolean {
  return !!db.attributes.replicate_source_db && !db.attributes.parameter_group_name && !db.attributes.engine_version;
}
