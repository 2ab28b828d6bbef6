/**
 * Every IAM policy document a synthesized stack holds, normalized for the SAR rules: identity
 * policies (`aws_iam_policy`, inline role/user/group policies), trust policies, resource policies
 * (bucket, queue, topic, key, repository, secret, log resource policies) and
 * `aws_iam_policy_document` data sources, written as literal JSON (what `JSON.stringify` and
 * cdktf's escape hatches produce) or as data-source statements.
 *
 * What cannot be read statically is reported instead of guessed: a policy that is an HCL
 * expression (`jsonencode(...)`, `file(...)`, another resource's attribute). Managed policies
 * attached by ARN (`aws_iam_role_policy_attachment`, `managed_policy_arns`) are AWS's or another
 * stack's documents and are not read; `aws_iam_policy` resources of this stack are.
 */
import { asStrings, blocks, parseJson, type Attrs } from "./attributes";
import type { SynthesizedResource } from "./types";

/** How a document is used: decides which checks apply (a trust policy names no resources). */
export type PolicyKind = "identity" | "resource" | "trust" | "document";

export interface IamStatement {
  /** `Sid`, or `#<n>` (1-based) when the statement has none. */
  readonly label: string;
  readonly effect: "Allow" | "Deny";
  readonly actions: readonly string[];
  readonly notActions: readonly string[];
  readonly resources: readonly string[];
  readonly notResources: readonly string[];
  /** Condition keys (`aws:SourceAccount`, `s3:prefix`), operators dropped. */
  readonly conditionKeys: readonly string[];
}

export interface IamDocument {
  /** Attribute holding it, e.g. `policy`, `assume_role_policy`, `inline_policy[0].policy`, `statement`. */
  readonly attribute: string;
  readonly kind: PolicyKind;
  readonly statements: readonly IamStatement[];
}

export interface UnreadableDocument {
  readonly attribute: string;
  readonly reason: string;
}

export interface StackResourcePolicies {
  readonly documents: readonly IamDocument[];
  readonly unreadable: readonly UnreadableDocument[];
}

/** Policy-bearing attributes per Terraform type (inline role policies are handled on their own). */
const POLICY_ATTRIBUTES: Readonly<Record<string, readonly (readonly [attribute: string, kind: PolicyKind])[]>> = {
  aws_iam_policy: [["policy", "identity"]],
  aws_iam_role_policy: [["policy", "identity"]],
  aws_iam_user_policy: [["policy", "identity"]],
  aws_iam_group_policy: [["policy", "identity"]],
  aws_iam_role: [["assume_role_policy", "trust"]],
  aws_s3_bucket: [["policy", "resource"]],
  aws_s3_bucket_policy: [["policy", "resource"]],
  aws_sqs_queue: [["policy", "resource"]],
  aws_sqs_queue_policy: [["policy", "resource"]],
  aws_sns_topic: [["policy", "resource"]],
  aws_sns_topic_policy: [["policy", "resource"]],
  aws_kms_key: [["policy", "resource"]],
  aws_kms_key_policy: [["policy", "resource"]],
  aws_ecr_repository_policy: [["policy", "resource"]],
  aws_ecr_registry_policy: [["policy", "resource"]],
  aws_secretsmanager_secret: [["policy", "resource"]],
  aws_secretsmanager_secret_policy: [["policy", "resource"]],
  aws_cloudwatch_log_resource_policy: [["policy_document", "resource"]],
  aws_cloudwatch_event_bus_policy: [["policy", "resource"]],
  aws_vpc_endpoint: [["policy", "resource"]],
};

/** Every Terraform type whose policies are read (data sources as `data.<type>`). */
export const POLICY_RESOURCE_TYPES: readonly string[] = [...Object.keys(POLICY_ATTRIBUTES), "data.aws_iam_policy_document"];

/** A reference to a data source's rendered JSON: that data source is read on its own. */
const DOCUMENT_REFERENCE = /^\$\{data\.aws_iam_policy_document\.[\w-]+\.(json|minified_json)\}$/;

/** The policy documents one resource holds, and those it holds that cannot be read statically. */
export function policyDocumentsOf(resource: SynthesizedResource): StackResourcePolicies {
  const documents: IamDocument[] = [];
  const unreadable: UnreadableDocument[] = [];
  if (resource.kind === "data") {
    if (resource.type !== "aws_iam_policy_document") return { documents, unreadable };
    documents.push({ attribute: "statement", kind: "document", statements: blocks(resource.attributes.statement).map(fromDataStatement) });
    for (const attribute of ["source_policy_documents", "override_policy_documents"]) {
      asStrings(resource.attributes[attribute]).forEach((value, i) => read(`${attribute}[${i}]`, "document", value, documents, unreadable));
    }
    return { documents, unreadable };
  }
  for (const [attribute, kind] of POLICY_ATTRIBUTES[resource.type] ?? []) read(attribute, kind, resource.attributes[attribute], documents, unreadable);
  if (resource.type === "aws_iam_role") {
    blocks(resource.attributes.inline_policy).forEach((p, i) => read(`inline_policy[${i}].policy`, "identity", p.policy, documents, unreadable));
  }
  return { documents, unreadable };
}

function read(attribute: string, kind: PolicyKind, value: unknown, documents: IamDocument[], unreadable: UnreadableDocument[]): void {
  if (value === undefined || value === null || value === "") return;
  if (typeof value === "string" && DOCUMENT_REFERENCE.test(value.trim())) return;
  const json = parseJson(value);
  if (json && typeof json === "object" && !Array.isArray(json)) {
    documents.push({ attribute, kind, statements: blocks((json as Attrs).Statement).map(fromJsonStatement) });
    return;
  }
  const text = typeof value === "string" ? value.trim() : JSON.stringify(value);
  unreadable.push({ attribute, reason: `${attribute} is not literal JSON (${text.length > 60 ? `${text.slice(0, 57)}...` : text}); write it with JSON.stringify or an aws_iam_policy_document` });
}

function fromJsonStatement(s: Attrs, index: number): IamStatement {
  const conditionKeys: string[] = [];
  for (const variables of Object.values((s.Condition ?? {}) as Record<string, unknown>)) {
    if (variables && typeof variables === "object") conditionKeys.push(...Object.keys(variables as object));
  }
  return {
    label: typeof s.Sid === "string" && s.Sid !== "" ? s.Sid : `#${index + 1}`,
    effect: s.Effect === "Deny" ? "Deny" : "Allow",
    actions: asStrings(s.Action),
    notActions: asStrings(s.NotAction),
    resources: asStrings(s.Resource),
    notResources: asStrings(s.NotResource),
    conditionKeys,
  };
}

function fromDataStatement(s: Attrs, index: number): IamStatement {
  return {
    label: typeof s.sid === "string" && s.sid !== "" ? s.sid : `#${index + 1}`,
    effect: s.effect === "Deny" ? "Deny" : "Allow",
    actions: asStrings(s.actions),
    notActions: asStrings(s.not_actions),
    resources: asStrings(s.resources),
    notResources: asStrings(s.not_resources),
    conditionKeys: blocks(s.condition).map((c) => String(c.variable)),
  };
}
