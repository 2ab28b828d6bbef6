import { Construct } from "constructs";
import { suppress } from "../../policies/engine/suppressions";
import { PrivateBucket } from "./private-bucket";
import { MEDIA_BUCKETS_DEFAULTS, type MediaBucketsProps } from "./props";

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

  constructor(scope: Construct, id: string, props: MediaBucketsProps) {
    super(scope, id);
    const positive = { hlsRetentionDays: props.hlsRetentionDays, cdnLogRetentionDays: props.cdnLogRetentionDays, recordedNoncurrentExpiryDays: props.recordedNoncurrentExpiryDays };
    for (const [name, value] of Object.entries(positive)) {
      if (value !== undefined && (!Number.isInteger(value) || value < 1)) throw new Error(`MediaBuckets: ${name} must be a whole number of days >= 1, got ${value}`);
    }
    const d = MEDIA_BUCKETS_DEFAULTS;
    const transitionDays = props.recordedTransitionDays ?? d.recordedTransitionDays;
    const storageClass = props.recordedStorageClass ?? d.recordedStorageClass;
    if (storageClass === "STANDARD_IA" && transitionDays < 30) {
      throw new Error(`MediaBuckets: recordedTransitionDays must be >= 30 for recordedStorageClass STANDARD_IA (S3 rule), got ${transitionDays}`);
    }
    const name = (suffix: string) => `${props.namePrefix}-${suffix}-${props.accountId}`;
    const forceDestroy = props.forceDestroy ?? d.forceDestroy;

    this.cdnLogs = new PrivateBucket(this, "cdn-log-bucket", {
      bucketName: name("cdn-logs"),
      aclsForLogDelivery: true,
      forceDestroy,
      lifecycleRules: [
        {
          id: "expire-access-logs",
          status: "Enabled",
          filter: [{ prefix: "" }],
          expiration: [{ days: props.cdnLogRetentionDays ?? d.cdnLogRetentionDays }],
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
          expiration: [{ days: props.hlsRetentionDays ?? d.hlsRetentionDays }],
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
          noncurrentVersionExpiration: [{ noncurrentDays: props.recordedNoncurrentExpiryDays ?? d.recordedNoncurrentExpiryDays }],
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
  }
}
