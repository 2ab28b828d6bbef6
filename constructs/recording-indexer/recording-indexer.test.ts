import { mkdtempSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { inflateRawSync } from "node:zlib";
import { Testing } from "cdktf";
import { bundleLambda } from "./bundle";
import { RecordingIndexer, type RecordingIndexerProps } from "./index";
import { createZip } from "./zip";
import { statementsOf } from "../iam-policy/testing";

const KEY = "arn:aws:kms:ap-southeast-1:111111111111:key/11111111-2222-3333-4444-555555555555";
const SECRET = "arn:aws:secretsmanager:ap-southeast-1:111111111111:secret:rds!db-abc-AbCdEf";
const BUCKET_ARN = "arn:aws:s3:::livestream-test-recorded-media";
const BASE: RecordingIndexerProps = {
  namePrefix: "livestream-test",
  accountId: "111111111111",
  region: "ap-southeast-1",
  vpcId: "vpc-0123456789abcdef0",
  vpcCidr: "10.20.0.0/16",
  privateSubnetIds: ["subnet-aaaa", "subnet-bbbb"],
  database: { host: "db.internal", port: 5432, name: "livestream", secretArn: SECRET, resourceId: "db-ABCDEFGHIJKL01234" },
  kmsKeyArn: KEY,
  recordedBucketName: "livestream-test-recorded-media",
  recordedBucketArn: BUCKET_ARN,
  mediaDomainName: "media.test.example.com",
  alarmTopicArn: "arn:aws:sns:ap-southeast-1:111111111111:livestream-test-ops",
};

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

function synth(props: Partial<RecordingIndexerProps> = {}): Json {
  return JSON.parse(Testing.synthScope((scope) => new RecordingIndexer(scope, "recording-indexer", { ...BASE, ...props })));
}
const all = (out: Json, type: string): Json[] => Object.values(out.resource?.[type] ?? {});
const one = (out: Json, type: string): Json => {
  const found = all(out, type);
  if (found.length !== 1) throw new Error(`expected one ${type}, found ${found.length}`);
  return found[0];
};

describe("RecordingIndexer", () => {
  const out = synth();
  const fn = one(out, "aws_lambda_function");

  test("runs arm64 Node.js 22 in the private subnets with its own security group", () => {
    expect(fn).toMatchObject({ runtime: "nodejs22.x", architectures: ["arm64"], handler: "index.handler", function_name: "livestream-test-recording-indexer" });
    expect(fn.vpc_config.subnet_ids).toEqual(["subnet-aaaa", "subnet-bbbb"]);
    expect(fn.vpc_config.security_group_ids).toEqual([expect.stringMatching(/^\$\{aws_security_group\.[^.]+\.id\}$/)]);
  });

  test("its security group only reaches PostgreSQL and HTTPS inside the VPC, and admits nothing", () => {
    const sg = one(out, "aws_security_group");
    expect(sg.ingress).toBeUndefined();
    const egress = all(out, "aws_vpc_security_group_egress_rule").map((r) => [r.from_port, r.to_port, r.cidr_ipv4]);
    expect(egress.sort()).toEqual([[443, 443, "10.20.0.0/16"], [5432, 5432, "10.20.0.0/16"]]);
    expect(all(out, "aws_vpc_security_group_ingress_rule")).toEqual([]);
  });

  test("no reserved concurrency unless configured (a new account's quota of 10 cannot reserve any)", () => {
    expect(fn).not.toHaveProperty("reserved_concurrent_executions");
    expect(one(synth({ reservedConcurrency: 5 }), "aws_lambda_function").reserved_concurrent_executions).toBe(5);
  });

  test("active tracing, KMS-encrypted environment, verified TLS and IAM database authentication as livestream_indexer", () => {
    expect(fn.tracing_config).toEqual({ mode: "Active" });
    expect(fn.kms_key_arn).toBe(KEY);
    expect(fn.environment.variables).toEqual({
      PGHOST: "db.internal",
      PGPORT: "5432",
      PGDATABASE: "livestream",
      PGUSER: "livestream_indexer",
      PGSSLMODE: "verify-full",
      LIVESTREAM_DB_AUTH: "iam",
      NODE_EXTRA_CA_CERTS: "/var/runtime/ca-cert.pem",
      MEDIA_DOMAIN: "media.test.example.com",
      MASTER_MANIFEST: "index.m3u8",
      DEAD_LETTER_QUEUE_URL: expect.stringMatching(/^\$\{aws_sqs_queue\.[^.]+\.url\}$/),
    });
    expect(JSON.stringify(fn.environment)).not.toContain(SECRET);
  });

  test("async failures get bounded retries, then the encrypted, TLS-only dead-letter queue", () => {
    const invoke = one(out, "aws_lambda_function_event_invoke_config");
    expect(invoke.maximum_retry_attempts).toBe(2);
    expect(invoke.maximum_event_age_in_seconds).toBe(21600);
    expect(invoke.destination_config.on_failure.destination).toMatch(/^\$\{aws_sqs_queue\.[^.]+\.arn\}$/);
    const dlq = one(out, "aws_sqs_queue");
    expect(dlq).toMatchObject({ name: "livestream-test-recording-indexer-dlq", kms_master_key_id: KEY, message_retention_seconds: 1209600 });
    const [deny] = statementsOf(one(out, "aws_sqs_queue_policy").policy);
    expect(deny).toMatchObject({ Effect: "Deny", Principal: "*", Action: "sqs:*", Condition: { Bool: { "aws:SecureTransport": "false" } } });
  });

  test("S3 invokes it only for .m3u8 keys under sessions/, from the recorded bucket of this account", () => {
    const notification = one(out, "aws_s3_bucket_notification");
    expect(notification.bucket).toBe("livestream-test-recorded-media");
    expect(notification.lambda_function).toEqual([
      expect.objectContaining({ events: ["s3:ObjectCreated:*"], filter_prefix: "sessions/", filter_suffix: ".m3u8" }),
    ]);
    expect(notification.depends_on).toEqual([expect.stringMatching(/^aws_lambda_permission\./)]);
    const permission = one(out, "aws_lambda_permission");
    expect(permission).toMatchObject({ principal: "s3.amazonaws.com", action: "lambda:InvokeFunction", source_arn: BUCKET_ARN, source_account: "111111111111" });
  });

  test("the log group is encrypted and kept for a bounded time, and exists before the function", () => {
    const logs = one(out, "aws_cloudwatch_log_group");
    expect(logs).toMatchObject({ name: "/aws/lambda/livestream-test-recording-indexer", retention_in_days: 30, kms_key_id: KEY });
    expect(fn.depends_on).toEqual(expect.arrayContaining([expect.stringMatching(/^aws_cloudwatch_log_group\./)]));
  });

  describe("execution role", () => {
    const role = one(out, "aws_iam_role");
    const statements: Json[] = statementsOf(one(out, "aws_iam_role_policy").policy);
    const bySid = (sid: string) => statements.find((s) => s.Sid === sid)!;

    test("only Lambda can assume it and no managed policy is attached", () => {
      expect(statementsOf(role.assume_role_policy)).toEqual([{ Effect: "Allow", Principal: { Service: "lambda.amazonaws.com" }, Action: "sts:AssumeRole" }]);
      expect(all(out, "aws_iam_role_policy_attachment")).toEqual([]);
    });

    test("no wildcard actions; '*' only for APIs without resource scoping or narrowed to the VPC by condition", () => {
      for (const s of statements) {
        expect(s.Action.every((a: string) => !a.includes("*"))).toBe(true);
        if (s.Resource.includes("*") && !s.Condition) expect(s.Action.every((a: string) => /^(ec2:Describe|xray:Put)/.test(a))).toBe(true);
      }
    });

    test("network-interface actions on '*' as AWSLambdaVPCAccessExecutionRole grants them, held to the VPC by ec2:Vpc", () => {
      const vpc = "arn:aws:ec2:ap-southeast-1:111111111111:vpc/vpc-0123456789abcdef0";
      // CreateNetworkInterface's network-interface resource has no ec2:Vpc key (SAR): IfExists.
      expect(bySid("CreateVpcInterfaces")).toEqual({
        Sid: "CreateVpcInterfaces",
        Effect: "Allow",
        Action: ["ec2:CreateNetworkInterface"],
        Resource: ["*"],
        Condition: { ArnEqualsIfExists: { "ec2:Vpc": [vpc] } },
      });
      expect(bySid("ManageVpcInterfaces")).toEqual({
        Sid: "ManageVpcInterfaces",
        Effect: "Allow",
        Action: ["ec2:DeleteNetworkInterface", "ec2:AssignPrivateIpAddresses", "ec2:UnassignPrivateIpAddresses"],
        Resource: ["*"],
        Condition: { ArnEquals: { "ec2:Vpc": [vpc] } },
      });
    });

    test("connects to the database as its own role through IAM, and reads no secret", () => {
      expect(bySid("ConnectAsIndexerRole")).toMatchObject({ Action: ["rds-db:connect"], Resource: ["arn:aws:rds-db:ap-southeast-1:111111111111:dbuser:db-ABCDEFGHIJKL01234/livestream_indexer"] });
      expect(statements.flatMap((s) => s.Action).filter((a: string) => a.startsWith("secretsmanager:"))).toEqual([]);
    });

    test("scopes each permission to its one resource", () => {
      expect(bySid("DeadLetterFailedEvents").Resource).toEqual([expect.stringMatching(/^\$\{aws_sqs_queue\.[^.]+\.arn\}$/)]);
      expect(bySid("WriteOwnLogs").Resource).toEqual([expect.stringMatching(/^\$\{aws_cloudwatch_log_group\.[^.]+\.arn\}:\*$/)]);
      expect(bySid("EncryptDeadLetters")).toMatchObject({
        Action: ["kms:GenerateDataKey", "kms:Decrypt"],
        Resource: [KEY],
        Condition: { StringEquals: { "kms:ViaService": ["sqs.ap-southeast-1.amazonaws.com"] } },
      });
    });
  });

  test("alarms on errors, a non-empty DLQ and lost events go to the ops topic", () => {
    const alarms = all(out, "aws_cloudwatch_metric_alarm");
    expect(alarms.map((a) => a.metric_name).sort()).toEqual(["ApproximateNumberOfMessagesVisible", "DestinationDeliveryFailures", "Errors"]);
    for (const a of alarms) expect(a.alarm_actions).toEqual([BASE.alarmTopicArn]);
    expect(alarms.find((a) => a.metric_name === "ApproximateNumberOfMessagesVisible")?.dimensions).toEqual({ QueueName: "livestream-test-recording-indexer-dlq" });
    expect(all(synth({ alarmTopicArn: undefined }), "aws_cloudwatch_metric_alarm")).toEqual([]);
  });

  test("with a sweep pool, alarms on lasting sweep failures and on recordings lost for good", () => {
    const alarms = all(synth({ sweepPool: "test" }), "aws_cloudwatch_metric_alarm").filter((a) => a.namespace === "Livestream/Ops");
    expect(alarms.map((a) => [a.alarm_name, a.metric_name, a.dimensions, a.evaluation_periods]).sort()).toEqual([
      ["livestream-test-recording-indexer-recordings-missing", "RecordingsMissing", { Pool: "test" }, 1],
      ["livestream-test-recording-indexer-sweep-failures", "RecordingSweepFailures", { Pool: "test" }, 3],
    ]);
  });

  test("ships the bundled handler as a file asset with its sha256", () => {
    expect(fn.filename).toMatch(/^assets\/.+\/recording-indexer-[0-9a-f]{16}\.zip$/);
    expect(fn.source_code_hash).toMatch(/^[A-Za-z0-9+/]{43}=$/);
  });

  test.each([
    [{ maximumRetryAttempts: 3 }, /maximumRetryAttempts must be 0, 1 or 2/],
    [{ reservedConcurrency: 0 }, /reservedConcurrency must be 1-1000 or unset/],
    [{ privateSubnetIds: [] }, /privateSubnetIds must list at least one subnet/],
    [{ logRetentionDays: 10 }, /logRetentionDays must be one of/],
    [{ mediaDomainName: "https://media.example.com" }, /mediaDomainName/],
    [{ mediaDomainName: "-" }, /mediaDomainName '-' must be a lower-case host name/],
    [{ mediaDomainName: "localhost" }, /mediaDomainName 'localhost'/],
    [{ mediaDomainName: "-bad.example.com" }, /mediaDomainName '-bad.example.com'/],
  ])("refuses %p", (props, message) => {
    expect(() => synth(props as Partial<RecordingIndexerProps>)).toThrow(message);
  });
});

describe("bundleLambda", () => {
  test("bundles once, then serves the cache until a source file changes", () => {
    const root = mkdtempSync(join(tmpdir(), "bundle-root-"));
    const cacheDir = join(root, "cache");
    writeFileSync(join(root, "package.json"), "{}");
    writeFileSync(join(root, "dep.ts"), "export const answer = 41;\n");
    writeFileSync(join(root, "entry.ts"), 'import { answer } from "./dep";\nexport const handler = async () => answer + 1;\n');
    const first = bundleLambda({ entry: "entry.ts", name: "t", projectRoot: root, cacheDir });
    const second = bundleLambda({ entry: "entry.ts", name: "t", projectRoot: root, cacheDir });
    expect([first.cached, second.cached]).toEqual([false, true]);
    expect(second.sourceCodeHash).toBe(first.sourceCodeHash);
    expect(statSync(first.zipPath).size).toBe(first.sizeBytes);

    writeFileSync(join(root, "dep.ts"), "export const answer = 1;\n"); // an imported file, not the entry
    const third = bundleLambda({ entry: "entry.ts", name: "t", projectRoot: root, cacheDir });
    expect(third.cached).toBe(false);
    expect(third.sourceCodeHash).not.toBe(first.sourceCodeHash);
  });
});

describe("createZip", () => {
  test("writes a readable, byte-for-byte reproducible archive", () => {
    const data = Buffer.from("exports.handler = async () => 42;\n".repeat(50));
    const zip = createZip([{ name: "index.js", data }]);
    expect(createZip([{ name: "index.js", data }]).equals(zip)).toBe(true);
    expect(zip.readUInt32LE(0)).toBe(0x04034b50);
    const nameLength = zip.readUInt16LE(26);
    const compressedSize = zip.readUInt32LE(18);
    expect(zip.subarray(30, 30 + nameLength).toString()).toBe("index.js");
    expect(inflateRawSync(zip.subarray(30 + nameLength, 30 + nameLength + compressedSize)).equals(data)).toBe(true);
    expect(zip.readUInt32LE(zip.length - 22)).toBe(0x06054b50);
  });

  test("the real handler bundle holds index.js exporting handler", () => {
    const { zipPath } = bundleLambda({ entry: "lambda/recording-indexer/handler.ts", name: "recording-indexer" });
    const zip = readFileSync(zipPath);
    const nameLength = zip.readUInt16LE(26);
    const code = inflateRawSync(zip.subarray(30 + nameLength, 30 + nameLength + zip.readUInt32LE(18))).toString();
    expect(code).toMatch(/handler/);
    expect(code).toContain("GetSecretValue");
  });
});
