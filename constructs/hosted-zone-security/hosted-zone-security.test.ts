/* eslint-disable @typescript-eslint/no-explicit-any -- synthesized Terraform JSON is untyped */
import { App, TerraformStack, Testing } from "cdktf";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { loadEnvironment } from "../../config/load";
import { LivestreamStack } from "../../stacks/livestream-stack";
import { HostedZoneSecurity, type HostedZoneSecurityProps } from "./index";

type Resources = Record<string, Record<string, any>>;

function synth(overrides: Partial<HostedZoneSecurityProps> = {}): Resources {
  const stack = new TerraformStack(Testing.app(), "test");
  new AwsProvider(stack, "aws", { region: "ap-southeast-1" });
  const usEast1Provider = new AwsProvider(stack, "aws-us-east-1", { region: "us-east-1", alias: "us-east-1" });
  new HostedZoneSecurity(stack, "zone", {
    namePrefix: "livestream-dev",
    accountId: "111111111111",
    zoneId: "Z0123456789ABC",
    zoneName: "dev.mentoring.example.com",
    usEast1Provider,
    alarmEmails: ["ops@example.com"],
    ...overrides,
  });
  return JSON.parse(Testing.synth(stack)).resource;
}
const all = (r: Resources) => Object.entries(r).flatMap(([type, byName]) => Object.values(byName).map((v) => ({ type, ...v })));

describe("HostedZoneSecurity", () => {
  const r = synth();
  const keys = Object.values(r.aws_kms_key) as any[];
  const signingKey = keys.find((k) => k.key_usage === "SIGN_VERIFY");

  test("everything lives in us-east-1, where Route 53 DNSSEC keys, query log groups and metrics must be", () => {
    expect(all(r).filter((x) => x.provider !== "aws.us-east-1").map((x) => x.type)).toEqual([]);
  });

  test("the key-signing KMS key is ECC_NIST_P256 / SIGN_VERIFY and only Route 53 DNSSEC for this account's zone may sign", () => {
    expect(signingKey).toMatchObject({ customer_master_key_spec: "ECC_NIST_P256", key_usage: "SIGN_VERIFY", deletion_window_in_days: 30 });
    const statements = JSON.parse(signingKey.policy).Statement;
    expect(statements.find((s: any) => s.Sid === "Route53DnssecSignsThisZone")).toEqual({
      Sid: "Route53DnssecSignsThisZone",
      Effect: "Allow",
      Principal: { Service: "dnssec-route53.amazonaws.com" },
      Action: ["kms:DescribeKey", "kms:GetPublicKey", "kms:Sign"],
      Resource: "*",
      Condition: { StringEquals: { "aws:SourceAccount": "111111111111" }, ArnLike: { "aws:SourceArn": "arn:aws:route53:::hostedzone/Z0123456789ABC" } },
    });
    expect(statements.find((s: any) => s.Sid === "Route53DnssecCreatesItsGrant")).toMatchObject({ Action: "kms:CreateGrant", Condition: { Bool: { "kms:GrantIsForAWSResource": "true" } } });
    expect(statements.flatMap((s: any) => [s.Action].flat())).not.toContain("kms:*");
  });

  test("an active key-signing key on that key, then signing of the zone", () => {
    const ksk = Object.values(r.aws_route53_key_signing_key)[0] as any;
    expect(ksk).toMatchObject({ hosted_zone_id: "Z0123456789ABC", name: "livestream_dev_ksk_1", key_management_service_arn: expect.stringMatching(/^\$\{aws_kms_key\..+\.arn\}$/) });
    const signing = Object.values(r.aws_route53_hosted_zone_dnssec)[0] as any;
    expect(signing).toMatchObject({ hosted_zone_id: "Z0123456789ABC", signing_status: "SIGNING", depends_on: [expect.stringMatching(/^aws_route53_key_signing_key\./)] });
  });

  test("query logs go to /aws/route53/<zone>, KMS-encrypted, writable by Route 53 for this zone only", () => {
    const group = Object.values(r.aws_cloudwatch_log_group)[0] as any;
    expect(group).toMatchObject({ name: "/aws/route53/dev.mentoring.example.com", retention_in_days: 30 });
    expect(group.kms_key_id).toMatch(/^\$\{aws_kms_key\..+\.arn\}$/);
    const [statement] = JSON.parse((Object.values(r.aws_cloudwatch_log_resource_policy)[0] as any).policy_document).Statement;
    expect(statement).toMatchObject({
      Principal: { Service: "route53.amazonaws.com" },
      Action: ["logs:CreateLogStream", "logs:PutLogEvents"],
      Condition: { StringEquals: { "aws:SourceAccount": "111111111111" }, ArnLike: { "aws:SourceArn": "arn:aws:route53:::hostedzone/Z0123456789ABC" } },
    });
    expect((Object.values(r.aws_route53_query_log)[0] as any).depends_on).toEqual([expect.stringMatching(/^aws_cloudwatch_log_resource_policy\./)]);
  });

  test("alarms on DNSSEC internal failures and on key-signing keys needing action notify a us-east-1 topic mailed to on-call", () => {
    const alarms = Object.values(r.aws_cloudwatch_metric_alarm) as any[];
    expect(alarms.map((a) => [a.namespace, a.metric_name, a.dimensions.HostedZoneId, a.threshold])).toEqual([
      ["AWS/Route53", "DNSSECInternalFailure", "Z0123456789ABC", 0],
      ["AWS/Route53", "DNSSECKeySigningKeysNeedingAction", "Z0123456789ABC", 0],
    ]);
    const topic = Object.keys(r.aws_sns_topic)[0];
    for (const a of alarms) expect(a.alarm_actions).toEqual([`\${aws_sns_topic.${topic}.arn}`]);
    expect((Object.values(r.aws_sns_topic_subscription)[0] as any).endpoint).toBe("ops@example.com");
  });

  test("invalid props are refused together", () => {
    expect(() => synth({ alarmEmails: [], keyDeletionWindowDays: 3 })).toThrow(/alarmEmails must list at least one address.*keyDeletionWindowDays must be a whole number from 7 to 30, got 3/);
  });
});

describe("in the platform stack", () => {
  const synthStack = (existingZoneId?: string) => {
    const config = loadEnvironment("dev");
    const app = new App({ outdir: "/tmp/unused", skipValidation: true });
    const stack = new LivestreamStack(app, "livestream-dev", { config: { ...config, dns: { ...config.dns, existingZoneId } }, offline: true });
    return { stack, json: JSON.parse(Testing.synth(stack)) };
  };

  test("a created zone is signed, and its DS record is an output", () => {
    const { json } = synthStack();
    expect(Object.keys(json.resource.aws_route53_hosted_zone_dnssec ?? {})).toHaveLength(1);
    expect(json.output.dnssec_ds_record.value).toMatch(/^\$\{aws_route53_key_signing_key\..+\.ds_record\}$/);
  });

  test("an adopted zone (dns.existingZoneId) is left alone, with a synth warning and a note in the DS output", () => {
    const { stack, json } = synthStack("Z0EXISTING12345");
    expect(json.resource.aws_route53_hosted_zone_dnssec).toBeUndefined();
    expect(json.resource.aws_route53_query_log).toBeUndefined();
    expect(json.output.dnssec_ds_record.value).toMatch(/^not managed here: dns.existingZoneId Z0EXISTING12345 is adopted/);
    expect(stack.node.metadata.filter((m) => m.type === "@cdktf/warn").map((m) => m.data)).toEqual([expect.stringMatching(/DNSSEC signing and query logging are up to the zone's owner/)]);
  });
});
