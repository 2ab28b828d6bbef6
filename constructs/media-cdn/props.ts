import type { ITerraformDependable, TerraformProvider } from "cdktf";
import { DEFAULT_DNS_SETTINGS, DEFAULT_MEDIA_SETTINGS } from "../../contracts/settings-defaults";
import type { Ttl } from "./cache-policies";

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
  /** CloudFront price class. @default "PriceClass_200" (includes the Asian edges this platform's users need) */
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

/** What MediaCdn does when a prop is left out. */
export const MEDIA_CDN_DEFAULTS = {
  mediaRecord: DEFAULT_DNS_SETTINGS.mediaRecord,
  logPrefix: "cloudfront/",
  priceClass: DEFAULT_MEDIA_SETTINGS.priceClass,
  /** About one 6 s segment: players see a new playlist with every segment. */
  manifestTtl: { min: 1, default: 2, max: 6 },
  segmentTtl: { min: 1, default: 86400, max: 31536000 },
} as const;
