import { Construct } from "constructs";
import { CloudfrontCachePolicy } from "@cdktf/provider-aws/lib/cloudfront-cache-policy";

/** Edge TTLs in seconds. */
export interface Ttl {
  readonly min: number;
  readonly default: number;
  readonly max: number;
}

export interface HlsCachePoliciesProps {
  /** Prefix of the policy names (unique per account). */
  readonly namePrefix: string;
  /** Manifest TTLs: about a segment, so players see new segments promptly. */
  readonly manifestTtl: Ttl;
  /** Segment TTLs: segments never change once written. */
  readonly segmentTtl: Ttl;
}

function checkTtl(name: string, t: Ttl): void {
  if (!(t.min >= 0 && t.min <= t.default && t.default <= t.max)) {
    throw new Error(`HlsCachePolicies: ${name} must satisfy 0 <= min <= default <= max, got ${t.min}/${t.default}/${t.max}`);
  }
}

/**
 * Cache policies for HLS. Both keep cookies, headers and query strings out of the cache key:
 * signed-URL parameters are checked by CloudFront and must not split the cache per viewer.
 */
export class HlsCachePolicies extends Construct {
  readonly manifestPolicyId: string;
  readonly segmentPolicyId: string;

  constructor(scope: Construct, id: string, props: HlsCachePoliciesProps) {
    super(scope, id);
    checkTtl("manifestTtl", props.manifestTtl);
    checkTtl("segmentTtl", props.segmentTtl);
    const policy = (name: string, comment: string, ttl: Ttl) =>
      new CloudfrontCachePolicy(this, name, {
        name: `${props.namePrefix}-${name}`,
        comment,
        minTtl: ttl.min,
        defaultTtl: ttl.default,
        maxTtl: ttl.max,
        parametersInCacheKeyAndForwardedToOrigin: {
          cookiesConfig: { cookieBehavior: "none" },
          headersConfig: { headerBehavior: "none" },
          queryStringsConfig: { queryStringBehavior: "none" },
          enableAcceptEncodingGzip: true,
          enableAcceptEncodingBrotli: true,
        },
      });
    this.manifestPolicyId = policy("hls-manifests", "HLS playlists: cached about one segment length", props.manifestTtl).id;
    this.segmentPolicyId = policy("hls-segments", "HLS media segments: immutable, cached long", props.segmentTtl).id;
  }
}
