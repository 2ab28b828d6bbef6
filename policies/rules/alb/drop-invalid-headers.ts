import { isTrue } from "../../engine/attributes";
import type { Rule } from "../../engine/types";
import { isApplicationLoadBalancer, LOAD_BALANCERS } from "./support";

export const dropInvalidHeaders: Rule = {
  id: "LS-ALB-003",
  title: "ALB drops invalid HTTP header fields",
  level: "error",
  checkov: ["CKV_AWS_131"],
  trivy: ["AVD-AWS-0052"],
  resourceTypes: LOAD_BALANCERS,
  rationale: "Malformed headers are a request-smuggling vector against the services behind the ALB.",
  fix: "Set drop_invalid_header_fields = true on the aws_lb.",
  check(lb) {
    if (!isApplicationLoadBalancer(lb)) return [];
    return isTrue(lb.attributes.drop_invalid_header_fields) ? [] : [{ message: "drop_invalid_header_fields is not true" }];
  },
};
