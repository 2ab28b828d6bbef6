import { block, isTrue } from "../../engine/attributes";
import type { Rule } from "../../engine/types";
import { isApplicationLoadBalancer, LOAD_BALANCERS } from "./support";

export const loadBalancerAccessLogs: Rule = {
  id: "LS-ALB-005",
  title: "ALB writes access logs to S3",
  level: "error",
  checkov: ["CKV_AWS_91"],
  trivy: [],
  resourceTypes: LOAD_BALANCERS,
  rationale: "Access logs are the only record of each API request's client, latency and target status.",
  fix: "Add access_logs { bucket = <log bucket>, enabled = true, prefix = \"alb\" } (the bucket needs SSE-S3 and a policy for the ELB log-delivery principal).",
  check(lb) {
    if (!isApplicationLoadBalancer(lb)) return [];
    const logs = block(lb.attributes.access_logs);
    return logs.bucket && isTrue(logs.enabled ?? false) ? [] : [{ message: "access_logs is missing or not enabled" }];
  },
};
