import { isTrue } from "../../engine/attributes";
import type { Rule } from "../../engine/types";
import { isApplicationLoadBalancer, LOAD_BALANCERS } from "../alb/support";

export const loadBalancerWebAcl: Rule = {
  id: "LS-WAF-001",
  title: "Internet-facing application load balancer is protected by a WAFv2 web ACL",
  level: "error",
  checkov: ["CKV2_AWS_28"],
  trivy: [],
  resourceTypes: LOAD_BALANCERS,
  rationale: "The ALB is the only public door to the API: without a web ACL nothing filters known exploits, bad reputations or floods before they reach the services.",
  fix: "Add an aws_wafv2_web_acl_association with resource_arn = the load balancer's arn and web_acl_arn = a REGIONAL web ACL (constructs/api-firewall).",
  check(lb, { index }) {
    if (isTrue(lb.attributes.internal) || !isApplicationLoadBalancer(lb)) return [];
    return index.pointingAt("aws_wafv2_web_acl_association", lb, "resource_arn").length > 0
      ? []
      : [{ message: "no aws_wafv2_web_acl_association has this load balancer as resource_arn" }];
  },
};
