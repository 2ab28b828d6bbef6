import { block } from "../../engine/attributes";
import type { Rule, SynthesizedResource } from "../../engine/types";

/** A bucket that holds recordings: its name, name prefix or construct path says so. */
export function holdsRecordings(bucket: SynthesizedResource): boolean {
  const text = [bucket.attributes.bucket, bucket.attributes.bucket_prefix, bucket.path.split("/").slice(1).join("/")].filter((v) => typeof v === "string").join(" ");
  return /record/i.test(text) && !/(^|[-_/ ])logs?([-_/ ]|$)/i.test(text);
}

export const recordingsBucketVersioning: Rule = {
  id: "LS-S3-003",
  title: "Recordings bucket has versioning enabled",
  level: "error",
  checkov: ["CKV_AWS_21"],
  trivy: ["AVD-AWS-0090"],
  resourceTypes: ["aws_s3_bucket"],
  rationale: "Recorded sessions cannot be recreated: versioning keeps an overwritten or deleted recording recoverable.",
  fix: "Add an aws_s3_bucket_versioning for the bucket with versioning_configuration { status = \"Enabled\" } (and a lifecycle rule expiring noncurrent versions).",
  check(bucket, { index }) {
    if (!holdsRecordings(bucket)) return [];
    const enabled =
      index.pointingAt("aws_s3_bucket_versioning", bucket, "bucket").some((v) => block(v.attributes.versioning_configuration).status === "Enabled") ||
      block(bucket.attributes.versioning).enabled === true;
    return enabled ? [] : [{ message: "the bucket holds recordings but versioning is not enabled" }];
  },
};
