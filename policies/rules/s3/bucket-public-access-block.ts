import { isTrue } from "../../engine/attributes";
import type { Rule } from "../../engine/types";

const FLAGS = ["block_public_acls", "block_public_policy", "ignore_public_acls", "restrict_public_buckets"] as const;

export const bucketPublicAccessBlock: Rule = {
  id: "LS-S3-001",
  title: "S3 bucket has a public access block with all four settings on",
  level: "error",
  checkov: ["CKV_AWS_53", "CKV_AWS_54", "CKV_AWS_55", "CKV_AWS_56", "CKV2_AWS_6"],
  trivy: ["AVD-AWS-0086", "AVD-AWS-0087", "AVD-AWS-0091", "AVD-AWS-0093", "AVD-AWS-0094"],
  resourceTypes: ["aws_s3_bucket"],
  rationale: "Media and logs reach viewers only through CloudFront with origin access control; a public ACL or policy would bypass it.",
  fix: "Add an aws_s3_bucket_public_access_block for the bucket with block_public_acls, block_public_policy, ignore_public_acls and restrict_public_buckets all true.",
  check(bucket, { index }) {
    const blocks = index.pointingAt("aws_s3_bucket_public_access_block", bucket, "bucket");
    if (blocks.length === 0) return [{ message: "no aws_s3_bucket_public_access_block refers to this bucket" }];
    const off = FLAGS.filter((f) => !blocks.some((b) => isTrue(b.attributes[f])));
    return off.length ? [{ message: `public access block leaves ${off.join(", ")} off`, fix: `Set ${off.join(", ")} to true on ${blocks[0].address}.` }] : [];
  },
};
