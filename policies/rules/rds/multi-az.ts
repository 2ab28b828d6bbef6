import { isTrue } from "../../engine/attributes";
import type { Rule } from "../../engine/types";
import { DB, isReplica } from "./support";

export const multiAz: Rule = {
  id: "LS-RDS-002",
  title: "Production primary database is Multi-AZ",
  level: "error",
  checkov: ["CKV_AWS_157"],
  trivy: [],
  resourceTypes: DB,
  tiers: ["prod"],
  rationale: "A standby in another AZ takes over in one to two minutes when the primary or its AZ fails.",
  fix: "Set multi_az = true on the primary (database.multiAz in the environment config).",
  check(db) {
    if (isReplica(db)) return [];
    return isTrue(db.attributes.multi_az) ? [] : [{ message: "multi_az is not true in a prod stack" }];
  },
};
