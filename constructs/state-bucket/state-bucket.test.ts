import { TerraformStack, Testing } from "cdktf";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { StateBucket } from ".";

type Resources = Record<string, Record<string, Record<string, unknown>>>;

function synth(noncurrentVersionDays?: number): Resources {
  const stack = new TerraformStack(Testing.app(), "test");
  new AwsProvider(stack, "aws", { region: "ap-southeast-1" });
  new StateBucket(stack, "state", { bucketName: "tfstate-111111111111", noncurrentVersionDays });
  return (JSON.parse(Testing.synth(stack)) as { resource: Resources }).resource;
}

test("versioned, KMS-encrypted, private, owner-enforced, TLS-only and never destroyed", () => {
  const r = synth();
  expect(Object.values(r.aws_s3_bucket)[0]).toMatchObject({ bucket: "tfstate-111111111111", lifecycle: { prevent_destroy: true } });
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
