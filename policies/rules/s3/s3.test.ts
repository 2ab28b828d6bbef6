import { S3Bucket } from "@cdktf/provider-aws/lib/s3-bucket";
import { S3BucketPublicAccessBlock } from "@cdktf/provider-aws/lib/s3-bucket-public-access-block";
import { S3BucketServerSideEncryptionConfigurationA } from "@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration";
import { S3BucketVersioningA } from "@cdktf/provider-aws/lib/s3-bucket-versioning";
import { S3BucketLoggingA } from "@cdktf/provider-aws/lib/s3-bucket-logging";
import { S3BucketPolicy } from "@cdktf/provider-aws/lib/s3-bucket-policy";
import { DataAwsIamPolicyDocument } from "@cdktf/provider-aws/lib/data-aws-iam-policy-document";
import type { TerraformStack } from "cdktf";
import { findingsOf, requireBothOutcomes } from "../../testing";
import { bucketPublicAccessBlock } from "./bucket-public-access-block";
import { bucketEncryption } from "./bucket-encryption";
import { bucketKmsEncryption } from "./bucket-kms-encryption";
import { recordingsBucketVersioning } from "./recordings-bucket-versioning";
import { bucketAccessLogging } from "./bucket-access-logging";
import { bucketTlsOnlyPolicy } from "./bucket-tls-only-policy";

const sse = (s: TerraformStack, b: S3Bucket, alg: string) =>
  new S3BucketServerSideEncryptionConfigurationA(s, `sse-${b.node.id}`, { bucket: b.id, rule: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: alg } }] });

describe("LS-S3-001 bucket public access block", () => {
  test("passes with all four settings on", () => {
    expect(findingsOf(bucketPublicAccessBlock, (s) => {
      const b = new S3Bucket(s, "b", {});
      new S3BucketPublicAccessBlock(s, "pab", { bucket: b.id, blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true });
    })).toEqual([]);
  });
  test("fires without a block, and names settings left off", () => {
    expect(findingsOf(bucketPublicAccessBlock, (s) => void new S3Bucket(s, "b", {}))[0].message).toMatch(/no aws_s3_bucket_public_access_block/);
    const f = findingsOf(bucketPublicAccessBlock, (s) => {
      const b = new S3Bucket(s, "b", {});
      new S3BucketPublicAccessBlock(s, "pab", { bucket: b.id, blockPublicAcls: true, blockPublicPolicy: false, ignorePublicAcls: true, restrictPublicBuckets: true });
    });
    expect(f.map((x) => x.message)).toEqual(["public access block leaves block_public_policy off"]);
  });
});

describe("LS-S3-002 bucket encryption", () => {
  test("passes with a default SSE configuration", () => {
    expect(findingsOf(bucketEncryption, (s) => void sse(s, new S3Bucket(s, "b", {}), "AES256"))).toEqual([]);
  });
  test("fires without one", () => {
    expect(findingsOf(bucketEncryption, (s) => void new S3Bucket(s, "b", {}))).toHaveLength(1);
  });
});

describe("LS-S3-006 bucket KMS encryption", () => {
  test("passes with aws:kms, and for log buckets with AES256", () => {
    expect(findingsOf(bucketKmsEncryption, (s) => void sse(s, new S3Bucket(s, "b", {}), "aws:kms"))).toEqual([]);
    expect(findingsOf(bucketKmsEncryption, (s) => {
      const data = new S3Bucket(s, "data", {});
      const logs = new S3Bucket(s, "logs", {});
      sse(s, data, "aws:kms");
      sse(s, logs, "AES256");
      new S3BucketLoggingA(s, "log", { bucket: data.id, targetBucket: logs.id, targetPrefix: "data/" });
    })).toEqual([]);
  });
  test("fires on a data bucket with AES256", () => {
    expect(findingsOf(bucketKmsEncryption, (s) => void sse(s, new S3Bucket(s, "b", {}), "AES256"))[0].message).toMatch(/AES256/);
  });
});

describe("LS-S3-003 recordings bucket versioning", () => {
  test("passes when the recordings bucket is versioned, and ignores other buckets", () => {
    expect(findingsOf(recordingsBucketVersioning, (s) => {
      const b = new S3Bucket(s, "recordings", { bucket: "livestream-dev-recordings" });
      new S3BucketVersioningA(s, "v", { bucket: b.id, versioningConfiguration: { status: "Enabled" } });
      new S3Bucket(s, "hls", { bucket: "livestream-dev-hls" });
    })).toEqual([]);
  });
  test("fires on an unversioned or suspended recordings bucket", () => {
    expect(findingsOf(recordingsBucketVersioning, (s) => void new S3Bucket(s, "recorded-media", {}))).toHaveLength(1);
    expect(findingsOf(recordingsBucketVersioning, (s) => {
      const b = new S3Bucket(s, "b", { bucket: "x-recordings" });
      new S3BucketVersioningA(s, "v", { bucket: b.id, versioningConfiguration: { status: "Suspended" } });
    })).toHaveLength(1);
  });
});

describe("LS-S3-004 bucket access logging", () => {
  test("passes for a logged bucket and for its log bucket", () => {
    expect(findingsOf(bucketAccessLogging, (s) => {
      const data = new S3Bucket(s, "data", {});
      const logs = new S3Bucket(s, "logs", {});
      new S3BucketLoggingA(s, "log", { bucket: data.id, targetBucket: logs.id, targetPrefix: "data/" });
    })).toEqual([]);
  });
  test("fires on a bucket without logging", () => {
    expect(findingsOf(bucketAccessLogging, (s) => void new S3Bucket(s, "data", {}))).toHaveLength(1);
  });
});

describe("LS-S3-005 bucket TLS-only policy", () => {
  test("passes with a Deny on aws:SecureTransport=false, as a policy document or literal JSON", () => {
    expect(findingsOf(bucketTlsOnlyPolicy, (s) => {
      const b = new S3Bucket(s, "b", {});
      const doc = new DataAwsIamPolicyDocument(s, "doc", {
        statement: [{ effect: "Deny", actions: ["s3:*"], resources: [b.arn], principals: [{ type: "*", identifiers: ["*"] }], condition: [{ test: "Bool", variable: "aws:SecureTransport", values: ["false"] }] }],
      });
      new S3BucketPolicy(s, "p", { bucket: b.id, policy: doc.json });
    })).toEqual([]);
    expect(findingsOf(bucketTlsOnlyPolicy, (s) => {
      const b = new S3Bucket(s, "b", {});
      const policy = JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Deny", Principal: "*", Action: "s3:*", Resource: "*", Condition: { Bool: { "aws:SecureTransport": "false" } } }] });
      new S3BucketPolicy(s, "p", { bucket: b.id, policy });
    })).toEqual([]);
  });
  test("fires without a policy or with one lacking the Deny", () => {
    expect(findingsOf(bucketTlsOnlyPolicy, (s) => void new S3Bucket(s, "b", {}))[0].message).toMatch(/no aws_s3_bucket_policy/);
    expect(findingsOf(bucketTlsOnlyPolicy, (s) => {
      const b = new S3Bucket(s, "b", {});
      new S3BucketPolicy(s, "p", { bucket: b.id, policy: JSON.stringify({ Statement: [{ Effect: "Allow", Principal: "*", Action: "s3:GetObject", Resource: "*" }] }) });
    })[0].message).toMatch(/no Deny statement/);
  });
});

requireBothOutcomes([bucketPublicAccessBlock, bucketEncryption, bucketKmsEncryption, recordingsBucketVersioning, bucketAccessLogging, bucketTlsOnlyPolicy]);
