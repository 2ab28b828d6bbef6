/**
 * Can a policy's `Resource` entry name a resource of a given SAR type? Both sides are patterns: the
 * policy's (`*` and `?` wildcards, Terraform references such as `${aws_s3_bucket.x.arn}/live/*`) and
 * the SAR's (`arn:${Partition}:s3:::${BucketName}/${ObjectName}`). The answer is whether some ARN
 * matches both.
 *
 * Terraform references: an ARN attribute of a resource type listed in {@link ARN_ATTRIBUTES} stands
 * for that SAR type's own pattern (so `${aws_s3_bucket.x.arn}` is a bucket, never an object); any
 * other ARN attribute is unknown and matches anything (the check cannot fail on it); a non-ARN
 * attribute (an id or a name) matches any text without `:`.
 */

/** One position of a pattern: a literal character, any one character, or any run of characters. */
type Element = { readonly kind: "lit"; readonly ch: string } | { readonly kind: "one" | "any"; readonly exclude: string };

/**
 * Terraform `<type>.<attribute>` values that are ARNs of a known SAR resource type
 * (`<service>/<resource type key>`).
 */
export const ARN_ATTRIBUTES: Readonly<Record<string, string>> = {
  "aws_cloudfront_distribution.arn": "cloudfront/distribution",
  "aws_cloudwatch_log_group.arn": "logs/log-group",
  "aws_db_instance.arn": "rds/db",
  "aws_db_instance.master_user_secret.secret_arn": "secretsmanager/secret",
  "aws_rds_cluster.arn": "rds/cluster",
  "aws_rds_cluster.master_user_secret.secret_arn": "secretsmanager/secret",
  "aws_rds_cluster_instance.arn": "rds/db",
  "aws_ecr_repository.arn": "ecr/repository",
  "aws_ecs_cluster.arn": "ecs/cluster",
  "aws_ecs_service.arn": "ecs/service",
  "aws_ecs_task_definition.arn": "ecs/task-definition",
  "aws_iam_role.arn": "iam/role",
  "aws_kms_key.arn": "kms/key",
  "aws_lambda_function.arn": "lambda/function",
  "aws_media_package_channel.arn": "mediapackage/channels",
  "aws_medialive_channel.arn": "medialive/channel",
  "aws_medialive_input.arn": "medialive/input",
  "aws_pipes_pipe.arn": "pipes/pipe",
  "aws_s3_bucket.arn": "s3/bucket",
  "aws_scheduler_schedule.arn": "scheduler/schedule",
  "aws_secretsmanager_secret.arn": "secretsmanager/secret",
  "aws_sns_topic.arn": "sns/topic",
  "aws_sqs_queue.arn": "sqs/queue",
};

const ANY: Element = { kind: "any", exclude: "" };
const NOT_COLON: Element = { kind: "any", exclude: ":" };

/** `aws_db_instance.x.master_user_secret[0].secret_arn` -> `aws_db_instance.master_user_secret.secret_arn`. */
function attributeKey(reference: string): string | undefined {
  const m = /^(?:data\.)?([a-z0-9_]+)\.[A-Za-z0-9_-]+\.(.+)$/.exec(reference.trim());
  if (!m) return undefined;
  return `${m[1]}.${m[2].replace(/\[\d+\]/g, "")}`;
}

/**
 * Pattern of a policy `Resource` entry. `arnPattern(service, type)` returns a SAR ARN pattern; it
 * resolves references to known ARN attributes.
 */
export function policyResourcePattern(resource: string, arnPattern: (service: string, type: string) => string | undefined): Element[] {
  const out: Element[] = [];
  let i = 0;
  while (i < resource.length) {
    if (resource.startsWith("${", i)) {
      const end = resource.indexOf("}", i);
      if (end < 0) break;
      out.push(...referencePattern(resource.slice(i + 2, end), arnPattern));
      i = end + 1;
      continue;
    }
    const ch = resource[i];
    out.push(ch === "*" ? ANY : ch === "?" ? { kind: "one", exclude: "" } : { kind: "lit", ch });
    i++;
  }
  return out;
}

function referencePattern(reference: string, arnPattern: (service: string, type: string) => string | undefined): Element[] {
  const key = attributeKey(reference);
  const sarType = key ? ARN_ATTRIBUTES[key] : undefined;
  if (sarType) {
    const [service, type] = sarType.split("/");
    const pattern = arnPattern(service, type);
    if (pattern) return sarArnPattern(pattern);
  }
  // An ARN of an unlisted type, a stack output or an expression: unknown, so it matches anything.
  if (!key || /arn$/i.test(key) || key.includes(".outputs.")) return [ANY];
  return [NOT_COLON]; // an id or a name

}

/**
 * A SAR ARN pattern: `${Var}` parts match one non-empty ARN field (no `:`), except the last, which
 * matches the non-empty rest (object keys and paths hold `:` and `/`); an S3 bucket name never
 * holds `/`, which is what tells a bucket ARN from an object ARN.
 */
export function sarArnPattern(arn: string): Element[] {
  const parts = arn.split(/(\$\{[^}]+\})/);
  const lastVariable = parts.map((p, i) => (p.startsWith("${") ? i : -1)).reduce((a, b) => Math.max(a, b), -1);
  const out: Element[] = [];
  parts.forEach((part, index) => {
    if (part.startsWith("${")) {
      const exclude = part === "${BucketName}" ? ":/" : index === lastVariable ? "" : ":";
      out.push({ kind: "one", exclude }, { kind: "any", exclude });
    } else {
      for (const ch of part) out.push({ kind: "lit", ch });
    }
  });
  return out;
}

/** True when some string matches both patterns. */
export function patternsIntersect(a: readonly Element[], b: readonly Element[]): boolean {
  const seen = new Set<number>();
  const width = b.length + 1;
  const stack: [number, number][] = [[0, 0]];
  const push = (i: number, j: number) => {
    const key = i * width + j;
    if (!seen.has(key)) {
      seen.add(key);
      stack.push([i, j]);
    }
  };
  while (stack.length > 0) {
    const [i, j] = stack.pop()!;
    if (i === a.length && j === b.length) return true;
    const x = a[i];
    const y = b[j];
    if (x?.kind === "any") push(i + 1, j); // the run matches nothing more
    if (y?.kind === "any") push(i, j + 1);
    if (!x || !y) continue;
    // Both consume one character, if one exists that both accept (two character classes always
    // share one: they exclude at most `:` and `/`). A run stays where it is after consuming.
    if (x.kind === "any" && y.kind === "any") continue; // back to the same state
    const feasible = x.kind === "lit" ? (y.kind === "lit" ? x.ch === y.ch : !y.exclude.includes(x.ch)) : y.kind === "lit" ? !x.exclude.includes(y.ch) : true;
    if (feasible) push(x.kind === "any" ? i : i + 1, y.kind === "any" ? j : j + 1);
  }
  return false;
}

/** True when a policy `Resource` entry can name a resource whose ARN follows the SAR pattern. */
export function resourceMatchesArnPattern(resource: string, sarArn: string, arnPattern: (service: string, type: string) => string | undefined): boolean {
  if (resource === "*") return true;
  return patternsIntersect(policyResourcePattern(resource, arnPattern), sarArnPattern(sarArn));
}
