import type { TerraformProvider } from "cdktf";
import { Construct } from "constructs";
import { S3Bucket } from "@cdktf/provider-aws/lib/s3-bucket";
import { S3BucketLifecycleConfiguration } from "@cdktf/provider-aws/lib/s3-bucket-lifecycle-configuration";
import { S3BucketOwnershipControls } from "@cdktf/provider-aws/lib/s3-bucket-ownership-controls";
import { S3BucketPolicy } from "@cdktf/provider-aws/lib/s3-bucket-policy";
import { S3BucketPublicAccessBlock } from "@cdktf/provider-aws/lib/s3-bucket-public-access-block";
import { S3BucketServerSideEncryptionConfigurationA } from "@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration";
import { S3BucketVersioningA } from "@cdktf/provider-aws/lib/s3-bucket-versioning";
import { suppress } from "../../policies/engine/suppressions";

export interface StateBucketProps {
  /** Name of the bucket that holds Terraform state. */
  readonly bucketName: string;
  /** Days a superseded state version is kept. @default 90 */
  readonly noncurrentVersionDays?: number;
  /** Provider (region) of the bucket. @default the stack's default provider */
  readonly provider?: TerraformProvider;
}

/**
 * The S3 bucket that holds an environment's Terraform state: versioned (the undo button for a bad
 * apply), KMS-encrypted, private, TLS-only, never destroyed by Terraform. Terraform >= 1.10 locks
 * with lock files in this same bucket, so no DynamoDB table is needed.
 */
export class StateBucket extends Construct {
  readonly bucketName: string;

  constructor(scope: Construct, id: string, props: StateBucketProps) {
    super(scope, id);
    const noncurrentDays = props.noncurrentVersionDays ?? 90;
    if (!Number.isInteger(noncurrentDays) || noncurrentDays < 1) {
      throw new Error(`StateBucket ${this.node.path}: noncurrentVersionDays must be a positive whole number of days, got ${noncurrentDays}`);
    }
    this.bucketName = props.bucketName;

    const bucket = new S3Bucket(this, "state", {
      provider: props.provider,
      bucket: props.bucketName,
      lifecycle: { preventDestroy: true },
    });
    suppress(
      bucket,
      "LS-S3-004",
      "The state bucket is created before anything else exists: there is no log bucket yet to receive its access logs. State reads and writes are audited by CloudTrail, and every state version is kept by versioning.",
    );

    new S3BucketPublicAccessBlock(this, "state-public-access", {
      provider: props.provider,
      bucket: bucket.id,
      blockPublicAcls: true,
      blockPublicPolicy: true,
      ignorePublicAcls: true,
      restrictPublicBuckets: true,
    });
    new S3BucketOwnershipControls(this, "state-ownership", {
      provider: props.provider,
      bucket: bucket.id,
      rule: { objectOwnership: "BucketOwnerEnforced" },
    });
    // Versioning is the undo button for a corrupted or wrongly applied state.
    new S3BucketVersioningA(this, "state-versioning", {
      provider: props.provider,
      bucket: bucket.id,
      versioningConfiguration: { status: "Enabled" },
    });
    new S3BucketServerSideEncryptionConfigurationA(this, "state-encryption", {
      provider: props.provider,
      bucket: bucket.id,
      rule: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms" }, bucketKeyEnabled: true }],
    });
    new S3BucketLifecycleConfiguration(this, "state-lifecycle", {
      provider: props.provider,
      bucket: bucket.id,
      rule: [
        {
          id: "expire-old-state-versions",
          status: "Enabled",
          filter: [{ prefix: "" }],
          noncurrentVersionExpiration: [{ noncurrentDays }],
          abortIncompleteMultipartUpload: [{ daysAfterInitiation: 7 }],
        },
      ],
    });
    new S3BucketPolicy(this, "state-tls-only", {
      provider: props.provider,
      bucket: bucket.id,
      policy: JSON.stringify({
        Version: "2012-10-17",
        Statement: [
          {
            Sid: "DenyInsecureTransport",
            Effect: "Deny",
            Principal: "*",
            Action: "s3:*",
            Resource: [`arn:aws:s3:::${props.bucketName}`, `arn:aws:s3:::${props.bucketName}/*`],
            Condition: { Bool: { "aws:SecureTransport": "false" } },
          },
        ],
      }),
    });
  }
}
