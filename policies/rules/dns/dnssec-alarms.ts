import { asStrings, block } from "../../engine/attributes";
import type { Rule } from "../../engine/types";
import { DNSSEC_ALARM_METRICS, ROUTE53_METRICS_NAMESPACE } from "../../../contracts/security";
import { zoneOf } from "./support";

export const dnssecAlarms: Rule = {
  id: "LS-DNS-003",
  title: "DNSSEC-signed zone alarms on internal failures and on key-signing keys needing action",
  level: "error",
  checkov: [],
  trivy: [],
  resourceTypes: ["aws_route53_hosted_zone_dnssec"],
  rationale: "A signed zone whose KMS key is disabled or whose signing fails stops validating within days once the DS record is published, and the zone drops off the internet for validating resolvers; Route 53 only says so through these metrics.",
  fix: `Add aws_cloudwatch_metric_alarm resources in us-east-1 on ${ROUTE53_METRICS_NAMESPACE} ${Object.values(DNSSEC_ALARM_METRICS).join(" and ")} (dimension HostedZoneId = the zone, threshold 0) with alarm_actions to a us-east-1 topic.`,
  check(signing, { index }) {
    const zoneId = signing.attributes.hosted_zone_id;
    const zone = zoneOf(index, zoneId);
    const sameZone = (value: unknown) => (zone ? zoneOf(index, value) === zone : value === zoneId);
    const missing = Object.values(DNSSEC_ALARM_METRICS).filter(
      (metric) =>
        !index
          .ofType("aws_cloudwatch_metric_alarm")
          .some(
            (a) =>
              a.attributes.namespace === ROUTE53_METRICS_NAMESPACE &&
              a.attributes.metric_name === metric &&
              sameZone(block(a.attributes.dimensions).HostedZoneId) &&
              asStrings(a.attributes.alarm_actions).length > 0,
          ),
    );
    return missing.length ? [{ message: `no alarm with actions watches ${missing.join(", ")} for this zone` }] : [];
  },
};
