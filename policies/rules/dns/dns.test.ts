import type { TerraformStack } from "cdktf";
import { CloudwatchMetricAlarm } from "@cdktf/provider-aws/lib/cloudwatch-metric-alarm";
import { Route53HostedZoneDnssec } from "@cdktf/provider-aws/lib/route53-hosted-zone-dnssec";
import { Route53KeySigningKey } from "@cdktf/provider-aws/lib/route53-key-signing-key";
import { Route53QueryLog } from "@cdktf/provider-aws/lib/route53-query-log";
import { Route53Zone } from "@cdktf/provider-aws/lib/route53-zone";
import { findingsOf, requireBothOutcomes } from "../../testing";
import { zoneDnssec } from "./zone-dnssec";
import { zoneQueryLog } from "./zone-query-log";
import { dnssecAlarms } from "./dnssec-alarms";

const zone = (s: TerraformStack, id = "zone") => new Route53Zone(s, id, { name: `${id}.example.com` });
function signed(s: TerraformStack, status = "ACTIVE", signingStatus = "SIGNING") {
  const z = zone(s);
  const ksk = new Route53KeySigningKey(s, "ksk", { hostedZoneId: z.zoneId, keyManagementServiceArn: "arn:aws:kms:us-east-1:111111111111:key/k", name: "ksk_1", status });
  const signing = new Route53HostedZoneDnssec(s, "signing", { hostedZoneId: z.zoneId, signingStatus, dependsOn: [ksk] });
  return { z, ksk, signing };
}
const alarm = (s: TerraformStack, id: string, metric: string, zoneId: string, actions = ["arn:aws:sns:us-east-1:111111111111:edge"]) =>
  new CloudwatchMetricAlarm(s, id, { alarmName: id, namespace: "AWS/Route53", metricName: metric, dimensions: { HostedZoneId: zoneId }, statistic: "Maximum", period: 300, evaluationPeriods: 1, threshold: 0, comparisonOperator: "GreaterThanThreshold", alarmActions: actions });

describe("LS-DNS-001 DNSSEC signing", () => {
  test("passes with an active KSK and signing on, also when signing names the zone through the KSK; private zones are skipped", () => {
    expect(findingsOf(zoneDnssec, (s) => void signed(s))).toEqual([]);
    expect(findingsOf(zoneDnssec, (s) => {
      const z = zone(s);
      const ksk = new Route53KeySigningKey(s, "ksk", { hostedZoneId: z.zoneId, keyManagementServiceArn: "arn:k", name: "ksk_1" });
      new Route53HostedZoneDnssec(s, "signing", { hostedZoneId: ksk.hostedZoneId });
    })).toEqual([]);
    expect(findingsOf(zoneDnssec, (s) => void new Route53Zone(s, "private", { name: "internal.example.com", vpc: [{ vpcId: "vpc-1" }] }))).toEqual([]);
  });
  test("fires on an unsigned zone, an inactive key and signing turned off", () => {
    expect(findingsOf(zoneDnssec, (s) => void zone(s)).map((f) => f.message)).toEqual([
      "no ACTIVE aws_route53_key_signing_key for this zone",
      "no aws_route53_hosted_zone_dnssec signs this zone",
    ]);
    expect(findingsOf(zoneDnssec, (s) => void signed(s, "INACTIVE")).map((f) => f.message)).toEqual(["no ACTIVE aws_route53_key_signing_key for this zone"]);
    expect(findingsOf(zoneDnssec, (s) => void signed(s, "ACTIVE", "NOT_SIGNING")).map((f) => f.message)).toEqual(["no aws_route53_hosted_zone_dnssec signs this zone"]);
  });
});

describe("LS-DNS-002 query logging", () => {
  test("passes with a query log for the zone", () => {
    expect(findingsOf(zoneQueryLog, (s) => void new Route53QueryLog(s, "ql", { zoneId: zone(s).zoneId, cloudwatchLogGroupArn: "arn:aws:logs:us-east-1:111111111111:log-group:/aws/route53/zone.example.com" }))).toEqual([]);
  });
  test("fires when only another zone is logged", () => {
    const f = findingsOf(zoneQueryLog, (s) => {
      zone(s);
      new Route53QueryLog(s, "ql", { zoneId: zone(s, "other").zoneId, cloudwatchLogGroupArn: "arn:g" });
    });
    expect(f.map((x) => x.path)).toEqual(["test/zone"]);
  });
});

describe("LS-DNS-003 DNSSEC alarms", () => {
  test("passes with both alarms on the zone, with actions", () => {
    expect(findingsOf(dnssecAlarms, (s) => {
      const { z } = signed(s);
      alarm(s, "failure-alarm", "DNSSECInternalFailure", z.zoneId);
      alarm(s, "ksk-alarm", "DNSSECKeySigningKeysNeedingAction", z.zoneId);
    })).toEqual([]);
  });
  test("fires on a missing alarm, an alarm on another zone and an alarm without actions", () => {
    const f = findingsOf(dnssecAlarms, (s) => {
      const { z } = signed(s);
      alarm(s, "failure-alarm", "DNSSECInternalFailure", zone(s, "other").zoneId);
      alarm(s, "ksk-alarm", "DNSSECKeySigningKeysNeedingAction", z.zoneId, []);
    });
    expect(f[0].message).toBe("no alarm with actions watches DNSSECInternalFailure, DNSSECKeySigningKeysNeedingAction for this zone");
  });
});

requireBothOutcomes([zoneDnssec, zoneQueryLog, dnssecAlarms]);
