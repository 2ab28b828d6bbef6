import type { TerraformProvider } from "cdktf";
import { Construct } from "constructs";
import { CloudwatchLogGroup } from "@cdktf/provider-aws/lib/cloudwatch-log-group";
import { CloudwatchLogResourcePolicy } from "@cdktf/provider-aws/lib/cloudwatch-log-resource-policy";
import { Route53QueryLog } from "@cdktf/provider-aws/lib/route53-query-log";
import { logDeliveryPolicy } from "../iam-policy";

export interface ZoneQueryLogProps {
  readonly namePrefix: string;
  readonly accountId: string;
  readonly zoneId: string;
  readonly zoneName: string;
  /** Provider aliased to us-east-1: Route 53 only logs to log groups there. */
  readonly usEast1Provider: TerraformProvider;
  /** A us-east-1 KMS key whose policy lets CloudWatch Logs in us-east-1 use it. */
  readonly kmsKeyArn: string;
  readonly retentionDays: number;
}

/**
 * DNS query logging for a public hosted zone ("CreateQueryLoggingConfig", Route 53 API Reference):
 * a log group in us-east-1 under /aws/route53/, and a CloudWatch Logs resource policy there that lets
 * Route 53 write to it on behalf of this account's zone only.
 */
export class ZoneQueryLog extends Construct {
  readonly logGroupName: string;

  constructor(scope: Construct, id: string, props: ZoneQueryLogProps) {
    super(scope, id);
    const provider = props.usEast1Provider;
    const group = new CloudwatchLogGroup(this, "group", {
      provider,
      name: `/aws/route53/${props.zoneName}`,
      retentionInDays: props.retentionDays,
      kmsKeyId: props.kmsKeyArn,
    });
    this.logGroupName = group.name;
    const policy = new CloudwatchLogResourcePolicy(this, "route53-writes", {
      provider,
      policyName: `${props.namePrefix}-route53-query-logs`,
      policyDocument: logDeliveryPolicy({
        sid: "Route53LogsThisZonesQueries",
        service: "route53.amazonaws.com",
        logStreams: `${group.arn}:*`,
        accountId: props.accountId,
        sourceArn: `arn:aws:route53:::hostedzone/${props.zoneId}`,
      }),
    });
    new Route53QueryLog(this, "config", {
      provider,
      zoneId: props.zoneId,
      cloudwatchLogGroupArn: group.arn,
      // Route 53 checks that it may write before it accepts the configuration.
      dependsOn: [policy],
    });
  }
}
