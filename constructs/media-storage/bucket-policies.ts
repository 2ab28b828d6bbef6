import { Construct } from "constructs";
import { LIVE_PREFIX, SESSIONS_PREFIX } from "../../contracts";
import { tlsOnlyBucketPolicy } from "../bucket-baseline";
import { fromAccount, type PolicyStatement } from "../iam-policy";
import type { MediaBuckets } from "./media-buckets";
import { S3_ACCESS_LOG_PREFIX, type PrivateBucket } from "./private-bucket";

export interface MediaBucketPoliciesProps {
  /** The buckets the policies are attached to. */
  readonly buckets: MediaBuckets;
  /** Account id; only this account's buckets may deliver S3 access logs. */
  readonly accountId: string;
  /** ARN of the CloudFront distribution that may read live and recorded media through OAC. */
  readonly distributionArn: string;
  /** Roles allowed to write live HLS into hls-bucket (the MediaLive role). */
  readonly hlsWriterRoleArns: string[];
  /** Roles allowed to write recordings into recorded-media-bucket (the MediaPackage harvest role). */
  readonly recordingWriterRoleArns: string[];
  /** Key prefix CloudFront may read in hls-bucket. @default LIVE_PREFIX ("live/") */
  readonly livePrefix?: string;
  /** Key prefix CloudFront may read in recorded-media-bucket. @default SESSIONS_PREFIX ("sessions/") */
  readonly sessionsPrefix?: string;
}

/** Only this distribution, signing with OAC, may read: no OAI, no public reads, no other distribution. */
function allowCloudFrontRead(bucketArn: string, prefix: string, distributionArn: string): PolicyStatement {
  return {
    Sid: "AllowCloudFrontOacRead",
    Effect: "Allow",
    Principal: { Service: "cloudfront.amazonaws.com" },
    Action: ["s3:GetObject"],
    Resource: [`${bucketArn}/${prefix}*`],
    Condition: { StringEquals: { "AWS:SourceArn": distributionArn } },
  };
}

/**
 * Identity policies grant the writers; this deny makes sure no other principal in the account can
 * write media, whatever its own IAM policy says.
 */
function denyOtherWriters(bucketArn: string, writerRoleArns: string[]): PolicyStatement {
  return {
    Sid: "DenyWritesExceptMediaRoles",
    Effect: "Deny",
    Principal: "*",
    Action: ["s3:PutObject"],
    Resource: [`${bucketArn}/*`],
    Condition: { ArnNotEquals: { "aws:PrincipalArn": writerRoleArns } },
  };
}

/**
 * The bucket policies of the media buckets: TLS only everywhere; hls-bucket and
 * recorded-media-bucket readable only by the distribution through OAC and writable only by their
 * writer roles; cdn-log-bucket written by CloudFront log delivery through its ACL grant.
 */
export class MediaBucketPolicies extends Construct {
  constructor(scope: Construct, id: string, props: MediaBucketPoliciesProps) {
    super(scope, id);
    if (props.hlsWriterRoleArns.length === 0) throw new Error("MediaBucketPolicies: hlsWriterRoleArns must name at least one role (the MediaLive role)");
    if (props.recordingWriterRoleArns.length === 0) throw new Error("MediaBucketPolicies: recordingWriterRoleArns must name at least one role (the MediaPackage harvest role)");
    const { buckets } = props;

    this.attach("hls-bucket", buckets.hls, [
      allowCloudFrontRead(buckets.hls.arn, props.livePrefix ?? LIVE_PREFIX, props.distributionArn),
      denyOtherWriters(buckets.hls.arn, props.hlsWriterRoleArns),
    ]);
    this.attach("recorded-media-bucket", buckets.recorded, [
      allowCloudFrontRead(buckets.recorded.arn, props.sessionsPrefix ?? SESSIONS_PREFIX, props.distributionArn),
      denyOtherWriters(buckets.recorded.arn, props.recordingWriterRoleArns),
    ]);
    this.attach("cdn-log-bucket", buckets.cdnLogs, [
      {
        // S3 server access logs of the two media buckets (CloudFront writes through its ACL grant).
        Sid: "AllowS3ServerAccessLogs",
        Effect: "Allow",
        Principal: { Service: "logging.s3.amazonaws.com" },
        Action: ["s3:PutObject"],
        Resource: [`${buckets.cdnLogs.arn}/${S3_ACCESS_LOG_PREFIX}*`],
        Condition: fromAccount(props.accountId, [buckets.hls.arn, buckets.recorded.arn]),
      },
    ]);
  }

  private attach(id: string, bucket: PrivateBucket, statements: PolicyStatement[]): void {
    // A policy applied before the public access block could be judged public and rejected.
    tlsOnlyBucketPolicy(this, `${id}-policy`, bucket.bucket, { bucketArn: bucket.arn, statements, dependsOn: [bucket.publicAccessBlock] });
  }
}
