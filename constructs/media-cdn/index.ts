import { Construct } from "constructs";
import type { ITerraformDependable, TerraformProvider } from "cdktf";
import { CloudfrontDistribution, type CloudfrontDistributionDefaultCacheBehavior, type CloudfrontDistributionOrderedCacheBehavior } from "@cdktf/provider-aws/lib/cloudfront-distribution";
import { CloudfrontOriginAccessControl } from "@cdktf/provider-aws/lib/cloudfront-origin-access-control";
import { Route53Record } from "@cdktf/provider-aws/lib/route53-record";
import { HlsCachePolicies, type Ttl } from "./cache-policies";
import { DnsValidatedCertificate } from "../dns-validated-certificate";
import { PlaybackHeaders } from "./playback-headers";
import { SignedPlayback } from "./signed-playback";

export interface MediaCdnProps {
  /** Prefix of every name, e.g. `livestream-dev`. */
  readonly namePrefix: string;
  /** Hosted zone id of the environment (from ApiEdge). */
  readonly zoneId: string;
  /** Hosted zone name, e.g. dev.example.com. */
  readonly zoneName: string;
  /** Label of the media name inside the zone. @default "media" */
  readonly mediaRecord?: string;
  /** AWS provider aliased to us-east-1, for the CloudFront certificate. */
  readonly usEast1Provider: TerraformProvider;
  /** Regional domain name of hls-bucket (origin of `/live/*`). */
  readonly hlsBucketDomainName: string;
  /** Regional domain name of recorded-media-bucket (origin of `/sessions/*`). */
  readonly recordedBucketDomainName: string;
  /** `<bucket>.s3.amazonaws.com` of cdn-log-bucket (CloudFront standard logs). */
  readonly logBucketDomainName: string;
  /**
   * Resources that enable ACLs on cdn-log-bucket (its ownership controls). CloudFront standard
   * logging writes an ACL grant when the distribution is created and fails while ACLs are off.
   * @default none
   */
  readonly logBucketAclsReady?: ITerraformDependable[];
  /** Key prefix of the access logs. @default "cloudfront/" */
  readonly logPrefix?: string;
  /** PEM public key that signed playback URLs/cookies are verified with. */
  readonly publicKeyPem: string;
  /** Older public keys still trusted during a signing-key rotation. @default none */
  readonly retiringPublicKeyPems?: readonly string[];
  /** Web player origins for CORS. */
  readonly corsAllowedOrigins: string[];
  /** @default "PriceClass_200" (includes Asian edges) */
  readonly priceClass?: "PriceClass_100" | "PriceClass_200" | "PriceClass_All";
  /** Country restriction. @default none */
  readonly geoRestriction?: { readonly type: "whitelist" | "blacklist"; readonly locations: string[] };
  /** WAF web ACL (global scope) in front of playback. @default none: signed URLs/cookies already gate every request */
  readonly webAclArn?: string;
  /** Playlist TTLs. @default { min: 1, default: 2, max: 6 } (about a 6 s segment) */
  readonly manifestTtl?: Ttl;
  /** Segment TTLs. @default { min: 1, default: 86400, max: 31536000 } */
  readonly segmentTtl?: Ttl;
}

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
    const mediaDomainName = `${props.mediaRecord ?? "media"}.${props.zoneName}`;

    const certificate = new DnsValidatedCertificate(this, "certificate", { domainName: mediaDomainName, zoneId: props.zoneId, provider: props.usEast1Provider });
    const signed = new SignedPlayback(this, "signed-playback", {
      namePrefix: props.namePrefix,
      publicKeyPem: props.publicKeyPem,
      retiringPublicKeyPems: props.retiringPublicKeyPems,
    });
    const cache = new HlsCachePolicies(this, "cache-policies", {
      namePrefix: props.namePrefix,
      manifestTtl: props.manifestTtl ?? { min: 1, default: 2, max: 6 },
      segmentTtl: props.segmentTtl ?? { min: 1, default: 86400, max: 31536000 },
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
      priceClass: props.priceClass ?? "PriceClass_200",
      webAclId: props.webAclArn,
      origin: [
        { originId: HLS_ORIGIN, domainName: props.hlsBucketDomainName, originAccessControlId: oac.id },
        { originId: RECORDED_ORIGIN, domainName: props.recordedBucketDomainName, originAccessControlId: oac.id },
      ],
      // Order matters: playlists first, then everything else under the prefix is a segment.
      orderedCacheBehavior: [
        behaviour("live/*.m3u8", HLS_ORIGIN, cache.manifestPolicyId),
        behaviour("live/*", HLS_ORIGIN, cache.segmentPolicyId),
        behaviour("sessions/*.m3u8", RECORDED_ORIGIN, cache.manifestPolicyId),
        behaviour("sessions/*", RECORDED_ORIGIN, cache.segmentPolicyId),
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
      loggingConfig: { bucket: props.logBucketDomainName, prefix: props.logPrefix ?? "cloudfront/", includeCookies: false },
      // CloudFront Developer Guide, "Configure standard logging (legacy)": the log bucket must have
      // ACLs enabled; CloudFront adds the awslogsdelivery grant when logging is turned on.
      dependsOn: props.logBucketAclsReady,
    });

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
