import type { Rule } from "../../engine/types";
import { isLogDestination } from "../support";
import { bucketSseAlgorithm } from "./bucket-encryption";

export const bucketKmsEncryption: Rule = {
  id: "LS-S3-006",
  title: "S3 data bucket encrypts with a KMS key",
  level: "warning",
  checkov: ["CKV_AWS_145"],
  trivy: ["AVD-AWS-0132"],
  resourceTypes: ["aws_s3_bucket"],
  rationale: "A customer-managed key adds an access check and an audit trail on every read. Log buckets are exempt: ALB and CloudFront log delivery only supports SSE-S3.",
  fix: "Use sse_algorithm = \"aws:kms\" with kms_master_key_id = the platform key and bucket_key_enabled = true.",
  check(bucket, { index }) {
    if (isLogDestination(index, bucket)) return [];
    const alg = bucketSseAlgorithm(index, bucket);
    return alg && alg.startsWith("aws:kms") ? [] : [{ message: `default encryption is ${alg ?? "not configured"}, not aws:kms` }];
  },
};
