import { Construct } from "constructs";
import { S3Bucket } from "@cdktf/provider-aws/lib/s3-bucket";
import { S3BucketLifecycleConfiguration } from "@cdktf/provider-aws/lib/s3-bucket-lifecycle-configuration";
import type { S3BucketPolicy } from "@cdktf/provider-aws/lib/s3-bucket-policy";
import { bucketBaseline, tlsOnlyBucketPolicy } from "../bucket-baseline";

/**
 * Elastic Load Balancing's log-writing account per region, for regions opened before August 2022.
 * Newer regions only know the `logdelivery.elasticloadbalancing.amazonaws.com` service principal,
 * which the bucket policy always allows as well.
 */
export const ELB_LOG_ACCOUNTS: Readonly<Record<string, string>> = {
  "us-east-1": "127311923021",
  "us-east-2": "033677994240",
  "us-west-1": "027434742980",
  "us-west-2": "797873946194",
  "ca-central-1": "985666609251",
  "eu-west-1": "156460612806",
  "eu-west-2": "652711504416",
  "eu-central-1": "054676820928",
  "ap-south-1": "718504428378",
  "ap-northeast-1": "582318560864",
  "ap-northeast-2": "600734575887",
  "ap-southeast-1": "114774131450",
  "ap-southeast-2": "783225319266",
  "sa-east-1": "507241528517",
};

export const ELB_LOG_DELIVERY_SERVICE = "logdelivery.elasticloadbalancing.amazonaws.com";

export interface AccessLogBucketProps {
  /** Globally unique bucket name. */
  readonly bucketName: string;
  /** Account that owns the load balancer; logs land under AWSLogs/<accountId>/. */
  readonly accountId: string;
  /** Region of the load balancer; picks the ELB log-writing account. */
  readonly region: string;
  /** Key prefix the load balancer writes under. */
  readonly prefix: string;
  /** Days before a log object expires. */
  readonly retentionDays: number;
}

/**
 * Private bucket for ALB access logs. ALB log delivery supports only SSE-S3 (not KMS), so the bucket
 * uses AES256; everything else is locked down: public access blocked, owner-enforced objects,
 * TLS-only access, expiry.
 */
export class AccessLogBucket extends Construct {
  /** Bucket name. */
  readonly bucketName: string;
  /** Bucket ARN. */
  readonly bucketArn: string;
  /** The bucket policy; the load balancer must wait for it or its creation fails with AccessDenied. */
  readonly policy: S3BucketPolicy;

  constructor(scope: Construct, id: string, props: AccessLogBucketProps) {
    super(scope, id);
    const bucket = new S3Bucket(this, "bucket", { bucket: props.bucketName });
    this.bucketName = bucket.bucket;
    this.bucketArn = bucket.arn;

    bucketBaseline(this, bucket);
    new S3BucketLifecycleConfiguration(this, "lifecycle", {
      bucket: bucket.id,
      rule: [
        {
          id: "expire-access-logs",
          status: "Enabled",
          filter: [{ prefix: "" }],
          expiration: [{ days: props.retentionDays }],
          abortIncompleteMultipartUpload: [{ daysAfterInitiation: 1 }],
        },
      ],
    });

    const logObjects = `${bucket.arn}/${props.prefix}/AWSLogs/${props.accountId}/*`;
    const elbAccount = ELB_LOG_ACCOUNTS[props.region];
    this.policy = tlsOnlyBucketPolicy(this, "policy", bucket, {
      bucketArn: bucket.arn,
      statements: [
        { Sid: "ElbLogDeliveryService", Effect: "Allow", Principal: { Service: ELB_LOG_DELIVERY_SERVICE }, Action: "s3:PutObject", Resource: logObjects },
        ...(elbAccount
          ? [{ Sid: "ElbRegionalLogAccount", Effect: "Allow" as const, Principal: { AWS: `arn:aws:iam::${elbAccount}:root` }, Action: "s3:PutObject", Resource: logObjects }]
          : []),
      ],
    });
  }
}
