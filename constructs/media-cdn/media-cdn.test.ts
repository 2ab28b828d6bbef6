import { generateKeyPairSync } from "node:crypto";
import { Testing } from "cdktf";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { MediaCdn, type MediaCdnProps } from "./index";

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const all = (json: Json, type: string): Json[] => Object.values(json.resource?.[type] ?? {});
const PEM = generateKeyPairSync("rsa", { modulusLength: 2048 }).publicKey.export({ type: "spki", format: "pem" }).toString();

function synth(p: Partial<MediaCdnProps> = {}): Json {
  return JSON.parse(
    Testing.synthScope((scope) => {
      new AwsProvider(scope, "aws", { region: "ap-southeast-1" });
      const usEast1 = new AwsProvider(scope, "aws-us-east-1", { region: "us-east-1", alias: "us-east-1" });
      new MediaCdn(scope, "cdn", {
        namePrefix: "livestream-test",
        zoneId: "Z0123456789ABC",
        zoneName: "test.example.com",
        usEast1Provider: usEast1,
        hlsBucketDomainName: "livestream-test-hls.s3.ap-southeast-1.amazonaws.com",
        recordedBucketDomainName: "livestream-test-recorded.s3.ap-southeast-1.amazonaws.com",
        logBucketDomainName: "livestream-test-cdn-logs.s3.amazonaws.com",
        publicKeyPem: PEM,
        corsAllowedOrigins: ["https://app.test.example.com"],
        ...p,
      });
    }),
  );
}

describe("MediaCdn", () => {
  const json = synth();
  const [dist] = all(json, "aws_cloudfront_distribution");
  const behaviours: Json[] = [dist.default_cache_behavior, ...dist.ordered_cache_behavior];
  const policyTtl = (ref: string) => all(json, "aws_cloudfront_cache_policy").find((p) => ref.includes(`.${Object.entries(json.resource.aws_cloudfront_cache_policy).find(([, v]) => v === p)![0]}.`))!;

  test("HTTPS only with TLS 1.2_2021 and SNI, on the media name", () => {
    expect(dist.viewer_certificate).toMatchObject({ minimum_protocol_version: "TLSv1.2_2021", ssl_support_method: "sni-only" });
    expect(dist.viewer_certificate.acm_certificate_arn).toMatch(/aws_acm_certificate_validation/);
    expect(dist.aliases).toEqual(["media.test.example.com"]);
    for (const b of behaviours) expect(b.viewer_protocol_policy).toBe("https-only");
    expect(dist.http_version).toBe("http2and3");
    expect(dist.is_ipv6_enabled).toBe(true);
  });

  test("both S3 origins sign with one always-sigv4 origin access control", () => {
    const [oac] = all(json, "aws_cloudfront_origin_access_control");
    expect(oac).toMatchObject({ origin_access_control_origin_type: "s3", signing_behavior: "always", signing_protocol: "sigv4" });
    expect(dist.origin).toHaveLength(2);
    for (const o of dist.origin) {
      expect(o.origin_access_control_id).toMatch(/aws_cloudfront_origin_access_control\./);
      expect(o.custom_origin_config).toBeUndefined();
    }
  });

  test("every behaviour requires a URL or cookie signed for the trusted key group made from the config key", () => {
    const [key] = all(json, "aws_cloudfront_public_key");
    expect(key.encoded_key).toBe(PEM);
    for (const b of behaviours) expect(b.trusted_key_groups).toEqual([expect.stringMatching(/aws_cloudfront_key_group\./)]);
  });

  test("standard logs go to cdn-log-bucket", () => {
    expect(dist.logging_config).toEqual({ bucket: "livestream-test-cdn-logs.s3.amazonaws.com", prefix: "cloudfront/", include_cookies: false });
  });

  test("playlists are cached about a segment, segments long; live and sessions route to their buckets", () => {
    const byPath = Object.fromEntries(dist.ordered_cache_behavior.map((b: Json) => [b.path_pattern, b]));
    expect(Object.keys(byPath)).toEqual(["live/*.m3u8", "live/*", "sessions/*.m3u8", "sessions/*"]);
    expect(byPath["live/*"].target_origin_id).toBe("hls-bucket");
    expect(byPath["sessions/*"].target_origin_id).toBe("recorded-media-bucket");
    const manifest = policyTtl(byPath["live/*.m3u8"].cache_policy_id);
    const segment = policyTtl(byPath["live/*"].cache_policy_id);
    expect([manifest.min_ttl, manifest.default_ttl, manifest.max_ttl]).toEqual([1, 2, 6]);
    expect(segment.default_ttl).toBeGreaterThanOrEqual(86400);
    expect(policyTtl(byPath["sessions/*.m3u8"].cache_policy_id)).toBe(manifest);
    expect(manifest.parameters_in_cache_key_and_forwarded_to_origin.query_strings_config.query_string_behavior).toBe("none");
  });

  test("CORS admits the configured player origins for GET/HEAD/OPTIONS, with security headers", () => {
    const [headers] = all(json, "aws_cloudfront_response_headers_policy");
    expect(headers.cors_config.access_control_allow_origins.items).toEqual(["https://app.test.example.com"]);
    expect(headers.cors_config.access_control_allow_methods.items).toEqual(["GET", "HEAD", "OPTIONS"]);
    expect(headers.security_headers_config.strict_transport_security.access_control_max_age_sec).toBeGreaterThanOrEqual(31536000);
    for (const b of behaviours) expect(b.response_headers_policy_id).toMatch(/aws_cloudfront_response_headers_policy\./);
    for (const b of behaviours) expect(b.allowed_methods).toEqual(["GET", "HEAD", "OPTIONS"]);
  });

  test("the certificate is issued in us-east-1 and validated in the zone; A and AAAA aliases point at the distribution", () => {
    const [cert] = all(json, "aws_acm_certificate");
    expect(cert.provider).toBe("aws.us-east-1");
    expect(cert.domain_name).toBe("media.test.example.com");
    const records = all(json, "aws_route53_record");
    expect(records.filter((r) => r.alias).map((r) => r.type).sort()).toEqual(["A", "AAAA"]);
    for (const r of records) expect(r.zone_id).toBe("Z0123456789ABC");
  });

  test("price class and geo restriction follow the props", () => {
    expect(dist.price_class).toBe("PriceClass_200");
    expect(dist.restrictions.geo_restriction.restriction_type).toBe("none");
    const geo = all(synth({ geoRestriction: { type: "whitelist", locations: ["SG", "ID"] }, priceClass: "PriceClass_All" }), "aws_cloudfront_distribution")[0];
    expect(geo.restrictions.geo_restriction).toEqual({ restriction_type: "whitelist", locations: ["SG", "ID"] });
    expect(geo.price_class).toBe("PriceClass_All");
  });

  test("refuses a private key, a wildcard CORS origin and inverted TTLs", () => {
    expect(() => synth({ publicKeyPem: "-----BEGIN PRIVATE KEY-----\nabc\n-----END PRIVATE KEY-----\n" })).toThrow(/publicKeyPem/);
    expect(() => synth({ corsAllowedOrigins: ["*"] })).toThrow(/corsAllowedOrigins/);
    expect(() => synth({ manifestTtl: { min: 10, default: 2, max: 6 } })).toThrow(/manifestTtl/);
  });
});
