import type { Rule } from "../../engine/types";
import { policyStatements, type Statement } from "../support";

/** A Deny on every principal when aws:SecureTransport is false. */
export function deniesInsecureTransport(statements: readonly Statement[]): boolean {
  return statements.some(
    (s) => s.effect === "Deny" && s.conditions.some((c) => c.test === "Bool" && c.variable === "aws:SecureTransport" && c.values.map(String).includes("false")),
  );
}

export const bucketTlsOnlyPolicy: Rule = {
  id: "LS-S3-005",
  title: "S3 bucket policy denies requests without TLS",
  level: "error",
  checkov: [],
  trivy: [],
  resourceTypes: ["aws_s3_bucket"],
  rationale: "Encryption in transit for every client, including SDK calls that could be configured for plain HTTP (cdk-nag AwsSolutions-S10).",
  fix: "Attach an aws_s3_bucket_policy with a statement Effect=Deny, Principal=*, Action=s3:*, Resource=[bucket, bucket/*], Condition Bool aws:SecureTransport=false.",
  check(bucket, { index }) {
    const policies = index.pointingAt("aws_s3_bucket_policy", bucket, "bucket");
    if (policies.length === 0) return [{ message: "no aws_s3_bucket_policy refers to this bucket" }];
    const statements = policies.map((p) => policyStatements(index, p.attributes.policy));
    if (statements.some((s) => s && deniesInsecureTransport(s))) return [];
    if (statements.some((s) => s === undefined)) {
      return [{ message: "the bucket policy cannot be read statically (use an aws_iam_policy_document data source or literal JSON)" }];
    }
    return [{ message: "the bucket policy has no Deny statement on aws:SecureTransport = false" }];
  },
};
