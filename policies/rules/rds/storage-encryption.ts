import { isTrue } from "../../engine/attributes";
import type { Rule } from "../../engine/types";
import { AURORA_CLUSTER, DB_INSTANCE, isReplica } from "./support";

export const storageEncryption: Rule = {
  id: "LS-RDS-001",
  title: "RDS storage is encrypted",
  level: "error",
  checkov: ["CKV_AWS_16", "CKV_AWS_96", "CKV_AWS_327"],
  trivy: ["AVD-AWS-0080", "AVD-AWS-0079"],
  resourceTypes: [DB_INSTANCE, AURORA_CLUSTER],
  rationale: "The database holds users, sessions and schedules; storage, snapshots and replicas must be encrypted (an Aurora cluster with the platform's own key, whose policy and rotation the platform controls).",
  fix: "Set storage_encrypted = true and kms_key_id = the platform key on the instance or the Aurora cluster (cannot be changed in place: restore from an encrypted snapshot).",
  check(db, { index }) {
    if (db.type === AURORA_CLUSTER) {
      if (!isTrue(db.attributes.storage_encrypted)) return [{ message: "storage_encrypted is not true" }];
      return db.attributes.kms_key_id ? [] : [{ message: "kms_key_id is unset: the volume is encrypted with the AWS-managed key, not the platform key" }];
    }
    if (isTrue(db.attributes.storage_encrypted)) return [];
    if (db.type === DB_INSTANCE && isReplica(db)) {
      // A same-region replica inherits encryption from its source.
      const source = index.referencedResources(db.attributes.replicate_source_db).find((r) => r.type === DB_INSTANCE);
      if (source && isTrue(source.attributes.storage_encrypted)) return [];
    }
    return [{ message: "storage_encrypted is not true" }];
  },
};
