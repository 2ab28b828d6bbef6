import { Testing } from "cdktf";
import { Messaging, type MessagingProps } from "./index";
import { statementsOf } from "../iam-policy/testing";

const KEY = "arn:aws:kms:ap-southeast-1:111111111111:key/11111111-2222-3333-4444-555555555555";
const BASE: MessagingProps = { namePrefix: "livestream-test", accountId: "111111111111", region: "ap-southeast-1", kmsKeyArn: KEY };

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

function synth(props: Partial<MessagingProps> = {}): Json {
  return JSON.parse(Testing.synthScope((scope) => new Messaging(scope, "messaging", { ...BASE, ...props })));
}
const all = (out: Json, type: string): Json[] => Object.values(out.resource?.[type] ?? {});
const one = (out: Json, type: string, pred: (r: Json) => boolean = () => true): Json => {
  const found = all(out, type).filter(pred);
  if (found.length !== 1) throw new Error(`expected one ${type}, found ${found.length}`);
  return found[0];
};
const keyOf = (out: Json, section: "resource" | "data", type: string, pred: (r: Json) => boolean): string => {
  const entry = Object.entries(out[section]?.[type] ?? {}).find(([, r]) => pred(r as Json));
  if (!entry) throw new Error(`no ${type} matched`);
  return entry[0];
};
const byName = (name: string) => (r: Json) => r.name === name;

describe("notification queues", () => {
  const out = synth();
  const queue = one(out, "aws_sqs_queue", byName("livestream-test-notifications"));
  const dlq = one(out, "aws_sqs_queue", byName("livestream-test-notifications-dlq"));
  const queueKey = keyOf(out, "resource", "aws_sqs_queue", byName("livestream-test-notifications"));
  const dlqKey = keyOf(out, "resource", "aws_sqs_queue", byName("livestream-test-notifications-dlq"));

  test("both queues are encrypted with the platform key", () => {
    for (const q of [queue, dlq]) {
      expect(q.kms_master_key_id).toBe(KEY);
      expect(q.kms_data_key_reuse_period_seconds).toBe(300);
      expect(q.sqs_managed_sse_enabled).toBeUndefined();
    }
  });

  test("the queue redrives to the DLQ after 5 receives and only the queue may redrive there", () => {
    expect(JSON.parse(queue.redrive_policy)).toEqual({ deadLetterTargetArn: `\${aws_sqs_queue.${dlqKey}.arn}`, maxReceiveCount: 5 });
    const allow = one(out, "aws_sqs_queue_redrive_allow_policy");
    expect(allow.queue_url).toBe(`\${aws_sqs_queue.${dlqKey}.url}`);
    expect(JSON.parse(allow.redrive_allow_policy)).toEqual({ redrivePermission: "byQueue", sourceQueueArns: [`\${aws_sqs_queue.${queueKey}.arn}`] });
  });

  test("retention: 4 days for notifications, the 14-day maximum for dead letters", () => {
    expect(queue.message_retention_seconds).toBe(4 * 86400);
    expect(dlq.message_retention_seconds).toBe(14 * 86400);
    expect(synth({ maxReceiveCount: 3 }).resource.aws_sqs_queue[queueKey].redrive_policy).toContain('"maxReceiveCount":3');
  });

  test("each queue has a TLS-only policy", () => {
    const policies = all(out, "aws_sqs_queue_policy");
    expect(policies.map((p) => p.queue_url).sort()).toEqual([`\${aws_sqs_queue.${dlqKey}.url}`, `\${aws_sqs_queue.${queueKey}.url}`].sort());
    for (const p of policies) {
      const [statement] = statementsOf(p.policy);
      expect(statement.Effect).toBe("Deny");
      expect(statement.Principal).toBe("*");
      expect(statement.Action).toBe("sqs:*");
      expect(statement.Condition).toEqual({ Bool: { "aws:SecureTransport": "false" } });
      expect(statement.Resource[0]).toBe(p.queue_url.replace(/\.url\}$/, ".arn}"));
    }
  });
});

describe("announcements topic", () => {
  const out = synth();
  const topic = one(out, "aws_sns_topic");
  const topicKey = keyOf(out, "resource", "aws_sns_topic", () => true);
  const roleKey = keyOf(out, "resource", "aws_iam_role", () => true);

  test("is encrypted with the platform key", () => {
    expect(topic.name).toBe("livestream-test-session-announcements");
    expect(topic.kms_master_key_id).toBe(KEY);
  });

  test("policy lets only the pipe role publish and denies plain HTTP", () => {
    const policy = one(out, "aws_sns_topic_policy");
    expect(policy.arn).toBe(`\${aws_sns_topic.${topicKey}.arn}`);
    const statements: Json[] = statementsOf(policy.policy);
    const allow = statements.find((s) => s.Effect === "Allow")!;
    expect(allow.Principal).toEqual({ AWS: [`\${aws_iam_role.${roleKey}.arn}`] });
    expect(allow.Action).toEqual(["sns:Publish"]);
    const deny = statements.find((s) => s.Effect === "Deny")!;
    expect(deny.Condition).toEqual({ Bool: { "aws:SecureTransport": "false" } });
    expect(deny.Resource).toEqual([`\${aws_sns_topic.${topicKey}.arn}`]);
  });
});

describe("notification pipe", () => {
  const out = synth({ pipeBatchSize: 5 });
  const pipe = one(out, "aws_pipes_pipe");
  const queueKey = keyOf(out, "resource", "aws_sqs_queue", byName("livestream-test-notifications"));
  const topicKey = keyOf(out, "resource", "aws_sns_topic", () => true);
  const roleKey = keyOf(out, "resource", "aws_iam_role", () => true);
  const logKey = keyOf(out, "resource", "aws_cloudwatch_log_group", () => true);

  test("reads the notification queue in batches and publishes the body to the topic", () => {
    expect(pipe.source).toBe(`\${aws_sqs_queue.${queueKey}.arn}`);
    expect(pipe.target).toBe(`\${aws_sns_topic.${topicKey}.arn}`);
    expect(pipe.role_arn).toBe(`\${aws_iam_role.${roleKey}.arn}`);
    expect(pipe.source_parameters.sqs_queue_parameters).toEqual({ batch_size: 5, maximum_batching_window_in_seconds: 0 });
    expect(pipe.target_parameters.input_template).toBe("<$.body>");
  });

  test("logs errors without payloads to an encrypted log group with retention", () => {
    expect(pipe.log_configuration).toEqual({ level: "ERROR", cloudwatch_logs_log_destination: { log_group_arn: `\${aws_cloudwatch_log_group.${logKey}.arn}` } });
    const group = out.resource.aws_cloudwatch_log_group[logKey];
    expect(group.kms_key_id).toBe(KEY);
    expect(group.retention_in_days).toBe(30);
  });

  test("the role trusts only this pipe of this account", () => {
    const role = out.resource.aws_iam_role[roleKey];
    const [trust] = statementsOf(role.assume_role_policy);
    expect(trust.Principal).toEqual({ Service: "pipes.amazonaws.com" });
    expect(trust.Condition.StringEquals).toEqual({ "aws:SourceAccount": "111111111111" });
    const [sourceArn] = trust.Condition.ArnEquals["aws:SourceArn"];
    expect(sourceArn).toMatch(/^arn:\$\{data\.aws_partition\.[^}]+\}:pipes:ap-southeast-1:111111111111:pipe\/livestream-test-notifications-to-announcements$/);
    expect(pipe.name).toBe("livestream-test-notifications-to-announcements");
  });

  test("the role's permissions are scoped to the exact queue, topic, key and log group", () => {
    const policy = one(out, "aws_iam_role_policy");
    expect(policy.role).toBe(`\${aws_iam_role.${roleKey}.id}`);
    const statements: Json[] = statementsOf(policy.policy);
    const grants = Object.fromEntries(statements.map((s) => [s.Action.join(","), s.Resource]));
    expect(grants).toEqual({
      "sqs:ReceiveMessage,sqs:DeleteMessage,sqs:GetQueueAttributes": [`\${aws_sqs_queue.${queueKey}.arn}`],
      "sns:Publish": [`\${aws_sns_topic.${topicKey}.arn}`],
      "kms:Decrypt,kms:GenerateDataKey": [KEY],
      "logs:CreateLogStream,logs:PutLogEvents": [`\${aws_cloudwatch_log_group.${logKey}.arn}:*`],
    });
    for (const s of statements) {
      expect(s.Effect).toBe("Allow");
      expect(s.Action.some((a: string) => a.includes("*"))).toBe(false);
      expect(s.Resource).not.toContain("*");
    }
    expect(pipe.depends_on).toEqual([`aws_iam_role_policy.${keyOf(out, "resource", "aws_iam_role_policy", () => true)}`]);
  });
});

describe("push platform applications", () => {
  const FCM_JSON = "arn:aws:secretsmanager:ap-southeast-1:111111111111:secret:fcm-service-account-AbCdEf";
  const APNS_KEY = "arn:aws:secretsmanager:ap-southeast-1:111111111111:secret:apns-signing-key-AbCdEf";
  const ios = { name: "ios", platform: "APNS" as const, signingKeySecretArn: APNS_KEY, signingKeyId: "ABCDE12345", teamId: "TEAM123456", bundleId: "com.example.mentoring" };

  test("none configured: no platform application and no secret read (offline plans stay possible)", () => {
    const out = synth();
    expect(out.resource.aws_sns_platform_application).toBeUndefined();
    expect(out.data.aws_secretsmanager_secret_version).toBeUndefined();
  });

  test("FCM HTTP v1: the credential is the service-account JSON from its secret, and there is no principal", () => {
    const out = synth({ pushPlatforms: [{ name: "android", platform: "GCM", serviceAccountSecretArn: FCM_JSON }] });
    const app = one(out, "aws_sns_platform_application");
    expect(app).toMatchObject({ name: "livestream-test-android", platform: "GCM" });
    const versions = out.data.aws_secretsmanager_secret_version;
    const [[dataKey, data]] = Object.entries(versions) as [string, Json][];
    expect(data.secret_id).toBe(FCM_JSON);
    expect(app.platform_credential).toBe(`\${data.aws_secretsmanager_secret_version.${dataKey}.secret_string}`);
    expect(app.platform_principal).toBeUndefined();
    expect(app.apple_platform_team_id).toBeUndefined();
  });

  test("APNs token auth: the signing key from its secret, the key id as principal, team id and bundle id", () => {
    const out = synth({ pushPlatforms: [ios] });
    const app = one(out, "aws_sns_platform_application");
    const [[dataKey, data]] = Object.entries(out.data.aws_secretsmanager_secret_version as Json) as [string, Json][];
    expect(data.secret_id).toBe(APNS_KEY);
    expect(app).toMatchObject({
      platform: "APNS",
      platform_credential: `\${data.aws_secretsmanager_secret_version.${dataKey}.secret_string}`,
      platform_principal: "ABCDE12345",
      apple_platform_team_id: "TEAM123456",
      apple_platform_bundle_id: "com.example.mentoring",
    });
  });

  test("invalid identifiers and duplicate names are refused, all at once, naming the fields", () => {
    expect(() => synth({ pushPlatforms: [{ ...ios, signingKeyId: "short", teamId: "lower12345", bundleId: "nodots" }] })).toThrow(
      /platforms\[0\]\.signingKeyId.*platforms\[0\]\.teamId.*platforms\[0\]\.bundleId/,
    );
    expect(() =>
      synth({ pushPlatforms: [{ name: "a", platform: "GCM", serviceAccountSecretArn: FCM_JSON }, { name: "a", platform: "GCM", serviceAccountSecretArn: FCM_JSON }] }),
    ).toThrow(/used twice/);
  });
});

describe("props validation", () => {
  test.each([
    [{ pipeBatchSize: 11 }, /pipeBatchSize/],
    [{ maxReceiveCount: 0 }, /maxReceiveCount/],
    [{ notificationRetentionSeconds: 15 * 86400 }, /notificationRetentionSeconds/],
  ])("%p is refused", (props, message) => {
    expect(() => synth(props)).toThrow(message);
  });
});
