import { block, blocks } from "../../engine/attributes";
import type { Rule } from "../../engine/types";

const ALGORITHMS = new Set(["AES256", "aws:kms", "aws:kms:dsse"]);

/** The default SSE algorithm configured for a bucket, if any (separate resource or legacy inline block). */
export function bucketSseAlgorithm(index: import("../../engine/stack-index").StackIndex, bucket: import("../../engine/types").SynthesizedResource): string | undefined {
  const configs = index.pointingAt("aws_s3_bucket_server_side_encryption_configuration", bucket, "bucket");
  const rules = [...configs.flatMap((c) => blocks(c.attributes.rule)), ...blocks(block(bucket.attributes.server_side_encryption_configuration).rule)];
  for (const r of rules) {
    const alg = block(r.apply_server_side_encryption_by_default).sse_algorithm;
    if (typeof alg === "string") return alg;
  }
  return undefined;
}

export const bucketEncryption: Rule = {
  id: "LS-S3-002",
  title: "S3 bucket encrypts objects at rest by default",
  level: "error",
  checkov: ["CKV_AWS_19"],
  trivy: ["AVD-AWS-0088"],
  resourceTypes: ["aws_s3_bucket"],
  rationale: "Recordings are users' personal data; default encryption makes every object encrypted whatever the writer sends.",
  fix: "Add an aws_s3_bucket_server_side_encryption_configuration for the bucket with apply_server_side_encryption_by_default { sse_algorithm = \"aws:kms\" (or \"AES256\" for log buckets) }.",
  check(bucket, { index }) {
    const alg = bucketSseAlgorithm(index, bucket);
    if (!alg) return [{ message: "no default server-side encryption is configured for this bucket" }];
    return ALGORITHMS.has(alg) ? [] : [{ message: `unknown sse_algorithm '${alg}'` }];
  },
};
