import { Construct } from "constructs";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import { LIVE_PREFIX } from "../../contracts";
import { policyDocument, serviceTrustPolicy } from "../iam-policy";

export interface MediaLiveRoleProps {
  readonly roleName: string;
  readonly accountId: string;
  readonly region: string;
  /** ARN of hls-bucket. */
  readonly hlsBucketArn: string;
  /** Prefix the channels write under. @default LIVE_PREFIX ("live/") */
  readonly livePrefix?: string;
  /** ARNs of the MediaPackage channels the pool feeds. */
  readonly mediaPackageChannelArns: string[];
  /** @default "aws" */
  readonly partition?: string;
}

/**
 * The MediaLive channels' role: write HLS under `live/` of hls-bucket, describe their own
 * MediaPackage channels, write their logs. The stream key is part of the input, so the channel
 * reads no secret at run time and gets no Secrets Manager access.
 */
export class MediaLiveRole extends Construct {
  readonly roleArn: string;

  constructor(scope: Construct, id: string, props: MediaLiveRoleProps) {
    super(scope, id);
    const prefix = props.livePrefix ?? LIVE_PREFIX;
    const partition = props.partition ?? "aws";
    // No condition: MediaLive documents no request context for AssumeRole (MediaLive User Guide,
    // "Step C: Create roles" gives this trust policy as is), and a condition it does not send would
    // stop every channel from starting. Only callers allowed iam:PassRole on this role in this account
    // can attach it to a channel.
    const role = new IamRole(this, "role", {
      name: props.roleName,
      description: "MediaLive pool channels: HLS to hls-bucket, feed to MediaPackage, logs",
      assumeRolePolicy: serviceTrustPolicy("medialive.amazonaws.com"),
    });
    const logGroup = `arn:${partition}:logs:${props.region}:${props.accountId}:log-group:ElementalMediaLive`;
    // The actions MediaLive documents for its trusted entity (MediaLive User Guide, "Reference: summary
    // of requirements for the MediaLive trusted entity": S3 HLS output, MediaPackage output, CloudWatch
    // Logs), each on the resources this pool uses.
    const access = policyDocument([
      // HLS output puts segments and manifests, and deletes segments that leave the window.
      { Sid: "WriteLiveHls", Effect: "Allow", Action: ["s3:PutObject", "s3:GetObject", "s3:DeleteObject"], Resource: [`${props.hlsBucketArn}/${prefix}*`] },
      // No s3:prefix condition: the documented policy has none, and a listing without that prefix
      // would be denied. The bucket holds nothing but live HLS.
      { Sid: "ListAndLocateHlsBucket", Effect: "Allow", Action: ["s3:ListBucket", "s3:GetBucketLocation"], Resource: [props.hlsBucketArn] },
      { Sid: "DescribeOwnMediaPackageChannels", Effect: "Allow", Action: ["mediapackage:DescribeChannel"], Resource: props.mediaPackageChannelArns },
      {
        Sid: "WriteChannelLogs",
        Effect: "Allow",
        Action: ["logs:CreateLogGroup", "logs:CreateLogStream", "logs:PutLogEvents", "logs:DescribeLogStreams", "logs:PutRetentionPolicy", "logs:PutMetricFilter"],
        Resource: [logGroup, `${logGroup}:*`],
      },
      // DescribeLogGroups takes no resource type (Service Authorization Reference): "*" only.
      { Sid: "FindChannelLogGroup", Effect: "Allow", Action: ["logs:DescribeLogGroups"], Resource: ["*"] },
    ]);
    new IamRolePolicy(this, "policy", { name: "medialive-pool", role: role.id, policy: access });
    this.roleArn = role.arn;
  }
}
