import { blocks } from "../../engine/attributes";
import type { Rule, Violation } from "../../engine/types";
import { documentStatements, isDocumentReference, policyStatements, type Statement } from "../support";

const isWildcardAction = (a: string) => a === "*" || a === "*:*";

/** Violations for Allow statements granting `*` actions on `*` resources. */
export function adminStatements(statements: readonly Statement[]): Violation[] {
  return statements
    .filter((s) => s.effect === "Allow" && s.actions.some(isWildcardAction) && s.resources.includes("*"))
    .map(() => ({ message: "a statement allows Action \"*\" on Resource \"*\" (full administrator access)" }));
}

export const noAdminWildcard: Rule = {
  id: "LS-IAM-001",
  title: "No IAM statement allows `*` on `*`",
  level: "error",
  checkov: ["CKV_AWS_1", "CKV_AWS_62", "CKV_AWS_63"],
  trivy: ["AVD-AWS-0057"],
  resourceTypes: ["aws_iam_policy", "aws_iam_role_policy", "aws_iam_user_policy", "aws_iam_group_policy", "aws_iam_role", "data.aws_iam_policy_document"],
  rationale: "Least privilege: a compromised task, function or operator key must not own the account.",
  fix: "List the actions the principal calls and scope Resource to the ARNs it touches.",
  check(r, { index }) {
    if (r.type === "aws_iam_policy_document") return adminStatements(documentStatements(r));
    const docs = r.type === "aws_iam_role" ? blocks(r.attributes.inline_policy).map((p) => p.policy) : [r.attributes.policy];
    const out: Violation[] = [];
    for (const doc of docs) {
      if (doc === undefined || isDocumentReference(doc)) continue; // data sources are checked on their own
      const statements = policyStatements(index, doc);
      if (statements) out.push(...adminStatements(statements));
      else if (typeof doc === "string" && /"Action"\s*:\s*"\*"/.test(doc)) out.push({ message: "the policy appears to allow Action \"*\"" });
    }
    return out;
  },
};
