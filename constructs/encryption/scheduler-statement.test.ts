/* eslint-disable @typescript-eslint/no-explicit-any -- synthesized Terraform JSON is untyped */
import { Testing } from "cdktf";
import { PlatformKey } from "./index";
import { scheduleDecryptStatement } from "./schedule-decrypt";
import { statementWithSid } from "../iam-policy/testing";

test("the platform key lets this account's principals use it for this region's schedules only", () => {
  const json = JSON.parse(Testing.synthScope((scope) => void new PlatformKey(scope, "key", { namePrefix: "livestream-dev", accountId: "111111111111", region: "ap-southeast-1" })));
  const [key] = Object.values(json.resource.aws_kms_key) as any[];
  expect(statementWithSid(key.policy, "EventBridgeSchedulerEncryptsThisAccountsSchedules")).toEqual({
    Sid: "EventBridgeSchedulerEncryptsThisAccountsSchedules",
    Effect: "Allow",
    Principal: { AWS: "arn:aws:iam::111111111111:root" },
    Action: ["kms:Decrypt", "kms:GenerateDataKey"],
    Resource: "*",
    Condition: { StringLike: { "kms:EncryptionContext:aws:scheduler:schedule:arn": "arn:aws:scheduler:ap-southeast-1:111111111111:schedule/*" } },
  });
});

test("a schedule's execution role may decrypt that schedule, named by its group", () => {
  const statement = scheduleDecryptStatement({ kmsKeyArn: "arn:k", region: "ap-southeast-1", accountId: "111111111111", scheduleName: "s", groupName: "g" });
  expect(statement.Condition.StringEquals["kms:EncryptionContext:aws:scheduler:schedule:arn"]).toBe("arn:aws:scheduler:ap-southeast-1:111111111111:schedule/g/s");
  expect(scheduleDecryptStatement({ kmsKeyArn: "arn:k", region: "r", accountId: "a", scheduleName: "s" }).Condition.StringEquals["kms:EncryptionContext:aws:scheduler:schedule:arn"]).toMatch(/schedule\/default\/s$/);
});
