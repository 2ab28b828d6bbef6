import { Construct } from "constructs";
import type { ITerraformDependable } from "cdktf";
import { S3Bucket } from "@cdktf/provider-aws/lib/s3-bucket";
import type { S3BucketPublicAccessBlock } from "@cdktf/provider-aws/lib/s3-bucket-public-access-block";
import { S3BucketLoggingA } from "@cdktf/provider-aws/lib/s3-bucket-logging";
import { S3BucketLifecycleConfiguration, type S3BucketLifecycleConfigurationRule } from "@cdktf/provider-aws/lib/s3-bucket-lifecycle-configuration";
import { bucketBaseline } from "../bucket-baseline";

/** Key prefix under which a log bucket receives the S3 server access logs of other buckets. */
export const S3_ACCESS_LOG_PREFIX = "s3-access-logs/";

export interface PrivateBucketProps {
  /** Globally unique bucket name. */
  readonly bucketName: string;
  /** Keep every object version (recordings). @default false */
  readonly versioned?: boolean;
  /**
   * Keep ACLs enabled with the bucket owner preferred: only CloudFront standard (legacy) logging
   * needs this, because it delivers through an ACL grant to the awslogsdelivery account.
   * @default false (BucketOwnerEnforced: ACLs disabled)
   */
  readonly aclsForLogDelivery?: boolean;
  /** Lifecycle rules besides the abort-incomplete-uploads rule every bucket gets. @default none */
  readonly lifecycleRules?: S3BucketLifecycleConfigurationRule[];
  /** Server access logs go to this bucket (name) under `accessLogPrefix`. @default none (log buckets themselves) */
  readonly accessLogBucketName?: string;
  /** Key prefix of this bucket's access logs. @default `${S3_ACCESS_LOG_PREFIX}<bucketName>/` */
  readonly accessLogPrefix?: string;
  /** Delete objects with the bucket on destroy (dev). @default false */
  readonly forceDestroy?: boolean;
}

/**
 * An S3 bucket that is never public: all four public access blocks on, SSE-S3 encryption, ACLs
 * disabled unless log delivery needs them, and a lifecycle. Its policy is set by the caller.
 */
export class PrivateBucket extends Construct {
  readonly bucket: S3Bucket;
  readonly name: string;
  readonly arn: string;
  /** `<name>.s3.<region>.amazonaws.com`, the CloudFront S3 origin domain. */
  readonly regionalDomainName: string;
  /** `<name>.s3.amazonaws.com`, what CloudFront standard logging expects. */
  readonly domainName: string;
  /** The public access block; bucket policies depend on it so they are not rejected mid-apply. */
  readonly publicAccessBlock: S3BucketPublicAccessBlock;
  /**
   * What must exist before anything writes an ACL grant to this bucket (CloudFront standard logging
   * adds the awslogsdelivery grant when the distribution is created): the ownership controls that
   * turn ACLs on, and the public access block that keeps them private.
   */
  readonly aclsReady: ITerraformDependable[];

  constructor(scope: Construct, id: string, props: PrivateBucketProps) {
    super(scope, id);
    if (!/^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$/.test(props.bucketName)) {
      throw new Error(`PrivateBucket: bucketName '${props.bucketName}' is not a valid S3 bucket name (3-63 lower-case letters, digits, dashes)`);
    }
    this.bucket = new S3Bucket(this, "bucket", { bucket: props.bucketName, forceDestroy: props.forceDestroy ?? false });
    const bucket = this.bucket.id;

    // SSE-S3 rather than the platform CMK: CloudFront (OAC), MediaLive and MediaPackage would each
    // need KMS grants, and every segment GET/PUT would be a billed KMS request (thousands per
    // session). Objects are still encrypted at rest; access is controlled by the bucket policy.
    const { publicAccessBlock, ownership } = bucketBaseline(this, this.bucket, { aclsForLogDelivery: props.aclsForLogDelivery, versioned: props.versioned });
    this.publicAccessBlock = publicAccessBlock;

    if (props.accessLogBucketName) {
      new S3BucketLoggingA(this, "access-logging", {
        bucket,
        targetBucket: props.accessLogBucketName,
        targetPrefix: props.accessLogPrefix ?? `${S3_ACCESS_LOG_PREFIX}${props.bucketName}/`,
      });
    }

    new S3BucketLifecycleConfiguration(this, "lifecycle", {
      bucket,
      rule: [
        {
          id: "abort-incomplete-uploads",
          status: "Enabled",
          filter: [{ prefix: "" }],
          abortIncompleteMultipartUpload: [{ daysAfterInitiation: 1 }],
        },
        ...(props.lifecycleRules ?? []),
      ],
    });

    this.aclsReady = [ownership, this.publicAccessBlock];
    this.name = this.bucket.bucket;
    this.arn = this.bucket.arn;
    this.regionalDomainName = this.bucket.bucketRegionalDomainName;
    this.domainName = this.bucket.bucketDomainName;
  }
}
