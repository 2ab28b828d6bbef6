import { DEFAULT_MEDIA_SETTINGS } from "../../contracts/settings-defaults";

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

/** What MediaBuckets does when a prop is left out. */
export const MEDIA_BUCKETS_DEFAULTS = {
  hlsRetentionDays: DEFAULT_MEDIA_SETTINGS.hlsRetentionDays,
  cdnLogRetentionDays: DEFAULT_MEDIA_SETTINGS.cdnLogRetentionDays,
  recordedTransitionDays: DEFAULT_MEDIA_SETTINGS.recordedTransitionDays,
  recordedStorageClass: DEFAULT_MEDIA_SETTINGS.recordedStorageClass,
  recordedNoncurrentExpiryDays: DEFAULT_MEDIA_SETTINGS.recordedNoncurrentExpiryDays,
  forceDestroy: false,
} as const;
