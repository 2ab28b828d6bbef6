import type { DataAwsIamPolicyDocumentStatement } from "@cdktf/provider-aws/lib/data-aws-iam-policy-document";

/**
 * A resource-policy statement that refuses every request made without TLS. Encryption at rest is
 * set on the resource; this closes the in-transit half for any caller, including same-account ones.
 *
 * @param service IAM service prefix, e.g. "sns" or "sqs"
 * @param resourceArns the resources the policy is attached to
 */
export function denyInsecureTransport(service: "sns" | "sqs", resourceArns: string[]): DataAwsIamPolicyDocumentStatement {
  return {
    sid: "DenyInsecureTransport",
    effect: "Deny",
    principals: [{ type: "*", identifiers: ["*"] }],
    // A deny on every action of this one service, scoped to these resources only.
    actions: [`${service}:*`],
    resources: resourceArns,
    condition: [{ test: "Bool", variable: "aws:SecureTransport", values: ["false"] }],
  };
}
