/* eslint-disable @typescript-eslint/no-explicit-any -- synthesized Terraform JSON is untyped */
import { TerraformStack, Testing } from "cdktf";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { StateAuditTrail, type StateAuditTrailProps } from "./index";

type Resources = Record<string, Record<string, any>>;

function synth(overrides: Partial<StateAuditTrailProps> = {}): Resources {
  const stack = new TerraformStack(Testing.app(), "test");
  new AwsProvider(stack, "aws", { region: "ap-southeast-1" });
  new StateAuditTrail(stack, "audit", { stateBucketName: "tfstate-111111111111", accountId: "111111111111", region: "ap-southeast-1", ...overrides });
  return JSON.parse(Testing.synth(stack)).resource;
}
const only = (map: Record<string, any> | undefined): any => {
  const values = Object.values(map ?? {});
  expect(values).toHaveLength(1);
  return values[0];
};
const TRAIL_ARN = "arn:aws:cloudtrail:ap-southeast-1:111111111111:trail/tfstate-111111111111-audit";

describe("StateAuditTrail", () => {
  const r = synth();
  const trail = only(r.aws_cloudtrail);

  test("a multi-region, validated, KMS-encrypted trail recording every read and write of state objects and the management events", () => {
    expect(trail).toMatchObject({
      name: "tfstate-111111111111-audit",
      is_multi_region_trail: true,
      include_global_service_events: true,
      enable_log_file_validation: true,
      enable_logging: true,
      kms_key_id: expect.stringMatching(/^\$\{aws_kms_key\..+\.arn\}$/),
      event_selector: [{ read_write_type: "All", include_management_events: true, data_resource: [{ type: "AWS::S3::Object", values: ["arn:aws:s3:::tfstate-111111111111/"] }] }],
    });
    expect(trail.depends_on).toEqual(expect.arrayContaining([expect.stringMatching(/^aws_s3_bucket_policy\./), expect.stringMatching(/^aws_kms_key\./)]));
    expect(only(synth({ includeManagementEvents: false }).aws_cloudtrail).event_selector[0].include_management_events).toBe(false);
  });

  test("the key rotates and lets CloudTrail encrypt only for this trail, with this account's trail context", () => {
    const key = only(r.aws_kms_key);
    expect(key.enable_key_rotation).toBe(true);
    const statements = JSON.parse(key.policy).Statement;
    expect(statements.find((s: any) => s.Sid === "CloudTrailEncryptsThisTrailsLogs")).toMatchObject({
      Principal: { Service: "cloudtrail.amazonaws.com" },
      Action: "kms:GenerateDataKey*",
      Condition: { StringEquals: { "aws:SourceArn": TRAIL_ARN }, StringLike: { "kms:EncryptionContext:aws:cloudtrail:arn": "arn:aws:cloudtrail:*:111111111111:trail/*" } },
    });
    expect(statements.find((s: any) => s.Sid === "CloudTrailDescribesTheKey").Condition).toEqual({ StringEquals: { "aws:SourceArn": TRAIL_ARN } });
    expect(statements.flatMap((s: any) => [s.Action].flat())).not.toContain("kms:*");
  });

  test("the bucket is private, versioned, TLS-only, and writable by this trail only", () => {
    expect(only(r.aws_s3_bucket).bucket).toBe("tfstate-111111111111-audit");
    expect(only(r.aws_s3_bucket_versioning).versioning_configuration).toEqual({ status: "Enabled" });
    expect(only(r.aws_s3_bucket_public_access_block)).toMatchObject({ block_public_acls: true, block_public_policy: true, ignore_public_acls: true, restrict_public_buckets: true });
    const statements = JSON.parse(only(r.aws_s3_bucket_policy).policy).Statement;
    expect(statements.map((s: any) => s.Sid)).toEqual(["DenyInsecureTransport", "CloudTrailChecksTheAcl", "CloudTrailWritesThisAccountsLogs"]);
    expect(statements[2]).toMatchObject({
      Action: "s3:PutObject",
      Resource: expect.stringMatching(/\/AWSLogs\/111111111111\/\*$/),
      Condition: { StringEquals: { "s3:x-amz-acl": "bucket-owner-full-control", "aws:SourceArn": TRAIL_ARN } },
    });
    expect(only(r.aws_s3_bucket_lifecycle_configuration).rule[0].expiration).toEqual([{ days: 365 }]);
  });

  test("invalid props are refused together", () => {
    expect(() => synth({ stateBucketName: "x".repeat(60), accountId: "1", keyDeletionWindowDays: 40 })).toThrow(/must fit 63 characters; accountId '1' must be a 12-digit.*keyDeletionWindowDays must be a whole number from 7 to 30, got 40/);
  });
});
