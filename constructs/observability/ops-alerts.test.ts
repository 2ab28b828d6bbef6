import { Testing } from "cdktf";
import { statementsOf } from "../iam-policy/testing";
import { OpsAlerts, type OpsAlertsProps } from "./index";

const KEY = "arn:aws:kms:ap-southeast-1:111111111111:key/11111111-2222-3333-4444-555555555555";
const BASE: OpsAlertsProps = { namePrefix: "livestream-test", kmsKeyArn: KEY, accountId: "111111111111", emails: ["ops@example.com"] };
type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const synth = (props: Partial<OpsAlertsProps> = {}): Json =>
  JSON.parse(Testing.synthScope((scope) => new OpsAlerts(scope, "alerts", { ...BASE, ...props })));

describe("OpsAlerts", () => {
  const out = synth();
  const [[topicKey, topic]] = Object.entries(out.resource.aws_sns_topic) as [string, Json][];
  const topicRef = `\${aws_sns_topic.${topicKey}.arn}`;
  const policy: Json = Object.values(out.resource.aws_sns_topic_policy)[0] as Json;
  const statements: Json[] = statementsOf(policy.policy);

  test("the topic is encrypted with the platform key", () => {
    expect(topic).toMatchObject({ name: "livestream-test-ops-alerts", kms_master_key_id: KEY });
    expect(policy.arn).toBe(topicRef);
  });

  test("only CloudWatch and Budgets may publish, and only for this account", () => {
    const allow = statements.filter((s) => s.Effect === "Allow");
    expect(allow).toHaveLength(1);
    expect(allow[0].Principal).toEqual({ Service: ["cloudwatch.amazonaws.com", "budgets.amazonaws.com"] });
    expect(allow[0].Action).toEqual(["sns:Publish"]);
    expect(allow[0].Resource).toEqual([topicRef]);
    expect(allow[0].Condition).toEqual({ StringEquals: { "aws:SourceAccount": "111111111111" } });
  });

  test("requests without TLS are denied", () => {
    const deny = statements.find((s) => s.Effect === "Deny")!;
    expect(deny.Principal).toBe("*");
    expect(deny.Action).toBe("sns:*");
    expect(deny.Resource).toEqual([topicRef]);
    expect(deny.Condition).toEqual({ Bool: { "aws:SecureTransport": "false" } });
  });

  test("each address gets an e-mail subscription", () => {
    const subs = Object.values(synth({ emails: ["a@example.com", "b@example.com"] }).resource.aws_sns_topic_subscription) as Json[];
    expect(subs.map((s) => [s.protocol, s.endpoint])).toEqual([["email", "a@example.com"], ["email", "b@example.com"]]);
    expect(subs[0].topic_arn).toBe(topicRef);
  });

  test("bad props are refused naming the prop", () => {
    expect(() => synth({ emails: [] })).toThrow(/emails/);
    expect(() => synth({ accountId: "123" })).toThrow(/accountId/);
    expect(() => synth({ publisherServices: [] })).toThrow(/publisherServices/);
  });
});
