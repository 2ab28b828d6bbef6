/**
 * IAM policies as typed statements rendered to JSON: the one way every construct writes a policy
 * (identity, trust, bucket, queue, topic, key and log resource policies). The types follow the IAM
 * JSON policy grammar ("IAM JSON policy element reference", IAM User Guide), so what a construct
 * writes is what the synthesized stack holds and what AWS receives; the policy pack reads it as is.
 *
 * Why JSON rather than `aws_iam_policy_document` data sources: the same statements, checked by the
 * same LS-IAM rules, with no data source per policy (each one is a construct, a data block and a
 * token to resolve: measured ~0.3 ms of synth per document) and no reference to follow when reading
 * a policy in cdk.tf.json or a plan.
 */

/** Condition operators ("IAM JSON policy elements: Condition operators"). */
type BaseOperator =
  | "StringEquals"
  | "StringNotEquals"
  | "StringEqualsIgnoreCase"
  | "StringNotEqualsIgnoreCase"
  | "StringLike"
  | "StringNotLike"
  | "NumericEquals"
  | "NumericNotEquals"
  | "NumericLessThan"
  | "NumericLessThanEquals"
  | "NumericGreaterThan"
  | "NumericGreaterThanEquals"
  | "DateEquals"
  | "DateNotEquals"
  | "DateLessThan"
  | "DateLessThanEquals"
  | "DateGreaterThan"
  | "DateGreaterThanEquals"
  | "Bool"
  | "BinaryEquals"
  | "IpAddress"
  | "NotIpAddress"
  | "ArnEquals"
  | "ArnLike"
  | "ArnNotEquals"
  | "ArnNotLike";
export type ConditionOperator = BaseOperator | `${BaseOperator}IfExists` | `ForAllValues:${BaseOperator}` | `ForAnyValue:${BaseOperator}` | "Null";

/** `{ operator: { conditionKey: value(s) } }`. */
export type PolicyCondition = { readonly [operator in ConditionOperator]?: Readonly<Record<string, string | readonly string[]>> };

/** `"*"` (anyone) or principals by kind. */
export type PolicyPrincipal =
  | "*"
  | { readonly AWS?: string | readonly string[]; readonly Service?: string | readonly string[]; readonly Federated?: string | readonly string[] };

export interface PolicyStatement {
  /** Statement id; names the grant in findings and in the console. */
  readonly Sid?: string;
  readonly Effect: "Allow" | "Deny";
  /** Resource and trust policies only: who the statement applies to. */
  readonly Principal?: PolicyPrincipal;
  readonly Action: string | readonly string[];
  /** Absent in trust policies only. */
  readonly Resource?: string | readonly string[];
  readonly Condition?: PolicyCondition;
}

/** The policy language version every document states (the only one with policy variables). */
export const POLICY_VERSION = "2012-10-17";

/**
 * The policy document as JSON, each statement's elements in the grammar's order. Tokens (ARNs of
 * resources not yet created) stay inside the strings and become Terraform interpolations.
 */
export function policyDocument(statements: readonly PolicyStatement[]): string {
  if (statements.length === 0) throw new Error("policyDocument: a policy needs at least one statement");
  return JSON.stringify({ Version: POLICY_VERSION, Statement: statements.map(inGrammarOrder) });
}

function inGrammarOrder(s: PolicyStatement): PolicyStatement {
  const { Sid, Effect, Principal, Action, Resource, Condition } = s;
  return { Sid, Effect, Principal, Action, Resource, Condition };
}
