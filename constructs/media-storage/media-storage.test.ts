import { Testing } from "cdktf";
import { MediaBucketPolicies, MediaBuckets, type MediaBucketsProps } from "./index";
import { statementsOf } from "../iam-policy/testing";

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const DISTRIBUTION_ARN = "arn:aws:cloudfront::111111111111:distribution/EDFDVBD6EXAMPLE";
const MEDIALIVE_ROLE = "arn:aws:iam::111111111111:role/livestream-test-medialive";
const HARVEST_ROLE = "arn:aws:iam::111111111111:role/livestream-test-mediapackage-harvest";

function synth(props: Partial<MediaBucketsProps> = {}): Json {
  return JSON.parse(
    Testing.synthScope((scope) => {
      const buckets = new MediaBuckets(scope, "media-buckets", { namePrefix: "livestream-test", accountId: "111111111111", ...props });
      new MediaBucketPolicies(scope, "media-bucket-policies", {
        buckets,
        accountId: "111111111111",
        distributionArn: DISTRIBUTION_ARN,
        hlsWriterRoleArns: [MEDIALIVE_ROLE],
        recordingWriterRoleArns: [HARVEST_ROLE],
      });
    }),
  );
}

const all = (json: Json, type: string): Json[] => Object.values(json.resource?.[type] ?? {});
const bucketRef = (json: Json, name: string): string => {
  const entry = Object.entries(json.resource.aws_s3_bucket).find(([, b]) => (b as Json).bucket === name);
  if (!entry) throw new Error(`no bucket ${name}`);
  return `\${aws_s3_bucket.${entry[0]}.id}`;
};
const forBucket = (json: Json, type: string, name: string): Json[] => all(json, type).filter((r) => r.bucket === bucketRef(json, name));
/** The statements of the policy of a bucket. */
function policyStatements(json: Json, name: string): Json[] {
  const [policy] = forBucket(json, "aws_s3_bucket_policy", name);
  return statementsOf(policy.policy);
}

const HLS = "livestream-test-hls-111111111111";
const RECORDED = "livestream-test-recorded-media-111111111111";
const LOGS = "livestream-test-cdn-logs-111111111111";

describe("MediaBuckets", () => {
  const json = synth({ hlsRetentionDays: 2, cdnLogRetentionDays: 45 });

  test("creates the three buckets named <prefix>-<role>-<account>", () => {
    expect(all(json, "aws_s3_bucket").map((b) => b.bucket).sort()).toEqual([LOGS, HLS, RECORDED].sort());
    expect(all(json, "aws_s3_bucket").every((b) => b.force_destroy === false)).toBe(true);
  });

  test.each([HLS, RECORDED, LOGS])("%s blocks every kind of public access and is encrypted", (name) => {
    const [block] = forBucket(json, "aws_s3_bucket_public_access_block", name);
    expect(block).toMatchObject({ block_public_acls: true, block_public_policy: true, ignore_public_acls: true, restrict_public_buckets: true });
    const [sse] = forBucket(json, "aws_s3_bucket_server_side_encryption_configuration", name);
    expect(sse.rule[0].apply_server_side_encryption_by_default.sse_algorithm).toBe("AES256");
  });

  test("ACLs are disabled except on the log bucket CloudFront standard logging writes through", () => {
    expect(forBucket(json, "aws_s3_bucket_ownership_controls", HLS)[0].rule.object_ownership).toBe("BucketOwnerEnforced");
    expect(forBucket(json, "aws_s3_bucket_ownership_controls", RECORDED)[0].rule.object_ownership).toBe("BucketOwnerEnforced");
    expect(forBucket(json, "aws_s3_bucket_ownership_controls", LOGS)[0].rule.object_ownership).toBe("BucketOwnerPreferred");
    expect(all(json, "aws_s3_bucket_acl")).toHaveLength(0);
  });

  test("only the recordings bucket is versioned", () => {
    const versioning = all(json, "aws_s3_bucket_versioning");
    expect(versioning).toHaveLength(1);
    expect(versioning[0].bucket).toBe(bucketRef(json, RECORDED));
    expect(versioning[0].versioning_configuration.status).toBe("Enabled");
  });

  test("lifecycles: live segments and logs expire, recordings are tiered after 30 days", () => {
    const rule = (name: string, id: string) => forBucket(json, "aws_s3_bucket_lifecycle_configuration", name)[0].rule.find((r: Json) => r.id === id);
    expect(rule(HLS, "expire-live-segments").expiration).toEqual([{ days: 2 }]);
    expect(rule(LOGS, "expire-access-logs").expiration).toEqual([{ days: 45 }]);
    const tier = rule(RECORDED, "tier-recordings");
    expect(tier.transition).toEqual([{ days: 30, storage_class: "INTELLIGENT_TIERING" }]);
    expect(tier.noncurrent_version_expiration).toEqual([{ noncurrent_days: 30 }]);
    expect(tier.expiration).toBeUndefined();
    for (const name of [HLS, RECORDED, LOGS]) expect(rule(name, "abort-incomplete-uploads").abort_incomplete_multipart_upload).toEqual([{ days_after_initiation: 1 }]);
  });

  test.each([HLS, RECORDED, LOGS])("%s denies every request without TLS", (name) => {
    const tls = policyStatements(json, name).find((s) => s.Sid === "DenyInsecureTransport")!;
    expect(tls).toMatchObject({ Effect: "Deny", Principal: "*", Action: "s3:*", Condition: { Bool: { "aws:SecureTransport": "false" } } });
    expect(tls.Resource).toEqual([expect.stringMatching(/\.arn\}$/), expect.stringMatching(/\.arn\}\/\*$/)]);
  });

  test("reads are allowed only to this distribution through OAC, on the served prefix", () => {
    for (const [name, prefix] of [[HLS, "live/*"], [RECORDED, "sessions/*"]]) {
      const allows = policyStatements(json, name).filter((s) => s.Effect === "Allow");
      expect(allows).toHaveLength(1);
      expect(allows[0].Principal).toEqual({ Service: "cloudfront.amazonaws.com" });
      expect(allows[0].Action).toEqual(["s3:GetObject"]);
      expect(allows[0].Resource[0]).toMatch(new RegExp(`/${prefix.replace("*", "\\*")}$`));
      expect(allows[0].Condition).toEqual({ StringEquals: { "AWS:SourceArn": DISTRIBUTION_ARN } });
    }
    // The log bucket admits only S3 server access log delivery from this account's media buckets.
    const logAllows = policyStatements(json, LOGS).filter((s) => s.Effect === "Allow");
    expect(logAllows).toHaveLength(1);
    expect(logAllows[0].Principal).toEqual({ Service: "logging.s3.amazonaws.com" });
    expect(logAllows[0].Condition.StringEquals).toEqual({ "aws:SourceAccount": "111111111111" });
  });

  test("the media buckets send server access logs to the log bucket", () => {
    const logging = all(json, "aws_s3_bucket_logging");
    expect(logging.map((l) => l.bucket).sort()).toEqual([bucketRef(json, HLS), bucketRef(json, RECORDED)].sort());
    for (const l of logging) expect(l.target_bucket).toMatch(/^\$\{aws_s3_bucket\.media-buckets_cdn-log-bucket_[0-9A-F]+\.bucket\}$/);
  });

  test("writes by any principal but the media roles are denied", () => {
    const deny = (name: string) => policyStatements(json, name).find((s) => s.Sid === "DenyWritesExceptMediaRoles")!;
    expect(deny(HLS).Condition).toEqual({ ArnNotEquals: { "aws:PrincipalArn": [MEDIALIVE_ROLE] } });
    expect(deny(RECORDED).Condition).toEqual({ ArnNotEquals: { "aws:PrincipalArn": [HARVEST_ROLE] } });
    expect(deny(HLS).Action).toEqual(["s3:PutObject"]);
  });

  test("policies wait for the public access blocks", () => {
    for (const p of all(json, "aws_s3_bucket_policy")) expect(p.depends_on.some((d: string) => d.startsWith("aws_s3_bucket_public_access_block."))).toBe(true);
  });

  test("STANDARD_IA before 30 days is refused, naming the props", () => {
    expect(() => synth({ recordedStorageClass: "STANDARD_IA", recordedTransitionDays: 10 })).toThrow(/recordedTransitionDays.*STANDARD_IA/);
    expect(() => synth({ hlsRetentionDays: 0 })).toThrow(/hlsRetentionDays/);
  });

  test("bucket policies need the writer roles", () => {
    expect(() =>
      Testing.synthScope((scope) => {
        const buckets = new MediaBuckets(scope, "b", { namePrefix: "livestream-test", accountId: "111111111111" });
        new MediaBucketPolicies(scope, "p", { buckets, accountId: "111111111111", distributionArn: DISTRIBUTION_ARN, hlsWriterRoleArns: [], recordingWriterRoleArns: [HARVEST_ROLE] });
      }),
    ).toThrow(/hlsWriterRoleArns/);
  });
});
