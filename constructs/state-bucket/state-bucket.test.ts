import { TerraformStack, Testing } from "cdktf";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { StateBucket } from ".";

type Resources = Record<string, Record<string, Record<string, unknown>>>;

function synth(noncurrentVersionDays?: number, auditTrail?: boolean): Resources {
  const stack = new TerraformStack(Testing.app(), "test");
  new AwsProvider(stack, "aws", { region: "ap-southeast-1" });
  new StateBucket(stack, "state", { bucketName: "tfstate-111111111111", noncurrentVersionDays, accountId: "111111111111", region: "ap-southeast-1", auditTrail });
  return (JSON.parse(Testing.synth(stack)) as { resource: Resources }).resource;
}
const stateBucket = (r: Resources) => Object.values(r.aws_s3_bucket).find((b) => b.bucket === "tfstate-111111111111")!;

test("versioned, KMS-encrypted, private, owner-enforced, TLS-only and never destroyed", () => {
  const r = synth(undefined, false); // the audit trail's own bucket is tested in constructs/state-audit-trail
  expect(stateBucket(r)).toMatchObject({ bucket: "tfstate-111111111111", lifecycle: { prevent_destroy: true }, tags: { "livestream:data-class": "terraform-state" } });
  expect(Object.values(r.aws_s3_bucket_versioning)[0].versioning_configuration).toEqual({ status: "Enabled" });
  expect(JSON.stringify(Object.values(r.aws_s3_bucket_server_side_encryption_configuration)[0])).toMatch(/aws:kms/);
  expect(Object.values(r.aws_s3_bucket_public_access_block)[0]).toMatchObject({
    block_public_acls: true,
    block_public_policy: true,
    ignore_public_acls: true,
    restrict_public_buckets: true,
  });
  expect(Object.values(r.aws_s3_bucket_ownership_controls)[0].rule).toEqual({ object_ownership: "BucketOwnerEnforced" });
  const policy = JSON.parse(String(Object.values(r.aws_s3_bucket_policy)[0].policy));
  expect(policy.Statement[0]).toMatchObject({ Effect: "Deny", Condition: { Bool: { "aws:SecureTransport": "false" } } });
});

test("old state versions expire after the given days; a bad value is refused", () => {
  const rule = (Object.values(synth(30).aws_s3_bucket_lifecycle_configuration)[0].rule as Record<string, unknown>[])[0];
  expect(rule.noncurrent_version_expiration).toEqual([{ noncurrent_days: 30 }]);
  expect(() => synth(0)).toThrow(/noncurrentVersionDays/);
});

test("a CloudTrail trail audits the bucket's objects unless turned off", () => {
  const trail = Object.values(synth().aws_cloudtrail)[0] as { name: string; event_selector: { data_resource: { values: string[] }[] }[] };
  expect(trail.name).toBe("tfstate-111111111111-audit");
  expect(trail.event_selector[0].data_resource[0].values).toEqual(["arn:aws:s3:::tfstate-111111111111/"]);
  expect(synth(undefined, false).aws_cloudtrail).toBeUndefined();
});
