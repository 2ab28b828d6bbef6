import { isTrue } from "../../engine/attributes";
import type { Rule } from "../../engine/types";

export const keyRotation: Rule = {
  id: "LS-KMS-001",
  title: "KMS customer-managed key rotates yearly",
  level: "error",
  checkov: ["CKV_AWS_7"],
  trivy: ["AVD-AWS-0065"],
  resourceTypes: ["aws_kms_key"],
  rationale: "Rotation limits how much data one key version protects; it is free and transparent to users of the key.",
  fix: "Set enable_key_rotation = true on symmetric keys.",
  check(key) {
    if (key.attributes.customer_master_key_spec && key.attributes.customer_master_key_spec !== "SYMMETRIC_DEFAULT") return [];
    return isTrue(key.attributes.enable_key_rotation) ? [] : [{ message: "enable_key_rotation is not true" }];
  },
};
