import type { TerraformProvider } from "cdktf";
import { Construct } from "constructs";
import { Cloudtrail } from "@cdktf/provider-aws/lib/cloudtrail";
import { KmsAlias } from "@cdktf/provider-aws/lib/kms-alias";
import { KmsKey } from "@cdktf/provider-aws/lib/kms-key";
import { S3Bucket } from "@cdktf/provider-aws/lib/s3-bucket";
import { S3BucketLifecycleConfiguration } from "@cdktf/provider-aws/lib/s3-bucket-lifecycle-configuration";
import { bucketBaseline, tlsOnlyBucketPolicy } from "../bucket-baseline";
import { DEFAULT_KEY_DELETION_WINDOW_DAYS, deletionWindowProblem } from "../encryption/deletion-window";
import { trailKeyPolicy } from "./trail-key-policy";

export interface StateAuditTrailProps {
  /** The audited bucket (Terraform state); its object reads and writes are recorded as data events. */
  readonly stateBucketName: string;
  readonly accountId: string;
  /** Region of the trail, its bucket and key (the provider's region). */
  readonly region: string;
  /** Provider (region) of the trail. @default the stack's default provider */
  readonly provider?: TerraformProvider;
  /** Days log files are kept in the trail bucket. @default 365 */
  readonly retentionDays?: number;
  /**
   * Record the account's management events (API calls) too, in every region. Turn off when an
   * organization trail already records them: a second copy is billed. @default true
   */
  readonly includeManagementEvents?: boolean;
  /** Days a deleted trail key waits (7-30). @default 30 */
  readonly keyDeletionWindowDays?: number;
}

/**
 * A multi-region CloudTrail trail that records every read and write of Terraform state objects (S3
 * data events on the state bucket) and the account's management events, with log file validation
 * (signed hourly digests) and log files encrypted with a key of its own. Its bucket is private,
 * versioned and TLS-only, and writable by this trail only (aws:SourceArn).
 */
export class StateAuditTrail extends Construct {
  readonly trailName: string;
  readonly trailArn: string;
  readonly bucketName: string;

  constructor(scope: Construct, id: string, props: StateAuditTrailProps) {
    super(scope, id);
    const retentionDays = props.retentionDays ?? 365;
    const deletionWindowDays = props.keyDeletionWindowDays ?? DEFAULT_KEY_DELETION_WINDOW_DAYS;
    const name = `${props.stateBucketName}-audit`;
    validate(props, name, retentionDays, deletionWindowDays);
    const provider = props.provider;
    // Known before apply: the key and bucket policies name the trail that does not exist yet.
    const trailArn = `arn:aws:cloudtrail:${props.region}:${props.accountId}:trail/${name}`;

    const key = new KmsKey(this, "key", {
      provider,
      description: `CloudTrail trail ${name}: encrypts its log files`,
      enableKeyRotation: true,
      deletionWindowInDays: deletionWindowDays,
      policy: trailKeyPolicy(props.accountId, trailArn),
    });
    new KmsAlias(this, "key-alias", { provider, name: `alias/${name}`, targetKeyId: key.keyId });

    const bucket = new S3Bucket(this, "bucket", { provider, bucket: name });
    // Versioning keeps an overwritten or deleted log file; digests detect the change. CloudTrail
    // encrypts each log file with the trail key itself; the bucket default (SSE-S3) covers what it
    // writes without a KMS header (digest files), so no other writer needs the key.
    bucketBaseline(this, bucket, { provider, versioned: true });
    new S3BucketLifecycleConfiguration(this, "lifecycle", {
      provider,
      bucket: bucket.id,
      rule: [
        {
          id: "expire-audit-logs",
          status: "Enabled",
          filter: [{ prefix: "" }],
          expiration: [{ days: retentionDays }],
          noncurrentVersionExpiration: [{ noncurrentDays: 30 }],
          abortIncompleteMultipartUpload: [{ daysAfterInitiation: 7 }],
        },
      ],
    });
    // "Amazon S3 bucket policy for CloudTrail" (CloudTrail User Guide), limited to this trail.
    const policy = tlsOnlyBucketPolicy(this, "policy", bucket, {
      provider,
      bucketArn: bucket.arn,
      statements: [
        {
          Sid: "CloudTrailChecksTheAcl",
          Effect: "Allow",
          Principal: { Service: "cloudtrail.amazonaws.com" },
          Action: "s3:GetBucketAcl",
          Resource: bucket.arn,
          Condition: { StringEquals: { "aws:SourceArn": trailArn } },
        },
        {
          Sid: "CloudTrailWritesThisAccountsLogs",
          Effect: "Allow",
          Principal: { Service: "cloudtrail.amazonaws.com" },
          Action: "s3:PutObject",
          Resource: `${bucket.arn}/AWSLogs/${props.accountId}/*`,
          Condition: { StringEquals: { "s3:x-amz-acl": "bucket-owner-full-control", "aws:SourceArn": trailArn } },
        },
      ],
    });

    const trail = new Cloudtrail(this, "trail", {
      provider,
      name,
      s3BucketName: bucket.id,
      kmsKeyId: key.arn,
      isMultiRegionTrail: true,
      includeGlobalServiceEvents: true,
      enableLogFileValidation: true,
      enableLogging: true,
      // Classic selector: object-level reads and writes of the state bucket (a trailing slash selects
      // every object of the bucket; "Logging data events", CloudTrail User Guide).
      eventSelector: [
        {
          readWriteType: "All",
          includeManagementEvents: props.includeManagementEvents ?? true,
          dataResource: [{ type: "AWS::S3::Object", values: [`arn:aws:s3:::${props.stateBucketName}/`] }],
        },
      ],
      // CloudTrail checks bucket and key permissions when the trail is created.
      dependsOn: [policy, key],
    });
    this.trailName = trail.name;
    this.trailArn = trail.arn;
    this.bucketName = bucket.bucket;
  }
}

function validate(props: StateAuditTrailProps, name: string, retentionDays: number, deletionWindowDays: number): void {
  const problems: string[] = [];
  if (name.length > 63) problems.push(`stateBucketName '${props.stateBucketName}' is too long: the trail bucket '${name}' must fit 63 characters`);
  if (!/^\d{12}$/.test(props.accountId)) problems.push(`accountId '${props.accountId}' must be a 12-digit AWS account id`);
  if (!/^[a-z]{2}(-[a-z]+)+-\d$/.test(props.region)) problems.push(`region '${props.region}' must be an AWS region such as ap-southeast-1`);
  if (!Number.isInteger(retentionDays) || retentionDays < 1) problems.push(`retentionDays must be a positive whole number of days, got ${retentionDays}`);
  const window = deletionWindowProblem("keyDeletionWindowDays", deletionWindowDays);
  if (window) problems.push(window);
  if (problems.length) throw new Error(`StateAuditTrail: ${problems.join("; ")}`);
}
