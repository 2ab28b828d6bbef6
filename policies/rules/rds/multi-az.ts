import { isTrue } from "../../engine/attributes";
import type { Rule } from "../../engine/types";
import { AURORA_CLUSTER, DB_INSTANCE, instancesOf, isReplica } from "./support";

export const multiAz: Rule = {
  id: "LS-RDS-002",
  title: "Production database survives the loss of an AZ (a Multi-AZ instance, or an Aurora reader in another AZ)",
  level: "error",
  checkov: ["CKV_AWS_157"],
  trivy: [],
  resourceTypes: [DB_INSTANCE, AURORA_CLUSTER],
  tiers: ["prod"],
  rationale:
    "A standby (RDS Multi-AZ) or an Aurora Replica in another AZ takes over when the writer or its AZ fails; an Aurora cluster without a reader has to recreate its writer first.",
  fix: "RDS: set multi_az = true on the primary. Aurora: add an aws_rds_cluster_instance reader in another availability_zone (database.readers in the environment config).",
  check(db, { index }) {
    if (db.type === DB_INSTANCE) {
      if (isReplica(db)) return [];
      return isTrue(db.attributes.multi_az) ? [] : [{ message: "multi_az is not true in a prod stack" }];
    }
    const instances = instancesOf(db, index);
    if (instances.length < 2) return [{ message: `the cluster has ${instances.length} instance(s): no reader to fail over to` }];
    // Instances without an AZ are placed by RDS; only instances pinned to one and the same AZ are known to share it.
    const azs = instances.map((i) => i.attributes.availability_zone);
    if (azs.every((az) => typeof az === "string" && !az.includes("${")) && new Set(azs).size < 2) {
      return [{ message: `every instance is pinned to ${String(azs[0])}: a reader must be in another AZ` }];
    }
    return [];
  },
};
