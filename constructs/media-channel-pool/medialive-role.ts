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
    const trust = new DataAwsIamPolicyDocument(this, "trust", {
      statement: [
        {
          actions: ["sts:AssumeRole"],
          principals: [{ type: "Service", identifiers: ["medialive.amazonaws.com"] }],
          condition: [{ test: "StringEquals", variable: "aws:SourceAccount", values: [props.accountId] }],
        },
      ],
    });
    const role = new IamRole(this, "role", {
      name: props.roleName,
      description: "MediaLive pool channels: HLS to hls-bucket, feed to MediaPackage, logs",
      assumeRolePolicy: trust.json,
    });
    const logGroup = `arn:${partition}:logs:${props.region}:${props.accountId}:log-group:ElementalMediaLive`;
    const access = new DataAwsIamPolicyDocument(this, "access", {
      statement: [
        // HLS output puts segments and manifests, and deletes segments that leave the window.
        { sid: "WriteLiveHls", actions: ["s3:PutObject", "s3:GetObject", "s3:DeleteObject"], resources: [`${props.hlsBucketArn}/${prefix}*`] },
        {
          sid: "ListLiveHls",
          actions: ["s3:ListBucket"],
          resources: [props.hlsBucketArn],
          condition: [{ test: "StringLike", variable: "s3:prefix", values: [`${prefix}*`] }],
        },
        { sid: "LocateHlsBucket", actions: ["s3:GetBucketLocation"], resources: [props.hlsBucketArn] },
        { sid: "DescribeOwnMediaPackageChannels", actions: ["mediapackage:DescribeChannel"], resources: props.mediaPackageChannelArns },
        {
          sid: "WriteChannelLogs",
          actions: ["logs:CreateLogGroup", "logs:CreateLogStream", "logs:PutLogEvents", "logs:DescribeLogStreams"],
          resources: [logGroup, `${logGroup}:*`],
        },
      ],
    });
    new IamRolePolicy(this, "policy", { name: "medialive-pool", role: role.id, policy: access.json });
    this.roleArn = role.arn;
  }
}
