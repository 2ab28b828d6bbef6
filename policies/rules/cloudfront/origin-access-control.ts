import { blocks, block } from "../../engine/attributes";
import type { Rule } from "../../engine/types";

export const originAccessControl: Rule = {
  id: "LS-CF-004",
  title: "CloudFront reaches S3 origins through origin access control",
  level: "error",
  checkov: ["CKV2_AWS_46"],
  trivy: [],
  resourceTypes: ["aws_cloudfront_distribution"],
  rationale: "With OAC the bucket stays private and only this distribution can read it (signed SigV4 requests, SSE-KMS supported).",
  fix: "Create an aws_cloudfront_origin_access_control (signing_behavior = \"always\", origin_type = \"s3\") and set origin_access_control_id on each S3 origin; grant it s3:GetObject in the bucket policy with an AWS:SourceArn condition.",
  check(cf, { index }) {
    const out = [];
    for (const origin of blocks(cf.attributes.origin)) {
      const domain = String(origin.domain_name ?? "");
      const isS3 = /\.s3[.-]/.test(domain) || index.referencedResources(domain).some((r) => r.type === "aws_s3_bucket");
      if (!isS3 || origin.origin_access_control_id) continue;
      const legacy = block(origin.s3_origin_config).origin_access_identity;
      out.push({ message: `S3 origin '${String(origin.origin_id)}' has ${legacy ? "a legacy origin access identity" : "no origin access control"}` });
    }
    return out;
  },
};
