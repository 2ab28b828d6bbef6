import { block } from "../../engine/attributes";
import type { Rule } from "../../engine/types";
import { isLogDestination } from "../support";

export const bucketAccessLogging: Rule = {
  id: "LS-S3-004",
  title: "S3 bucket has server access logging (log buckets excepted)",
  level: "error",
  checkov: ["CKV_AWS_18"],
  trivy: ["AVD-AWS-0089"],
  resourceTypes: ["aws_s3_bucket"],
  rationale: "Access logs show who read or deleted media. Buckets that receive logs are exempt: logging them would log the logging.",
  fix: "Add an aws_s3_bucket_logging for the bucket with target_bucket = the platform's log bucket and a target_prefix per bucket.",
  check(bucket, { index }) {
    if (isLogDestination(index, bucket)) return [];
    const logged = index.pointingAt("aws_s3_bucket_logging", bucket, "bucket").length > 0 || !!block(bucket.attributes.logging).target_bucket;
    return logged ? [] : [{ message: "no aws_s3_bucket_logging refers to this bucket and it is not a log destination" }];
  },
};
