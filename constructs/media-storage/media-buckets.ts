import { Construct } from "constructs";
import { suppress } from "../../policies/engine/suppressions";
import { PrivateBucket } from "./private-bucket";

export interface MediaBucketsProps {
  /** Prefix of every name, e.g. `livestream-dev`. */
  readonly namePrefix: string;
  /** Account id; bucket names end with it so they are globally unique. */
  readonly accountId: string;
  /** Days live HLS segments are kept in hls-bucket. @default 3 */
  readonly hlsRetentionDays?: number;
  /** Days CloudFront access logs are kept. @default 90 */
  readonly cdnLogRetentionDays?: number;
  /** Days after which recordings move to the cheaper storage class. @default 30 */
  readonly recordedTransitionDays?: number;
  /** Storage class recordings move to. @default "INTELLIGENT_TIERING" */
  readonly recordedStorageClass?: "INTELLIGENT_TIERING" | "STANDARD_IA";
  /** Days a replaced or deleted recording version is kept. @default 30 */
  readonly recordedNoncurrentExpiryDays?: number;
  /** Let `terraform destroy` empty the buckets (dev only). @default false */
  readonly forceDestroy?: boolean;
}

/**
 * The three media buckets of the design: `hls-bucket` (live segments, short-lived),
 * `recorded-media-bucket` (harvested sessions, versioned, tiered) and `cdn-log-bucket` (CloudFront
 * standard logs and the two media buckets' S3 server access logs, expiring). Policies come from {@link MediaBucketPolicies} once the distribution
 * and the writer roles exist.
 */
export class MediaBuckets extends Construct {
  readonly hls: PrivateBucket;
  readonly recorded: PrivateBucket;
  readonly cdnLogs: PrivateBucket;

  readonly hlsBucketName: string;
  readonly hlsBucketArn: string;
  readonly recordedBucketName: string;
  readonly recordedBucketArn: string;
  readonly cdnLogBucketName: string;
  readonly cdnLogBucketArn: string;

  constructor(scope: Construct, id: string, props: MediaBucketsProps) {
    super(scope, id);
    const positive = { hlsRetentionDays: props.hlsRetentionDays, cdnLogRetentionDays: props.cdnLogRetentionDays, recordedNoncurrentExpiryDays: props.recordedNoncurrentExpiryDays };
    for (const [name, value] of Object.entries(positive)) {
      if (value !== undefined && (!Number.isInteger(value) || value < 1)) throw new Error(`MediaBuckets: ${name} must be a whole number of days >= 1, got ${value}`);
    }
    const transitionDays = props.recordedTransitionDays ?? 30;
    const storageClass = props.recordedStorageClass ?? "INTELLIGENT_TIERING";
    if (storageClass === "STANDARD_IA" && transitionDays < 30) {
      throw new Error(`MediaBuckets: recordedTransitionDays must be >= 30 for recordedStorageClass STANDARD_IA (S3 rule), got ${transitionDays}`);
    }
    const name = (suffix: string) => `${props.namePrefix}-${suffix}-${props.accountId}`;
    const forceDestroy = props.forceDestroy ?? false;

    this.cdnLogs = new PrivateBucket(this, "cdn-log-bucket", {
      bucketName: name("cdn-logs"),
      aclsForLogDelivery: true,
      forceDestroy,
      lifecycleRules: [
        {
          id: "expire-access-logs",
          status: "Enabled",
          filter: [{ prefix: "" }],
          expiration: [{ days: props.cdnLogRetentionDays ?? 90 }],
        },
      ],
    });

    this.hls = new PrivateBucket(this, "hls-bucket", {
      bucketName: name("hls"),
      accessLogBucketName: this.cdnLogs.name,
      forceDestroy,
      lifecycleRules: [
        {
          id: "expire-live-segments",
          status: "Enabled",
          filter: [{ prefix: "" }],
          expiration: [{ days: props.hlsRetentionDays ?? 3 }],
        },
      ],
    });

    this.recorded = new PrivateBucket(this, "recorded-media-bucket", {
      bucketName: name("recorded-media"),
      versioned: true,
      accessLogBucketName: this.cdnLogs.name,
      forceDestroy,
      lifecycleRules: [
        {
          id: "tier-recordings",
          status: "Enabled",
          filter: [{ prefix: "" }],
          transition: [{ days: transitionDays, storageClass }],
          noncurrentVersionExpiration: [{ noncurrentDays: props.recordedNoncurrentExpiryDays ?? 30 }],
        },
      ],
    });

    for (const media of [this.hls, this.recorded]) {
      suppress(
        media,
        "LS-S3-006",
        "SSE-S3 on purpose: with the platform CMK every segment GET/PUT by CloudFront, MediaLive and MediaPackage would be a billed KMS request and each service would need key grants; access is gated by the bucket policy",
      );
    }

    this.hlsBucketName = this.hls.name;
    this.hlsBucketArn = this.hls.arn;
    this.recordedBucketName = this.recorded.name;
    this.recordedBucketArn = this.recorded.arn;
    this.cdnLogBucketName = this.cdnLogs.name;
    this.cdnLogBucketArn = this.cdnLogs.arn;
  }
}
