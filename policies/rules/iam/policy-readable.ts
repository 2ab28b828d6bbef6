import { policyDocumentsOf } from "../../engine/iam-documents";
import type { Rule } from "../../engine/types";
import { POLICY_RESOURCE_TYPES } from "./statements";

export const policyReadable: Rule = {
  id: "LS-IAM-006",
  title: "Every policy document is literal JSON or an aws_iam_policy_document, so the SAR rules can read it",
  level: "warning",
  checkov: [],
  trivy: [],
  resourceTypes: POLICY_RESOURCE_TYPES,
  rationale: "The SAR rules (LS-IAM-002..005) read documents statically; one written as an HCL expression (jsonencode, file, another attribute) escapes them.",
  fix: "Build the document with JSON.stringify (Terraform references inside strings are fine) or a DataAwsIamPolicyDocument.",
  check(resource) {
    return policyDocumentsOf(resource).unreadable.map((u) => ({ message: u.reason }));
  },
};
