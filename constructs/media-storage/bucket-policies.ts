import { Construct } from "constructs";
import { DataAwsIamPolicyDocument, type DataAwsIamPolicyDocumentStatement } from "@cdktf/provider-aws/lib/data-aws-iam-policy-document";
import { S3BucketPolicy } from "@cdktf/provider-aws/lib/s3-bucket-policy";
import type { MediaBuckets } from "./index";
import type { PrivateBucket } from "./private-bucket";

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
  /** Key prefix CloudFront may read in hls-bucket. @default "live/" */
  readonly livePrefix?: string;
  /** Key prefix CloudFront may read in recorded-media-bucket. @default "sessions/" */
  readonly sessionsPrefix?: string;
}

function denyInsecureTransport(bucketArn: string): DataAwsIamPolicyDocumentStatement {
  return {
    sid: "DenyInsecureTransport",
    effect: "Deny",
    principals: [{ type: "*", identifiers: ["*"] }],
    actions: ["s3:*"],
    resources: [bucketArn, `${bucketArn}/*`],
    condition: [{ test: "Bool", variable: "aws:SecureTransport", values: ["false"] }],
  };
}

/** Only this distribution, signing with OAC, may read: no OAI, no public reads, no other distribution. */
function allowCloudFrontRead(bucketArn: string, prefix: string, distributionArn: string): DataAwsIamPolicyDocumentStatement {
  return {
    sid: "AllowCloudFrontOacRead",
    effect: "Allow",
    principals: [{ type: "Service", identifiers: ["cloudfront.amazonaws.com"] }],
    actions: ["s3:GetObject"],
    resources: [`${bucketArn}/${prefix}*`],
    condition: [{ test: "StringEquals", variable: "AWS:SourceArn", values: [distributionArn] }],
  };
}

/**
 * Identity policies grant the writers; this deny makes sure no other principal in the account can
 * write media, whatever its own IAM policy says.
 */
function denyOtherWriters(bucketArn: string, writerRoleArns: string[]): DataAwsIamPolicyDocumentStatement {
  return {
    sid: "DenyWritesExceptMediaRoles",
    effect: "Deny",
    principals: [{ type: "*", identifiers: ["*"] }],
    actions: ["s3:PutObject"],
    resources: [`${bucketArn}/*`],
    condition: [{ test: "ArnNotEquals", variable: "aws:PrincipalArn", values: writerRoleArns }],
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
      denyInsecureTransport(buckets.hls.arn),
      allowCloudFrontRead(buckets.hls.arn, props.livePrefix ?? "live/", props.distributionArn),
      denyOtherWriters(buckets.hls.arn, props.hlsWriterRoleArns),
    ]);
    this.attach("recorded-media-bucket", buckets.recorded, [
      denyInsecureTransport(buckets.recorded.arn),
      allowCloudFrontRead(buckets.recorded.arn, props.sessionsPrefix ?? "sessions/", props.distributionArn),
      denyOtherWriters(buckets.recorded.arn, props.recordingWriterRoleArns),
    ]);
    this.attach("cdn-log-bucket", buckets.cdnLogs, [
      denyInsecureTransport(buckets.cdnLogs.arn),
      {
        // S3 server access logs of the two media buckets (CloudFront writes through its ACL grant).
        sid: "AllowS3ServerAccessLogs",
        effect: "Allow",
        principals: [{ type: "Service", identifiers: ["logging.s3.amazonaws.com"] }],
        actions: ["s3:PutObject"],
        resources: [`${buckets.cdnLogs.arn}/s3-access-logs/*`],
        condition: [
          { test: "StringEquals", variable: "aws:SourceAccount", values: [props.accountId] },
          { test: "ArnLike", variable: "aws:SourceArn", values: [buckets.hls.arn, buckets.recorded.arn] },
        ],
      },
    ]);
  }

  private attach(id: string, bucket: PrivateBucket, statements: DataAwsIamPolicyDocumentStatement[]): void {
    const document = new DataAwsIamPolicyDocument(this, `${id}-policy-document`, { statement: statements });
    new S3BucketPolicy(this, `${id}-policy`, {
      bucket: bucket.bucket.id,
      policy: document.json,
      // A policy applied before the public access block could be judged public and rejected.
      dependsOn: [bucket.publicAccessBlock],
    });
  }
}
