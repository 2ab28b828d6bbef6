import type { ITerraformDependable, TerraformProvider } from "cdktf";
import type { Construct } from "constructs";
import type { S3Bucket } from "@cdktf/provider-aws/lib/s3-bucket";
import { S3BucketOwnershipControls } from "@cdktf/provider-aws/lib/s3-bucket-ownership-controls";
import { S3BucketPolicy } from "@cdktf/provider-aws/lib/s3-bucket-policy";
import { S3BucketPublicAccessBlock } from "@cdktf/provider-aws/lib/s3-bucket-public-access-block";
import { S3BucketServerSideEncryptionConfigurationA } from "@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration";
import { S3BucketVersioningA } from "@cdktf/provider-aws/lib/s3-bucket-versioning";
import { denyInsecureBucketTransport, policyDocument, type PolicyStatement } from "../iam-policy";

/**
 * Construct ids of the baseline's resources. They are part of each resource's Terraform address: a
 * bucket that predates this helper keeps its own ids (a new address would replace the resource).
 */
export interface BucketBaselineIds {
  readonly publicAccessBlock: string;
  readonly ownership: string;
  readonly versioning: string;
  readonly encryption: string;
}

const DEFAULT_IDS: BucketBaselineIds = {
  publicAccessBlock: "public-access-block",
  ownership: "ownership",
  versioning: "versioning",
  encryption: "encryption",
};

export interface BucketBaselineProps {
  /** Provider (region) of the bucket. @default the stack's default provider */
  readonly provider?: TerraformProvider;
  /**
   * Keep ACLs on with the bucket owner preferred: only CloudFront standard logging needs it (it
   * delivers through an ACL grant). @default false (BucketOwnerEnforced: ACLs off)
   */
  readonly aclsForLogDelivery?: boolean;
  /** Keep every object version. @default false */
  readonly versioned?: boolean;
  /**
   * Default encryption: "SSE-S3" (AES256), or "SSE-KMS" with the AWS managed key and S3 Bucket Keys.
   * @default "SSE-S3"
   */
  readonly encryption?: "SSE-S3" | "SSE-KMS";
  /** @default the ids above */
  readonly ids?: Partial<BucketBaselineIds>;
}

/** What the caller may need to wait for. */
export interface BucketBaseline {
  /** Bucket policies depend on it so they are not judged public and rejected mid-apply. */
  readonly publicAccessBlock: S3BucketPublicAccessBlock;
  readonly ownership: S3BucketOwnershipControls;
}

/**
 * What every bucket of the platform has, whatever it holds: all four public access blocks on, ACLs
 * disabled unless log delivery needs them, default encryption, and versioning where asked.
 */
export function bucketBaseline(scope: Construct, bucket: S3Bucket, props: BucketBaselineProps = {}): BucketBaseline {
  const ids = { ...DEFAULT_IDS, ...props.ids };
  const { provider } = props;
  const publicAccessBlock = new S3BucketPublicAccessBlock(scope, ids.publicAccessBlock, {
    provider,
    bucket: bucket.id,
    blockPublicAcls: true,
    blockPublicPolicy: true,
    ignorePublicAcls: true,
    restrictPublicBuckets: true,
  });
  const ownership = new S3BucketOwnershipControls(scope, ids.ownership, {
    provider,
    bucket: bucket.id,
    rule: { objectOwnership: props.aclsForLogDelivery ? "BucketOwnerPreferred" : "BucketOwnerEnforced" },
  });
  if (props.versioned) new S3BucketVersioningA(scope, ids.versioning, { provider, bucket: bucket.id, versioningConfiguration: { status: "Enabled" } });
  new S3BucketServerSideEncryptionConfigurationA(scope, ids.encryption, {
    provider,
    bucket: bucket.id,
    rule: [
      props.encryption === "SSE-KMS"
        ? { applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms" }, bucketKeyEnabled: true }
        : { applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } },
    ],
  });
  return { publicAccessBlock, ownership };
}

export interface TlsOnlyBucketPolicyProps {
  readonly provider?: TerraformProvider;
  /** ARN of the bucket (a token or `arn:aws:s3:::<name>`). */
  readonly bucketArn: string;
  /** Statements after the TLS-only one (who may write or read). @default none */
  readonly statements?: readonly PolicyStatement[];
  /** Resources the policy must wait for (the public access block). @default none */
  readonly dependsOn?: ITerraformDependable[];
}

/** The bucket policy: TLS only for everyone, then the caller's grants. */
export function tlsOnlyBucketPolicy(scope: Construct, id: string, bucket: S3Bucket, props: TlsOnlyBucketPolicyProps): S3BucketPolicy {
  return new S3BucketPolicy(scope, id, {
    provider: props.provider,
    bucket: bucket.id,
    policy: policyDocument([denyInsecureBucketTransport(props.bucketArn), ...(props.statements ?? [])]),
    dependsOn: props.dependsOn,
  });
}
