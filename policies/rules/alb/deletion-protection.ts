import { isTrue } from "../../engine/attributes";
import type { Rule } from "../../engine/types";
import { LOAD_BALANCERS } from "./support";

export const loadBalancerDeletionProtection: Rule = {
  id: "LS-ALB-004",
  title: "Production load balancer has deletion protection",
  level: "error",
  checkov: ["CKV_AWS_150"],
  trivy: [],
  resourceTypes: LOAD_BALANCERS,
  tiers: ["prod"],
  rationale: "Deleting the ALB takes the whole API down and changes its DNS name; prod requires a deliberate two-step removal.",
  fix: "Set enable_deletion_protection = true (tie it to the environment tier).",
  check(lb) {
    return isTrue(lb.attributes.enable_deletion_protection) ? [] : [{ message: "enable_deletion_protection is not true in a prod stack" }];
  },
};
