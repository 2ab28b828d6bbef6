import { Construct } from "constructs";
import { CloudwatchLogGroup } from "@cdktf/provider-aws/lib/cloudwatch-log-group";
import { FlowLog } from "@cdktf/provider-aws/lib/flow-log";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import { DEFAULT_LOG_RETENTION_DAYS, isLogRetentionDays, LOG_RETENTION_DAYS } from "../../contracts";
import { fromAccount, policyDocument, serviceTrustPolicy } from "../iam-policy";

export interface VpcFlowLogProps {
  /** Prefix of every name, e.g. `livestream-dev`. */
  readonly namePrefix: string;
  /** The VPC whose traffic is logged. */
  readonly vpcId: string;
  /** KMS key ARN encrypting the log group. */
  readonly kmsKeyArn: string;
  /** Account id; the flow-logs service may assume the role only for this account. */
  readonly accountId: string;
  /** Region of the VPC. */
  readonly region: string;
  /** Days the log group keeps records (a CloudWatch Logs retention value). @default DEFAULT_LOG_RETENTION_DAYS (30) */
  readonly retentionDays?: number;
}

/** Flow logs of all VPC traffic (accepted and rejected) to an encrypted CloudWatch log group. */
export class VpcFlowLog extends Construct {
  /** Name of the log group holding the flow records. */
  readonly logGroupName: string;
  /** ARN of that log group. */
  readonly logGroupArn: string;

  constructor(scope: Construct, id: string, props: VpcFlowLogProps) {
    super(scope, id);
    const retentionDays = props.retentionDays ?? DEFAULT_LOG_RETENTION_DAYS;
    if (!isLogRetentionDays(retentionDays)) {
      throw new Error(`VpcFlowLog: retentionDays ${retentionDays} is not a CloudWatch Logs retention; use one of ${LOG_RETENTION_DAYS.join(", ")}`);
    }

    const logGroup = new CloudwatchLogGroup(this, "log-group", {
      name: `/aws/vpc-flow-logs/${props.namePrefix}`,
      retentionInDays: retentionDays,
      kmsKeyId: props.kmsKeyArn,
    });

    // Only the flow-logs service, and only for flow logs in this account, may assume the role
    // (guards against a confused deputy).
    const trust = serviceTrustPolicy("vpc-flow-logs.amazonaws.com", fromAccount(props.accountId, [`arn:aws:ec2:${props.region}:${props.accountId}:vpc-flow-log/*`]));
    const role = new IamRole(this, "role", {
      name: `${props.namePrefix}-vpc-flow-logs`,
      description: "Lets VPC flow logs write to its own log group",
      assumeRolePolicy: trust,
    });
    // The actions AWS documents for the flow-logs role (Amazon VPC User Guide, "IAM role for publishing
    // flow logs to CloudWatch Logs"), on this log group; DescribeLogGroups takes no resource type
    // (Service Authorization Reference), so it can only be granted on "*".
    const write = policyDocument([
      {
        Sid: "WriteFlowLogGroup",
        Effect: "Allow",
        Action: ["logs:CreateLogGroup", "logs:CreateLogStream", "logs:PutLogEvents", "logs:DescribeLogStreams"],
        Resource: [logGroup.arn, `${logGroup.arn}:*`],
      },
      { Sid: "FindLogGroups", Effect: "Allow", Action: ["logs:DescribeLogGroups"], Resource: ["*"] },
    ]);
    new IamRolePolicy(this, "write-policy", { name: "write-flow-log-group", role: role.id, policy: write });

    new FlowLog(this, "flow-log", {
      vpcId: props.vpcId,
      trafficType: "ALL",
      logDestinationType: "cloud-watch-logs",
      logDestination: logGroup.arn,
      iamRoleArn: role.arn,
      tags: { Name: `${props.namePrefix}-vpc` },
    });

    this.logGroupName = logGroup.name;
    this.logGroupArn = logGroup.arn;
  }
}
