import type { Rule } from "../../engine/types";

export const webApplicationFirewall: Rule = {
  id: "LS-CF-005",
  title: "CloudFront distribution is protected by AWS WAF",
  level: "warning",
  checkov: ["CKV_AWS_68"],
  trivy: ["AVD-AWS-0011"],
  resourceTypes: ["aws_cloudfront_distribution"],
  rationale: "Rate-based rules keep manifest and segment floods off the origin; a warning because media paths are cheap to serve and WAF costs per request.",
  fix: "Create an aws_wafv2_web_acl with scope = \"CLOUDFRONT\" (in us-east-1) and set web_acl_id to its ARN.",
  check(cf) {
    return cf.attributes.web_acl_id ? [] : [{ message: "web_acl_id is not set" }];
  },
};
