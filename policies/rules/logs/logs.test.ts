import { CloudwatchLogGroup } from "@cdktf/provider-aws/lib/cloudwatch-log-group";
import { findingsOf, requireBothOutcomes } from "../../testing";
import { logGroupRetention } from "./log-group-retention";
import { logGroupOneYearRetention } from "./log-group-one-year-retention";
import { logGroupEncryption } from "./log-group-encryption";

describe("LS-LOGS-001 retention", () => {
  test("passes with a retention", () => expect(findingsOf(logGroupRetention, (s) => void new CloudwatchLogGroup(s, "g", { retentionInDays: 14 }))).toEqual([]));
  test("fires without one", () => expect(findingsOf(logGroupRetention, (s) => void new CloudwatchLogGroup(s, "g", {}))).toHaveLength(1));
});

describe("LS-LOGS-002 one-year retention", () => {
  test("passes at 365 days", () => expect(findingsOf(logGroupOneYearRetention, (s) => void new CloudwatchLogGroup(s, "g", { retentionInDays: 365 }))).toEqual([]));
  test("reports 90 days", () => expect(findingsOf(logGroupOneYearRetention, (s) => void new CloudwatchLogGroup(s, "g", { retentionInDays: 90 }))).toHaveLength(1));
});

describe("LS-LOGS-003 encryption", () => {
  test("passes with a KMS key", () => expect(findingsOf(logGroupEncryption, (s) => void new CloudwatchLogGroup(s, "g", { kmsKeyId: "arn:aws:kms:x" }))).toEqual([]));
  test("fires without one", () => expect(findingsOf(logGroupEncryption, (s) => void new CloudwatchLogGroup(s, "g", {}))).toHaveLength(1));
});

requireBothOutcomes([logGroupRetention, logGroupOneYearRetention, logGroupEncryption]);
