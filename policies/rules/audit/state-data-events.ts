import { asStrings, blocks, block, isExpression, isFalse, type Attrs } from "../../engine/attributes";
import type { StackIndex } from "../../engine/stack-index";
import type { Rule, SynthesizedResource } from "../../engine/types";
import { DATA_CLASS_TAG, TERRAFORM_STATE_DATA_CLASS } from "../../../contracts/security";

/** True when a classic data_resource selects the bucket's objects: `arn:aws:s3` (all buckets) or `arn:aws:s3:::<bucket>/`. */
function selectsBucket(index: StackIndex, resource: Attrs, bucket: SynthesizedResource): boolean {
  if (resource.type !== "AWS::S3::Object") return false;
  const name = bucket.attributes.bucket;
  return asStrings(resource.values).some(
    (v) => v === "arn:aws:s3" || v === "arn:aws:s3:::" || (typeof name === "string" && !isExpression(name) && v === `arn:aws:s3:::${name}/`) || index.refersTo(v, bucket),
  );
}

export const stateBucketDataEvents: Rule = {
  id: "LS-AUDIT-004",
  title: "Every read and write of Terraform state is recorded by a CloudTrail trail (S3 data events)",
  level: "error",
  checkov: [],
  trivy: ["AVD-AWS-0171", "AVD-AWS-0172"],
  resourceTypes: ["aws_s3_bucket"],
  rationale: `State holds every resource's secrets and identifiers: who read or replaced it, and from where, must be on record. The bucket is found by its ${DATA_CLASS_TAG} = ${TERRAFORM_STATE_DATA_CLASS} tag.`,
  fix: "Add an aws_cloudtrail (enable_logging not false) with event_selector { read_write_type = \"All\" data_resource { type = \"AWS::S3::Object\", values = [\"arn:aws:s3:::<bucket>/\"] } } (constructs/state-audit-trail).",
  check(bucket, { index }) {
    if (block(bucket.attributes.tags)[DATA_CLASS_TAG] !== TERRAFORM_STATE_DATA_CLASS) return [];
    const covered = index
      .ofType("aws_cloudtrail")
      .filter((t) => !isFalse(t.attributes.enable_logging))
      .flatMap((t) => blocks(t.attributes.event_selector))
      .filter((s) => blocks(s.data_resource).some((r) => selectsBucket(index, r, bucket)))
      .map((s) => String(s.read_write_type ?? "All"));
    if (covered.includes("All") || (covered.includes("ReadOnly") && covered.includes("WriteOnly"))) return [];
    return [{ message: covered.length ? `only ${covered.join(", ")} data events are recorded for this state bucket` : "no CloudTrail trail in this stack records this state bucket's data events" }];
  },
};
