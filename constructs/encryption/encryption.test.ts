/* eslint-disable @typescript-eslint/no-explicit-any -- synthesized Terraform JSON is untyped */
import { Testing } from "cdktf";
import { PlatformKey, type PlatformKeyProps } from "./index";

type Blocks = Record<string, Record<string, Record<string, any>>>;

const BASE: PlatformKeyProps = { namePrefix: "livestream-dev", accountId: "111111111111", region: "ap-southeast-1" };

function synth(overrides: Partial<PlatformKeyProps> = {}): { resource: Blocks; data: Blocks } {
  return JSON.parse(Testing.synthScope((scope) => void new PlatformKey(scope, "key", { ...BASE, ...overrides })));
}

const only = <T>(map: Record<string, T> | undefined): T => {
  const values = Object.values(map ?? {});
  expect(values).toHaveLength(1);
  return values[0];
};

describe("PlatformKey", () => {
  const { resource, data } = synth();
  const key = only(resource.aws_kms_key);
  const statements = only(data.aws_iam_policy_document).statement as any[];
  const bySid = (sid: string) => statements.find((s) => s.sid === sid);

  test("is a rotating customer-managed key with a 30-day deletion window and alias/<namePrefix>", () => {
    expect(key.enable_key_rotation).toBe(true);
    expect(key.deletion_window_in_days).toBe(30);
    const alias = only(resource.aws_kms_alias);
    expect(alias.name).toBe("alias/livestream-dev");
    expect(alias.target_key_id).toMatch(/^\$\{aws_kms_key\.[^.]+\.key_id\}$/);
    expect(key.policy).toMatch(/^\$\{data\.aws_iam_policy_document\.[^.]+\.json\}$/);
  });

  test("the account root administers the key without a kms:* wildcard", () => {
    const root = bySid("AccountAdministersAndDelegatesToIam");
    expect(root.principals).toEqual([{ type: "AWS", identifiers: ["arn:aws:iam::111111111111:root"] }]);
    expect(root.actions).not.toContain("kms:*");
    expect(root.actions).toEqual(expect.arrayContaining(["kms:Decrypt", "kms:GenerateDataKey*", "kms:Put*", "kms:ScheduleKeyDeletion"]));
  });

  test("CloudWatch Logs of this region may use it only for this account's log groups", () => {
    const logs = bySid("CloudWatchLogsEncryptsThisAccountsLogGroups");
    expect(logs.principals).toEqual([{ type: "Service", identifiers: ["logs.ap-southeast-1.amazonaws.com"] }]);
    expect(logs.actions).toEqual(expect.arrayContaining(["kms:Encrypt*", "kms:Decrypt*", "kms:GenerateDataKey*", "kms:Describe*"]));
    expect(logs.condition).toEqual([
      { test: "ArnLike", variable: "kms:EncryptionContext:aws:logs:arn", values: ["arn:aws:logs:ap-southeast-1:111111111111:log-group:*"] },
    ]);
  });

  test("alarms and budgets may publish to encrypted topics, on behalf of this account only", () => {
    const publish = bySid("AlarmsAndBudgetsPublishToEncryptedTopics");
    expect(publish.principals[0].identifiers.sort()).toEqual(["budgets.amazonaws.com", "cloudwatch.amazonaws.com"]);
    expect(publish.actions.sort()).toEqual(["kms:Decrypt", "kms:GenerateDataKey*"]);
    expect(publish.condition).toEqual([{ test: "StringEquals", variable: "aws:SourceAccount", values: ["111111111111"] }]);
  });

  test("no grant to EventBridge is conditioned on aws:SourceAccount or aws:SourceArn, which it never sends to KMS", () => {
    for (const s of statements.filter((x) => x.principals.some((p: { identifiers: string[] }) => p.identifiers.includes("events.amazonaws.com")))) {
      for (const c of s.condition ?? []) expect(c.variable).not.toMatch(/^aws:Source/i);
    }
    expect(statements.every((x) => x.principals.every((p: { identifiers: string[] }) => !p.identifiers.includes("events.amazonaws.com") || !x.condition?.length))).toBe(true);
  });

  test("no statement grants anything to a wildcard principal", () => {
    for (const s of statements) {
      for (const p of s.principals) expect(p.identifiers).not.toContain("*");
    }
  });

  test("deletionWindowDays is passed through", () => {
    expect(only(synth({ deletionWindowDays: 7 }).resource.aws_kms_key).deletion_window_in_days).toBe(7);
  });
});

describe("PlatformKey props", () => {
  test.each([
    [{ deletionWindowDays: 6 }, /deletionWindowDays must be a whole number from 7 to 30, got 6/],
    [{ deletionWindowDays: 31 }, /deletionWindowDays/],
    [{ accountId: "12345" }, /accountId '12345' must be a 12-digit/],
    [{ region: "singapore" }, /region 'singapore'/],
    [{ namePrefix: "aws-platform" }, /namePrefix 'aws-platform'/],
  ])("%o is rejected", (overrides, message) => {
    expect(() => synth(overrides as Partial<PlatformKeyProps>)).toThrow(message);
  });
});
