import { Construct } from "constructs";
import { DataAwsIamPolicyDocument } from "@cdktf/provider-aws/lib/data-aws-iam-policy-document";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";

export interface MediaLiveRoleProps {
  readonly roleName: string;
  readonly accountId: string;
  readonly region: string;
  /** ARN of hls-bucket. */
  readonly hlsBucketArn: string;
  /** Prefix the channels write under. @default "live/" */
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
    const prefix = props.livePrefix ?? "live/";
    const partition = props.partition ?? "aws";
    // No condition: MediaLive documents no request context for AssumeRole (MediaLive User Guide,
    // "Step C: Create roles" gives this trust policy as is), and a condition it does not send would
    // stop every channel from starting. Only callers allowed iam:PassRole on this role in this account
    // can attach it to a channel.
    const trust = new DataAwsIamPolicyDocument(this, "trust", {
      statement: [{ actions: ["sts:AssumeRole"], principals: [{ type: "Service", identifiers: ["medialive.amazonaws.com"] }] }],
    });
    const role = new IamRole(this, "role", {
      name: props.roleName,
      description: "MediaLive pool channels: HLS to hls-bucket, feed to MediaPackage, logs",
      assumeRolePolicy: trust.json,
    });
    const logGroup = `arn:${partition}:logs:${props.region}:${props.accountId}:log-group:ElementalMediaLive`;
    // The actions MediaLive documents for its trusted entity (MediaLive User Guide, "Reference: summary
    // of requirements for the MediaLive trusted entity": S3 HLS output, MediaPackage output, CloudWatch
    // Logs), each on the resources this pool uses.
    const access = new DataAwsIamPolicyDocument(this, "access", {
      statement: [
        // HLS output puts segments and manifests, and deletes segments that leave the window.
        { sid: "WriteLiveHls", actions: ["s3:PutObject", "s3:GetObject", "s3:DeleteObject"], resources: [`${props.hlsBucketArn}/${prefix}*`] },
        // No s3:prefix condition: the documented policy has none, and a listing without that prefix
        // would be denied. The bucket holds nothing but live HLS.
        { sid: "ListAndLocateHlsBucket", actions: ["s3:ListBucket", "s3:GetBucketLocation"], resources: [props.hlsBucketArn] },
        { sid: "DescribeOwnMediaPackageChannels", actions: ["mediapackage:DescribeChannel"], resources: props.mediaPackageChannelArns },
        {
          sid: "WriteChannelLogs",
          actions: ["logs:CreateLogGroup", "logs:CreateLogStream", "logs:PutLogEvents", "logs:DescribeLogStreams", "logs:PutRetentionPolicy", "logs:PutMetricFilter"],
          resources: [logGroup, `${logGroup}:*`],
        },
        // DescribeLogGroups takes no resource type (Service Authorization Reference): "*" only.
        { sid: "FindChannelLogGroup", actions: ["logs:DescribeLogGroups"], resources: ["*"] },
      ],
    });
    new IamRolePolicy(this, "policy", { name: "medialive-pool", role: role.id, policy: access.json });
    this.roleArn = role.arn;
  }
}
