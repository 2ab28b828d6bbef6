/** Statements several constructs write: one definition each. */
import type { PolicyCondition, PolicyStatement } from "./policy-document";
import { policyDocument } from "./policy-document";

/**
 * Refuses every request made without TLS, by anyone, to these resources: encryption at rest is set on
 * the resource, this closes the in-transit half for every caller, same-account ones included
 * ("Security best practices for Amazon S3", aws:SecureTransport; the same key for SNS and SQS).
 *
 * @param service IAM service prefix of the resources: the deny covers that service's actions only
 */
export function denyInsecureTransport(service: "s3" | "sns" | "sqs", resources: readonly string[]): PolicyStatement {
  return {
    Sid: "DenyInsecureTransport",
    Effect: "Deny",
    Principal: "*",
    Action: `${service}:*`,
    Resource: resources,
    Condition: { Bool: { "aws:SecureTransport": "false" } },
  };
}

/** The TLS-only statement of a bucket policy: the bucket and every object in it. */
export function denyInsecureBucketTransport(bucketArn: string): PolicyStatement {
  return denyInsecureTransport("s3", [bucketArn, `${bucketArn}/*`]);
}

/**
 * The condition a service principal's request must meet to act for this account only (the
 * confused-deputy guard, "The confused deputy problem", IAM User Guide): aws:SourceAccount, and,
 * when given, aws:SourceArn matched with `sourceArnOperator`.
 */
export function fromAccount(accountId: string, sourceArn?: string | readonly string[], sourceArnOperator: "ArnLike" | "ArnEquals" = "ArnLike"): PolicyCondition {
  return {
    StringEquals: { "aws:SourceAccount": accountId },
    ...(sourceArn === undefined ? {} : { [sourceArnOperator]: { "aws:SourceArn": sourceArn } }),
  };
}

/**
 * The trust policy of a role one AWS service assumes. Leave `condition` out only where the service
 * documents no request context for AssumeRole (a condition it does not send denies every call).
 */
export function serviceTrustPolicy(service: string, condition?: PolicyCondition): string {
  return policyDocument([{ Effect: "Allow", Principal: { Service: service }, Action: "sts:AssumeRole", Condition: condition }]);
}

/** Trust for ECS tasks (their execution and task roles) of this account and region only. */
export function ecsTasksTrustPolicy(accountId: string, region: string): string {
  return serviceTrustPolicy("ecs-tasks.amazonaws.com", fromAccount(accountId, `arn:aws:ecs:${region}:${accountId}:*`));
}

export interface LogDeliveryPolicyProps {
  readonly sid: string;
  /** The service principal that writes, e.g. route53.amazonaws.com. */
  readonly service: string;
  /** The log streams it may create and write (`<log group ARN>:*` or `...:log-stream:*`). */
  readonly logStreams: string;
  /** The account it writes for, and the ARN (pattern) of what it writes about. */
  readonly accountId: string;
  readonly sourceArn: string;
}

/** A CloudWatch Logs resource policy letting one service write one log group, for this account's source only. */
export function logDeliveryPolicy(props: LogDeliveryPolicyProps): string {
  return policyDocument([
    {
      Sid: props.sid,
      Effect: "Allow",
      Principal: { Service: props.service },
      Action: ["logs:CreateLogStream", "logs:PutLogEvents"],
      Resource: props.logStreams,
      Condition: fromAccount(props.accountId, props.sourceArn),
    },
  ]);
}
