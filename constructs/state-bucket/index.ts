import type { TerraformProvider } from "cdktf";
import { Construct } from "constructs";
import { S3Bucket } from "@cdktf/provider-aws/lib/s3-bucket";
import { S3BucketLifecycleConfiguration } from "@cdktf/provider-aws/lib/s3-bucket-lifecycle-configuration";
import { suppress } from "../../policies/engine/suppressions";
import { DATA_CLASS_TAG, TERRAFORM_STATE_DATA_CLASS } from "../../contracts/security";
import { StateAuditTrail } from "../state-audit-trail";
import { bucketBaseline, tlsOnlyBucketPolicy } from "../bucket-baseline";

export interface StateBucketProps {
  /** Name of the bucket that holds Terraform state. */
  readonly bucketName: string;
  /** Days a superseded state version is kept. @default 90 */
  readonly noncurrentVersionDays?: number;
  /** Provider (region) of the bucket. @default the stack's default provider */
  readonly provider?: TerraformProvider;
  /** Account that owns the bucket (the audit trail's ARN and bucket policy). */
  readonly accountId: string;
  /** Region of the bucket (the provider's region). */
  readonly region: string;
  /**
   * Record every read and write of state objects with a CloudTrail trail (StateAuditTrail); turn off
   * only where an account-wide trail already logs this bucket's data events. @default true
   */
  readonly auditTrail?: boolean;
}

/**
 * The S3 bucket that holds an environment's Terraform state: versioned (the undo button for a bad
 * apply), KMS-encrypted, private, TLS-only, never destroyed by Terraform, and audited by a CloudTrail
 * trail recording every read and write of its objects. Terraform >= 1.10 locks
 * with lock files in this same bucket, so no DynamoDB table is needed.
 */
export class StateBucket extends Construct {
  readonly bucketName: string;
  /** Name of the CloudTrail trail auditing the bucket, when auditTrail is on. */
  readonly auditTrailName?: string;

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
      // The audit rules (LS-AUDIT-004) find the state bucket by this tag.
      tags: { [DATA_CLASS_TAG]: TERRAFORM_STATE_DATA_CLASS },
    });
    if (props.auditTrail ?? true) {
      const trail = new StateAuditTrail(this, "audit", {
        stateBucketName: props.bucketName,
        accountId: props.accountId,
        region: props.region,
        provider: props.provider,
      });
      this.auditTrailName = trail.trailName;
      suppress(
        bucket,
        "LS-S3-004",
        `no server access log: CloudTrail trail ${props.bucketName}-audit records every state read and write as an S3 data event, with the caller's identity, and LS-AUDIT-004 fails synth if it stops doing so`,
      );
    }

    // Versioning is the undo button for a corrupted or wrongly applied state. The ids are the ones
    // this bucket was created with (a new id is a new address: Terraform would replace the resource).
    bucketBaseline(this, bucket, {
      provider: props.provider,
      versioned: true,
      encryption: "SSE-KMS",
      ids: { publicAccessBlock: "state-public-access", ownership: "state-ownership", versioning: "state-versioning", encryption: "state-encryption" },
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
    tlsOnlyBucketPolicy(this, "state-tls-only", bucket, { provider: props.provider, bucketArn: `arn:aws:s3:::${props.bucketName}` });
  }
}
