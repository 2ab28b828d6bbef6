import { Construct } from "constructs";
import { CloudwatchLogGroup } from "@cdktf/provider-aws/lib/cloudwatch-log-group";
import { CloudwatchLogResourcePolicy } from "@cdktf/provider-aws/lib/cloudwatch-log-resource-policy";
import { WAF_LOG_DESTINATION_PREFIX } from "../../contracts/security";
import { logDeliveryPolicy } from "../iam-policy";

export interface RequestLogProps {
  /** Name after the mandatory `aws-waf-logs-` prefix, e.g. `livestream-dev-api`. */
  readonly name: string;
  readonly accountId: string;
  readonly region: string;
  /** KMS key the log group is encrypted with (its policy must let CloudWatch Logs in this region use it). */
  readonly kmsKeyArn: string;
  /** Days the log events are kept. */
  readonly retentionDays: number;
}

/**
 * The CloudWatch Logs destination of the web ACL's request log. WAF writes through the log delivery
 * service, which needs a resource policy on the log group; left to itself WAF would add this log
 * group to one shared, size-limited `AWSWAF-LOGS` policy, so the stack owns a policy of its own
 * ("Logs sent to CloudWatch Logs", CloudWatch Logs User Guide: delivery.logs.amazonaws.com, limited
 * to this account's deliveries).
 */
export class RequestLog extends Construct {
  /** Log group ARN (without the `:*` suffix, as WAF's log_destination_configs wants it). */
  readonly logGroupArn: string;
  readonly logGroupName: string;
  /** The resource policy: the logging configuration must wait for it. */
  readonly policy: CloudwatchLogResourcePolicy;

  constructor(scope: Construct, id: string, props: RequestLogProps) {
    super(scope, id);
    const group = new CloudwatchLogGroup(this, "group", {
      name: `${WAF_LOG_DESTINATION_PREFIX}${props.name}`,
      retentionInDays: props.retentionDays,
      kmsKeyId: props.kmsKeyArn,
    });
    this.logGroupArn = group.arn;
    this.logGroupName = group.name;
    this.policy = new CloudwatchLogResourcePolicy(this, "delivery-policy", {
      policyName: `${props.name}-waf-log-delivery`,
      policyDocument: logDeliveryPolicy({
        sid: "WafLogDeliveryWritesThisGroup",
        service: "delivery.logs.amazonaws.com",
        logStreams: `${group.arn}:log-stream:*`,
        accountId: props.accountId,
        sourceArn: `arn:aws:logs:${props.region}:${props.accountId}:*`,
      }),
    });
  }
}
