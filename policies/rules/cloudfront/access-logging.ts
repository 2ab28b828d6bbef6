import { block } from "../../engine/attributes";
import type { Rule } from "../../engine/types";

export const accessLogging: Rule = {
  id: "LS-CF-003",
  title: "CloudFront distribution writes access logs",
  level: "error",
  checkov: ["CKV_AWS_86"],
  trivy: ["AVD-AWS-0010"],
  resourceTypes: ["aws_cloudfront_distribution"],
  rationale: "The design keeps every stream request in a CDN log bucket for analytics and abuse investigation.",
  fix: "Add logging_config { bucket = <log bucket>.bucket_domain_name, prefix = \"cloudfront/\" } (or a CloudWatch log delivery source for the distribution).",
  check(cf, { index }) {
    if (block(cf.attributes.logging_config).bucket) return [];
    const delivered = index.ofType("aws_cloudwatch_log_delivery_source").some((s) => index.refersTo(s.attributes.resource_arn, cf));
    return delivered ? [] : [{ message: "no logging_config and no log delivery source for this distribution" }];
  },
};
