import { Construct } from "constructs";
import { CloudfrontDistribution, type CloudfrontDistributionDefaultCacheBehavior, type CloudfrontDistributionOrderedCacheBehavior } from "@cdktf/provider-aws/lib/cloudfront-distribution";
import { CloudfrontOriginAccessControl } from "@cdktf/provider-aws/lib/cloudfront-origin-access-control";
import { Route53Record } from "@cdktf/provider-aws/lib/route53-record";
import { HlsCachePolicies } from "./cache-policies";
import { DnsValidatedCertificate } from "../dns-validated-certificate";
import { PlaybackHeaders } from "./playback-headers";
import { SignedPlayback } from "./signed-playback";
import { LIVE_PREFIX, SESSIONS_PREFIX } from "../../contracts";
import { MEDIA_CDN_DEFAULTS, type MediaCdnProps } from "./props";
import { suppress } from "../../policies/engine/suppressions";

export { MEDIA_CDN_DEFAULTS, type MediaCdnProps } from "./props";

const HLS_ORIGIN = "hls-bucket";
const RECORDED_ORIGIN = "recorded-media-bucket";
const READ_METHODS = ["GET", "HEAD", "OPTIONS"];
const CACHED_METHODS = ["GET", "HEAD"];

/**
 * CloudFront delivery of live (`/live/*` from hls-bucket) and recorded (`/sessions/*` from
 * recorded-media-bucket) HLS: origin access control on both origins, HTTPS only (TLS 1.2_2021),
 * signed URLs or cookies on every behaviour, standard logs to cdn-log-bucket, and the media name
 * in the environment's zone.
 */
export class MediaCdn extends Construct {
  readonly distributionArn: string;
  readonly distributionId: string;
  /** `<mediaRecord>.<zoneName>`: playback URLs are https://<mediaDomainName>/live/... and /sessions/... */
  readonly mediaDomainName: string;
  /** CloudFront public key id: the `Key-Pair-Id` the backend signs with. */
  readonly signingKeyId: string;

  constructor(scope: Construct, id: string, props: MediaCdnProps) {
    super(scope, id);
    if (props.geoRestriction && props.geoRestriction.locations.length === 0) {
      throw new Error("MediaCdn: geoRestriction.locations must list at least one country code");
    }
    const d = MEDIA_CDN_DEFAULTS;
    const mediaDomainName = `${props.mediaRecord ?? d.mediaRecord}.${props.zoneName}`;

    const certificate = new DnsValidatedCertificate(this, "certificate", { domainName: mediaDomainName, zoneId: props.zoneId, provider: props.usEast1Provider });
    const signed = new SignedPlayback(this, "signed-playback", {
      namePrefix: props.namePrefix,
      publicKeyPem: props.publicKeyPem,
      retiringPublicKeyPems: props.retiringPublicKeyPems,
    });
    const cache = new HlsCachePolicies(this, "cache-policies", {
      namePrefix: props.namePrefix,
      manifestTtl: props.manifestTtl ?? d.manifestTtl,
      segmentTtl: props.segmentTtl ?? d.segmentTtl,
    });
    const headers = new PlaybackHeaders(this, "playback-headers", { namePrefix: props.namePrefix, corsAllowedOrigins: props.corsAllowedOrigins });

    const oac = new CloudfrontOriginAccessControl(this, "origin-access-control", {
      name: `${props.namePrefix}-media-buckets`,
      description: "CloudFront signs every request to the media buckets",
      originAccessControlOriginType: "s3",
      signingBehavior: "always",
      signingProtocol: "sigv4",
    });

    // Every behaviour: read-only methods, HTTPS only, signed requests only, CORS/security headers.
    const cacheBehaviour = (origin: string, cachePolicyId: string): CloudfrontDistributionDefaultCacheBehavior => ({
      targetOriginId: origin,
      allowedMethods: READ_METHODS,
      cachedMethods: CACHED_METHODS,
      cachePolicyId,
      responseHeadersPolicyId: headers.policyId,
      viewerProtocolPolicy: "https-only",
      compress: true,
      trustedKeyGroups: [signed.keyGroupId],
    });
    const behaviour = (pathPattern: string, origin: string, cachePolicyId: string): CloudfrontDistributionOrderedCacheBehavior => ({
      ...cacheBehaviour(origin, cachePolicyId),
      pathPattern,
    });

    const distribution = new CloudfrontDistribution(this, "distribution", {
      enabled: true,
      comment: `${props.namePrefix} live and recorded media`,
      aliases: [mediaDomainName],
      httpVersion: "http2and3",
      isIpv6Enabled: true,
      priceClass: props.priceClass ?? d.priceClass,
      webAclId: props.webAclArn,
      origin: [
        { originId: HLS_ORIGIN, domainName: props.hlsBucketDomainName, originAccessControlId: oac.id },
        { originId: RECORDED_ORIGIN, domainName: props.recordedBucketDomainName, originAccessControlId: oac.id },
      ],
      // Order matters: playlists first, then everything else under the prefix is a segment.
      orderedCacheBehavior: [
        behaviour(`${LIVE_PREFIX}*.m3u8`, HLS_ORIGIN, cache.manifestPolicyId),
        behaviour(`${LIVE_PREFIX}*`, HLS_ORIGIN, cache.segmentPolicyId),
        behaviour(`${SESSIONS_PREFIX}*.m3u8`, RECORDED_ORIGIN, cache.manifestPolicyId),
        behaviour(`${SESSIONS_PREFIX}*`, RECORDED_ORIGIN, cache.segmentPolicyId),
      ],
      // Anything else goes to hls-bucket, whose policy only lets CloudFront read live/: a 403.
      defaultCacheBehavior: cacheBehaviour(HLS_ORIGIN, cache.segmentPolicyId),
      viewerCertificate: {
        acmCertificateArn: certificate.arn,
        sslSupportMethod: "sni-only",
        minimumProtocolVersion: "TLSv1.2_2021",
      },
      restrictions: {
        geoRestriction: props.geoRestriction
          ? { restrictionType: props.geoRestriction.type, locations: props.geoRestriction.locations }
          : { restrictionType: "none" },
      },
      loggingConfig: { bucket: props.logBucketDomainName, prefix: props.logPrefix ?? d.logPrefix, includeCookies: false },
      // CloudFront Developer Guide, "Configure standard logging (legacy)": the log bucket must have
      // ACLs enabled; CloudFront adds the awslogsdelivery grant when logging is turned on.
      dependsOn: props.logBucketAclsReady,
    });
    suppress(
      distribution,
      "LS-CF-005",
      "Every object needs a signed URL or cookie of the trusted key group, so CloudFront refuses unsigned requests at the edge; a web ACL would bill each HLS request (a viewer fetches a segment every few seconds) to filter traffic that signatures already stop. The API's own WAF guards the ALB.",
    );

    for (const type of ["A", "AAAA"]) {
      new Route53Record(this, `alias-${type.toLowerCase()}`, {
        zoneId: props.zoneId,
        name: mediaDomainName,
        type,
        alias: { name: distribution.domainName, zoneId: distribution.hostedZoneId, evaluateTargetHealth: false },
      });
    }

    this.distributionArn = distribution.arn;
    this.distributionId = distribution.id;
    this.mediaDomainName = mediaDomainName;
    this.signingKeyId = signed.publicKeyId;
  }
}
