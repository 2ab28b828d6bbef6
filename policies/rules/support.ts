/** Cross-resource look-ups shared by several rules. */
import { asStrings, blocks, block, isExpression, jsonStatements, parseJson, type Attrs } from "../engine/attributes";
import type { StackIndex } from "../engine/stack-index";
import type { SynthesizedResource } from "../engine/types";

/** An IAM statement normalized from a JSON document or an aws_iam_policy_document data source. */
export interface Statement {
  readonly effect: "Allow" | "Deny";
  readonly actions: string[];
  readonly notActions: string[];
  readonly resources: string[];
  readonly conditions: { test: string; variable: string; values: string[] }[];
}

function fromJson(s: Attrs): Statement {
  const conditions: Statement["conditions"] = [];
  const cond = (s.Condition ?? {}) as Record<string, Record<string, unknown>>;
  for (const [test, vars] of Object.entries(cond)) {
    for (const [variable, values] of Object.entries(vars ?? {})) conditions.push({ test, variable, values: asStrings(values).map(String) });
  }
  return {
    effect: s.Effect === "Deny" ? "Deny" : "Allow",
    actions: asStrings(s.Action),
    notActions: asStrings(s.NotAction),
    resources: asStrings(s.Resource),
    conditions,
  };
}

/** Statements of an aws_iam_policy_document data source. */
export function documentStatements(doc: SynthesizedResource): Statement[] {
  return blocks(doc.attributes.statement).map((s) => ({
    effect: s.effect === "Deny" ? "Deny" : "Allow",
    actions: asStrings(s.actions),
    notActions: asStrings(s.not_actions),
    resources: asStrings(s.resources),
    conditions: blocks(s.condition).map((c) => ({ test: String(c.test), variable: String(c.variable), values: asStrings(c.values) })),
  }));
}

/**
 * Statements of a `policy` attribute: literal JSON, or a reference to an aws_iam_policy_document's
 * json. Undefined when the document cannot be read statically (e.g. a jsonencode() expression).
 */
export function policyStatements(index: StackIndex, policy: unknown): Statement[] | undefined {
  const json = parseJson(policy);
  if (json !== undefined) return jsonStatements(json).map(fromJson);
  if (typeof policy === "string" && /^\$\{data\.aws_iam_policy_document\.[\w-]+\.json\}$/.test(policy.trim())) {
    const doc = index.referencedResources(policy).find((r) => r.type === "aws_iam_policy_document");
    if (doc) return documentStatements(doc);
  }
  return undefined;
}

/** True when the document references a data source whose statements are checked on their own. */
export function isDocumentReference(policy: unknown): boolean {
  return typeof policy === "string" && /data\.aws_iam_policy_document\./.test(policy);
}

/** Buckets that receive logs (S3 server access logs, ALB access logs, CloudFront standard logs, CloudTrail). */
export function isLogDestination(index: StackIndex, bucket: SynthesizedResource): boolean {
  if (index.ofType("aws_cloudtrail").some((t) => index.identifies(t.attributes.s3_bucket_name, bucket))) return true;
  if (index.ofType("aws_s3_bucket_logging").some((l) => index.identifies(l.attributes.target_bucket, bucket))) return true;
  if (index.ofType("aws_s3_bucket").some((b) => b !== bucket && index.identifies(block(b.attributes.logging).target_bucket, bucket))) return true;
  for (const lb of [...index.ofType("aws_lb"), ...index.ofType("aws_alb")]) {
    if (index.identifies(block(lb.attributes.access_logs).bucket, bucket)) return true;
  }
  for (const cf of index.ofType("aws_cloudfront_distribution")) {
    const target = block(cf.attributes.logging_config).bucket;
    if (index.refersTo(target, bucket)) return true;
    const name = bucket.attributes.bucket;
    if (typeof target === "string" && typeof name === "string" && !isExpression(name) && target.startsWith(`${name}.s3`)) return true;
  }
  return false;
}

/** Every resource attribute that names a dead-letter target (ARN or queue reference). */
function deadLetterTargets(index: StackIndex): unknown[] {
  const targets: unknown[] = [];
  for (const q of index.ofType("aws_sqs_queue")) targets.push(redriveTarget(q.attributes.redrive_policy));
  for (const p of index.ofType("aws_sqs_queue_redrive_policy")) targets.push(redriveTarget(p.attributes.redrive_policy));
  for (const f of index.ofType("aws_lambda_function")) targets.push(block(f.attributes.dead_letter_config).target_arn);
  for (const c of index.ofType("aws_lambda_function_event_invoke_config")) targets.push(block(block(c.attributes.destination_config).on_failure).destination);
  for (const m of index.ofType("aws_lambda_event_source_mapping")) targets.push(block(block(m.attributes.destination_config).on_failure).destination_arn);
  for (const s of index.ofType("aws_scheduler_schedule")) targets.push(block(block(s.attributes.target).dead_letter_config).arn);
  for (const s of index.ofType("aws_sns_topic_subscription")) targets.push(redriveTarget(s.attributes.redrive_policy));
  for (const t of index.ofType("aws_cloudwatch_event_target")) targets.push(block(t.attributes.dead_letter_config).arn);
  return targets.filter((t) => t !== undefined);
}

/** deadLetterTargetArn of a redrive policy (JSON string, object or expression). */
export function redriveTarget(policy: unknown): unknown {
  if (policy === undefined || policy === null) return undefined;
  const json = parseJson(policy);
  if (json && typeof json === "object") return (json as Attrs).deadLetterTargetArn;
  return policy; // an expression (jsonencode(...)): the whole text, searched for references
}

/** True when the queue is some other resource's dead-letter target. */
export function isDeadLetterQueue(index: StackIndex, queue: SynthesizedResource): boolean {
  const name = String(queue.attributes.name ?? queue.attributes.name_prefix ?? "");
  if (/(^|[-_])(dlq|dead-?letter)([-_.]|$)/i.test(name)) return true;
  return deadLetterTargets(index).some((t) => index.identifies(t, queue));
}

/** The queue's redrive (dead-letter) configuration: inline or as aws_sqs_queue_redrive_policy. */
export function queueRedrive(index: StackIndex, queue: SynthesizedResource): unknown {
  if (queue.attributes.redrive_policy) return queue.attributes.redrive_policy;
  return index.ofType("aws_sqs_queue_redrive_policy").find((p) => index.refersTo(p.attributes.queue_url, queue))?.attributes.redrive_policy;
}

/** Alarms (aws_cloudwatch_metric_alarm) watching a metric with a dimension that identifies target. */
export function alarmsOn(index: StackIndex, dimension: string, target: SynthesizedResource): SynthesizedResource[] {
  return index.ofType("aws_cloudwatch_metric_alarm").filter((a) => {
    const dims = [a.attributes.dimensions, ...blocks(a.attributes.metric_query).map((q) => block(q.metric).dimensions)];
    return dims.some((d) => d && typeof d === "object" && index.identifies((d as Attrs)[dimension], target));
  });
}

const ASYNC_PRINCIPALS = /^(s3|sns|events|scheduler|logs|ses|iot|cloudwatch)\.amazonaws\.com$|^logs\./;

/**
 * True when AWS invokes the function asynchronously (S3/SNS/EventBridge/Scheduler triggers, an
 * event-invoke config): failed events are then retried twice and dropped unless a DLQ catches them.
 */
export function isInvokedAsynchronously(index: StackIndex, fn: SynthesizedResource): boolean {
  if (index.ofType("aws_lambda_function_event_invoke_config").some((c) => index.identifies(c.attributes.function_name, fn))) return true;
  if (index.ofType("aws_lambda_permission").some((p) => index.identifies(p.attributes.function_name, fn) && ASYNC_PRINCIPALS.test(String(p.attributes.principal)))) return true;
  if (index.ofType("aws_s3_bucket_notification").some((n) => blocks(n.attributes.lambda_function).some((l) => index.identifies(l.lambda_function_arn, fn)))) return true;
  if (index.ofType("aws_sns_topic_subscription").some((s) => s.attributes.protocol === "lambda" && index.identifies(s.attributes.endpoint, fn))) return true;
  if (index.ofType("aws_cloudwatch_event_target").some((t) => index.identifies(t.attributes.arn, fn))) return true;
  if (index.ofType("aws_scheduler_schedule").some((s) => index.identifies(block(s.attributes.target).arn, fn))) return true;
  return false;
}

/** The function's failure destination: a DLQ or an on-failure destination of its event-invoke config. */
export function lambdaFailureTarget(index: StackIndex, fn: SynthesizedResource): unknown {
  const dlq = block(fn.attributes.dead_letter_config).target_arn;
  if (dlq) return dlq;
  const config = index.ofType("aws_lambda_function_event_invoke_config").find((c) => index.identifies(c.attributes.function_name, fn));
  return config ? block(block(config.attributes.destination_config).on_failure).destination : undefined;
}

export { block, blocks };
