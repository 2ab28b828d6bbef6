import { MediaCdn } from "../../constructs/media-cdn";
import { MediaChannelPool } from "../../constructs/media-channel-pool";
import { MediaPackageRecording } from "../../constructs/media-package";
import { MediaBucketPolicies, MediaBuckets } from "../../constructs/media-storage";
import type { ApiArea } from "./api";
import type { Platform } from "./foundation";

export interface MediaArea {
  /** hls-bucket, recorded-media-bucket, cdn-log-bucket. */
  readonly buckets: MediaBuckets;
  /** MediaPackage channels, origin endpoints (startover window) and the harvest role. */
  readonly packaging: MediaPackageRecording;
  /** The MediaLive channel pool the ops CLI runs around sessions. */
  readonly channelPool: MediaChannelPool;
  /** CloudFront delivery of live and recorded playback. */
  readonly cdn: MediaCdn;
}

/**
 * Design steps 12-18: mentors push RTMP -> MediaLive -> HLS in hls-bucket (live) and MediaPackage
 * (startover window, harvested to recorded-media-bucket) -> CloudFront.
 */
export function buildMedia(p: Platform, api: ApiArea): MediaArea {
  const { config } = p;
  const media = config.media;
  const buckets = new MediaBuckets(p.stack, "media-buckets", {
    namePrefix: p.namePrefix,
    accountId: config.accountId,
    hlsRetentionDays: media.hlsRetentionDays,
    cdnLogRetentionDays: media.cdnLogRetentionDays,
    recordedTransitionDays: media.recordedTransitionDays,
    recordedStorageClass: media.recordedStorageClass,
    recordedNoncurrentExpiryDays: media.recordedNoncurrentExpiryDays,
    forceDestroy: config.tier === "dev",
  });
  const packaging = new MediaPackageRecording(p.stack, "media-package", {
    namePrefix: p.namePrefix,
    channelCount: media.channelCount,
    recordedBucketArn: buckets.recorded.arn,
    startoverWindowHours: media.startoverWindowHours,
    segmentDurationSeconds: media.ladder.segmentSeconds,
  });
  const channelPool = new MediaChannelPool(p.stack, "media-channel-pool", {
    namePrefix: p.namePrefix,
    poolName: config.name,
    accountId: config.accountId,
    region: config.region,
    channelCount: media.channelCount,
    channelClass: media.channelClass,
    ladder: media.ladder,
    inputAllowedCidrs: media.inputAllowedCidrs,
    allowWorldIngest: media.allowWorldIngest,
    hlsBucketName: buckets.hls.name,
    hlsBucketArn: buckets.hls.arn,
    mediaPackageTargets: packaging.channels,
  });
  const cdn = new MediaCdn(p.stack, "media-cdn", {
    namePrefix: p.namePrefix,
    zoneId: api.edge.zoneId,
    zoneName: api.edge.zoneName,
    mediaRecord: config.dns.mediaRecord,
    usEast1Provider: p.usEast1Provider,
    hlsBucketDomainName: buckets.hls.regionalDomainName,
    recordedBucketDomainName: buckets.recorded.regionalDomainName,
    logBucketDomainName: buckets.cdnLogs.domainName,
    logBucketAclsReady: buckets.cdnLogs.aclsReady,
    publicKeyPem: media.cdnPublicKeyPem,
    retiringPublicKeyPems: media.cdnRetiringPublicKeyPems,
    corsAllowedOrigins: media.corsAllowedOrigins,
    priceClass: media.priceClass,
    geoRestriction: media.geoRestriction,
  });
  // Readable only by the distribution, writable only by the channels and the harvest role.
  new MediaBucketPolicies(p.stack, "media-bucket-policies", {
    buckets,
    accountId: config.accountId,
    distributionArn: cdn.distributionArn,
    hlsWriterRoleArns: [channelPool.roleArn],
    recordingWriterRoleArns: [packaging.harvestRoleArn],
  });
  return { buckets, packaging, channelPool, cdn };
}
