import { block, isTrue } from "../../engine/attributes";
import type { Rule } from "../../engine/types";

/** Security policies whose minimum is TLS 1.2 or later. */
const TLS12_OR_LATER = /^TLSv1\.(2|3)_\d{4}$/;

export const minimumTls: Rule = {
  id: "LS-CF-002",
  title: "CloudFront viewer certificate requires TLS 1.2 or later",
  level: "error",
  checkov: ["CKV_AWS_174"],
  trivy: ["AVD-AWS-0013"],
  resourceTypes: ["aws_cloudfront_distribution"],
  rationale: "TLS 1.0 and 1.1 are deprecated; the default CloudFront certificate still accepts them.",
  fix: "Use an ACM certificate (viewer_certificate { acm_certificate_arn, ssl_support_method = \"sni-only\" }) with minimum_protocol_version = \"TLSv1.2_2021\".",
  check(cf) {
    const cert = block(cf.attributes.viewer_certificate);
    if (isTrue(cert.cloudfront_default_certificate)) return [{ message: "the default *.cloudfront.net certificate allows TLS 1.0" }];
    const v = String(cert.minimum_protocol_version ?? "TLSv1");
    return TLS12_OR_LATER.test(v) ? [] : [{ message: `minimum_protocol_version is ${v}` }];
  },
};
