import type { TerraformStack } from "cdktf";
import { Cloudtrail, type CloudtrailConfig } from "@cdktf/provider-aws/lib/cloudtrail";
import { S3Bucket } from "@cdktf/provider-aws/lib/s3-bucket";
import { findingsOf, requireBothOutcomes } from "../../testing";
import { trailMultiRegion } from "./trail-multi-region";
import { trailLogValidation } from "./trail-log-validation";
import { trailCustomerKey } from "./trail-customer-key";
import { stateBucketDataEvents } from "./state-data-events";

const STATE_OBJECTS = [{ type: "AWS::S3::Object", values: ["arn:aws:s3:::tfstate-111111111111/"] }];
const GOOD: CloudtrailConfig = {
  name: "audit",
  s3BucketName: "audit-logs",
  kmsKeyId: "arn:aws:kms:ap-southeast-1:111111111111:key/k",
  isMultiRegionTrail: true,
  enableLogFileValidation: true,
  eventSelector: [{ readWriteType: "All", dataResource: STATE_OBJECTS }],
};
const trail = (s: TerraformStack, overrides: Partial<CloudtrailConfig> = {}) => new Cloudtrail(s, "trail", { ...GOOD, ...overrides });
const stateBucket = (s: TerraformStack) => new S3Bucket(s, "state", { bucket: "tfstate-111111111111", tags: { "livestream:data-class": "terraform-state" } });

describe.each([
  ["LS-AUDIT-001 multi-region", trailMultiRegion, { isMultiRegionTrail: false }, /is_multi_region_trail/],
  ["LS-AUDIT-002 log file validation", trailLogValidation, { enableLogFileValidation: undefined }, /enable_log_file_validation/],
  ["LS-AUDIT-003 customer-managed key", trailCustomerKey, { kmsKeyId: undefined }, /kms_key_id/],
] as const)("%s", (_name, rule, bad, message) => {
  test("passes on a multi-region, validated, KMS-encrypted trail", () => expect(findingsOf(rule, (s) => void trail(s))).toEqual([]));
  test("fires when the setting is off", () => expect(findingsOf(rule, (s) => void trail(s, bad))[0].message).toMatch(message));
});

describe("LS-AUDIT-004 state bucket data events", () => {
  test("passes when a trail records the state bucket's reads and writes, by name or by reference; untagged buckets are not checked", () => {
    expect(findingsOf(stateBucketDataEvents, (s) => {
      stateBucket(s);
      trail(s);
    })).toEqual([]);
    expect(findingsOf(stateBucketDataEvents, (s) => {
      const b = stateBucket(s);
      trail(s, { eventSelector: [{ dataResource: [{ type: "AWS::S3::Object", values: [`${b.arn}/`] }] }] });
    })).toEqual([]);
    expect(findingsOf(stateBucketDataEvents, (s) => void new S3Bucket(s, "media", { bucket: "media" }))).toEqual([]);
  });
  test("fires without a trail, with write-only events, with another bucket's events and with logging off", () => {
    expect(findingsOf(stateBucketDataEvents, (s) => void stateBucket(s))[0].message).toMatch(/no CloudTrail trail in this stack records/);
    expect(findingsOf(stateBucketDataEvents, (s) => {
      stateBucket(s);
      trail(s, { eventSelector: [{ readWriteType: "WriteOnly", dataResource: STATE_OBJECTS }] });
    })[0].message).toBe("only WriteOnly data events are recorded for this state bucket");
    expect(findingsOf(stateBucketDataEvents, (s) => {
      stateBucket(s);
      trail(s, { eventSelector: [{ dataResource: [{ type: "AWS::S3::Object", values: ["arn:aws:s3:::other-bucket/"] }] }] });
    })).toHaveLength(1);
    expect(findingsOf(stateBucketDataEvents, (s) => {
      stateBucket(s);
      trail(s, { enableLogging: false });
    })).toHaveLength(1);
  });
});

requireBothOutcomes([trailMultiRegion, trailLogValidation, trailCustomerKey, stateBucketDataEvents]);
