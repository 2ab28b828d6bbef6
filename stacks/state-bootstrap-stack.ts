import { LocalBackend, TerraformStack } from "cdktf";
import type { Construct } from "constructs";
import { S3Bucket } from "@cdktf/provider-aws/lib/s3-bucket";
import { S3BucketLifecycleConfiguration } from "@cdktf/provider-aws/lib/s3-bucket-lifecycle-configuration";
import { S3BucketOwnershipControls } from "@cdktf/provider-aws/lib/s3-bucket-ownership-controls";
import { S3BucketPolicy } from "@cdktf/provider-aws/lib/s3-bucket-policy";
import { S3BucketPublicAccessBlock } from "@cdktf/provider-aws/lib/s3-bucket-public-access-block";
import { S3BucketServerSideEncryptionConfigurationA } from "@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration";
import { S3BucketVersioningA } from "@cdktf/provider-aws/lib/s3-bucket-versioning";
import type { EnvironmentConfig } from "../config/schema";
import { suppress } from "../policies/engine/suppressions";
import { platformProvider } from "./provider";

export interface StateBootstrapStackProps {
  /** The environment whose state bucket this stack creates (its account, region and bucket name). */
  readonly config: EnvironmentConfig;
  /** Plan offline (see LivestreamStack). @default false */
  readonly offline?: boolean;
  /** Days a superseded state version is kept. @default 90 */
  readonly noncurrentVersionDays?: number;
}

/** Bootstrap stack name for an environment: `livestream-state-<env>`. */
export const stateStackName = (env: string) => `livestream-state-${env}`;

/**
 * Creates the S3 bucket that holds an environment's Terraform state. It is applied once, by hand,
 * before anything else (its own state stays local: the bucket cannot hold the state that creates
 * it); Atlantis never runs it. Terraform >= 1.10 locks with lock files in this same bucket, so no
 * DynamoDB table is needed.
 */
export class StateBootstrapStack extends TerraformStack {
  readonly bucketName: string;

  constructor(scope: Construct, id: string, props: StateBootstrapStackProps) {
    super(scope, id);
    const { config } = props;
    const noncurrentDays = props.noncurrentVersionDays ?? 90;
    if (!Number.isInteger(noncurrentDays) || noncurrentDays < 1) {
      throw new Error(`StateBootstrapStack: noncurrentVersionDays must be a positive whole number of days, got ${noncurrentDays}`);
    }
    platformProvider(this, "aws", config, { offline: props.offline ?? false, region: config.state.region ?? config.region });
    new LocalBackend(this, { path: "terraform.tfstate" });

    const bucket = new S3Bucket(this, "state", {
      bucket: config.state.bucket,
      lifecycle: { preventDestroy: true },
    });
    this.bucketName = config.state.bucket;
    suppress(
      bucket,
      "LS-S3-004",
      "The state bucket is created before anything else exists: there is no log bucket yet to receive its access logs. State reads and writes are audited by CloudTrail, and every state version is kept by versioning.",
    );

    new S3BucketPublicAccessBlock(this, "state-public-access", {
      bucket: bucket.id,
      blockPublicAcls: true,
      blockPublicPolicy: true,
      ignorePublicAcls: true,
      restrictPublicBuckets: true,
    });
    new S3BucketOwnershipControls(this, "state-ownership", {
      bucket: bucket.id,
      rule: { objectOwnership: "BucketOwnerEnforced" },
    });
    // Versioning is the undo button for a corrupted or wrongly applied state.
    new S3BucketVersioningA(this, "state-versioning", {
      bucket: bucket.id,
      versioningConfiguration: { status: "Enabled" },
    });
    new S3BucketServerSideEncryptionConfigurationA(this, "state-encryption", {
      bucket: bucket.id,
      rule: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms" }, bucketKeyEnabled: true }],
    });
    new S3BucketLifecycleConfiguration(this, "state-lifecycle", {
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
      bucket: bucket.id,
      policy: JSON.stringify({
        Version: "2012-10-17",
        Statement: [
          {
            Sid: "DenyInsecureTransport",
            Effect: "Deny",
            Principal: "*",
            Action: "s3:*",
            Resource: [`arn:aws:s3:::${config.state.bucket}`, `arn:aws:s3:::${config.state.bucket}/*`],
            Condition: { Bool: { "aws:SecureTransport": "false" } },
          },
        ],
      }),
    });
  }
}
