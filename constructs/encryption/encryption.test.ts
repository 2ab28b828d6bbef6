/* eslint-disable @typescript-eslint/no-explicit-any -- synthesized Terraform JSON is untyped */
import { Testing } from "cdktf";
import { statementsOf } from "../iam-policy/testing";
import { PlatformKey, type PlatformKeyProps } from "./index";

type Blocks = Record<string, Record<string, Record<string, any>>>;

const BASE: PlatformKeyProps = { namePrefix: "livestream-dev", accountId: "111111111111", region: "ap-southeast-1" };

function synth(overrides: Partial<PlatformKeyProps> = {}): { resource: Blocks } {
  return JSON.parse(Testing.synthScope((scope) => void new PlatformKey(scope, "key", { ...BASE, ...overrides })));
}

const only = <T>(map: Record<string, T> | undefined): T => {
  const values = Object.values(map ?? {});
  expect(values).toHaveLength(1);
  return values[0];
};

describe("PlatformKey", () => {
  const { resource } = synth();
  const key = only(resource.aws_kms_key);
  const statements = statementsOf(key.policy);
  const bySid = (sid: string) => statements.find((s) => s.Sid === sid)!;
  const principalsOf = (s: any): string[] => (s.Principal === "*" ? ["*"] : Object.values(s.Principal).flat() as string[]);

  test("is a rotating customer-managed key with a 30-day deletion window and alias/<namePrefix>", () => {
    expect(key.enable_key_rotation).toBe(true);
    expect(key.deletion_window_in_days).toBe(30);
    const alias = only(resource.aws_kms_alias);
    expect(alias.name).toBe("alias/livestream-dev");
    expect(alias.target_key_id).toMatch(/^\$\{aws_kms_key\.[^.]+\.key_id\}$/);
  });

  test("the account root administers the key without a kms:* wildcard", () => {
    const root = bySid("AccountAdministersAndDelegatesToIam");
    expect(root.Principal).toEqual({ AWS: "arn:aws:iam::111111111111:root" });
    expect(root.Action).not.toContain("kms:*");
    expect(root.Action).toEqual(expect.arrayContaining(["kms:Decrypt", "kms:GenerateDataKey*", "kms:Put*", "kms:ScheduleKeyDeletion", "kms:RotateKeyOnDemand"]));
  });

  test("CloudWatch Logs of this region may use it only for this account's log groups", () => {
    const logs = bySid("CloudWatchLogsEncryptsThisAccountsLogGroups");
    expect(logs.Principal).toEqual({ Service: "logs.ap-southeast-1.amazonaws.com" });
    expect(logs.Action).toEqual(expect.arrayContaining(["kms:Encrypt*", "kms:Decrypt*", "kms:GenerateDataKey*", "kms:Describe*"]));
    expect(logs.Condition).toEqual({ ArnLike: { "kms:EncryptionContext:aws:logs:arn": "arn:aws:logs:ap-southeast-1:111111111111:log-group:*" } });
  });

  test("alarms and budgets may publish to encrypted topics, on behalf of this account only", () => {
    const publish = bySid("AlarmsAndBudgetsPublishToEncryptedTopics");
    expect([...publish.Principal.Service].sort()).toEqual(["budgets.amazonaws.com", "cloudwatch.amazonaws.com"]);
    expect([...publish.Action].sort()).toEqual(["kms:Decrypt", "kms:GenerateDataKey*"]);
    expect(publish.Condition).toEqual({ StringEquals: { "aws:SourceAccount": "111111111111" } });
  });

  test("no grant to EventBridge is conditioned on aws:SourceAccount or aws:SourceArn, which it never sends to KMS", () => {
    for (const s of statements.filter((x) => principalsOf(x).includes("events.amazonaws.com"))) {
      expect(Object.values(s.Condition ?? {}).flatMap((c) => Object.keys(c as object)).filter((k) => /^aws:Source/i.test(k))).toEqual([]);
    }
  });

  test("no statement grants anything to a wildcard principal", () => {
    expect(statements.flatMap(principalsOf)).not.toContain("*");
    expect(statements).toHaveLength(4);
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
