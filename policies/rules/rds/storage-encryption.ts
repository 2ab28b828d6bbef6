import { isTrue } from "../../engine/attributes";
import type { Rule } from "../../engine/types";
import { DB, isReplica } from "./support";

export const storageEncryption: Rule = {
  id: "LS-RDS-001",
  title: "RDS storage is encrypted",
  level: "error",
  checkov: ["CKV_AWS_16"],
  trivy: ["AVD-AWS-0080"],
  resourceTypes: DB,
  rationale: "The database holds users, sessions and schedules; storage, snapshots and replicas must be encrypted.",
  fix: "Set storage_encrypted = true and kms_key_id = the platform key (cannot be changed in place: restore from an encrypted snapshot).",
  check(db, { index }) {
    if (isTrue(db.attributes.storage_encrypted)) return [];
    if (isReplica(db)) {
      // A same-region replica inherits encryption from its source.
      const source = index.referencedResources(db.attributes.replicate_source_db).find((r) => r.type === "aws_db_instance");
      if (source && isTrue(source.attributes.storage_encrypted)) return [];
    }
    return [{ message: "storage_encrypted is not true" }];
  },
};
