import { Annotations } from "cdktf";
import { ApiFirewall } from "../../constructs/api-firewall";
import { LIVESTREAM_PATHS } from "../../constructs/api-edge";
import { HostedZoneSecurity } from "../../constructs/hosted-zone-security";
import type { ApiArea } from "./api";
import type { Platform } from "./foundation";

export interface EdgeSecurityArea {
  /** DNSSEC signing, query logs and DNSSEC alarms of a zone this stack created; absent for an adopted zone. */
  readonly zoneSecurity?: HostedZoneSecurity;
  /** Why the zone is not signed here, when it is not. */
  readonly unsignedZoneReason?: string;
}

/**
 * Left out by the design (steps 1-3, 21): AWS WAF on the API load balancer, and DNSSEC signing and
 * query logs (us-east-1) for a zone this stack created (an adopted zone is secured where it is managed).
 */
export function buildEdgeSecurity(p: Platform, api: ApiArea): EdgeSecurityArea {
  const { config } = p;
  new ApiFirewall(p.stack, "api-firewall", {
    namePrefix: p.namePrefix,
    accountId: config.accountId,
    region: config.region,
    loadBalancerArn: api.edge.albArn,
    reactionPathPatterns: LIVESTREAM_PATHS.social.pathPatterns,
    kmsKeyArn: p.kmsKeyArn,
    alarmTopicArn: p.alarmTopicArn,
    ...config.waf,
  });
  if (config.dns.existingZoneId) {
    const unsignedZoneReason = `not managed here: dns.existingZoneId ${config.dns.existingZoneId} is adopted, so DNSSEC signing and query logging are up to the zone's owner`;
    Annotations.of(p.stack).addWarning(unsignedZoneReason);
    return { unsignedZoneReason };
  }
  const zoneSecurity = new HostedZoneSecurity(p.stack, "zone-security", {
    namePrefix: p.namePrefix,
    accountId: config.accountId,
    zoneId: api.edge.zoneId,
    zoneName: api.edge.zoneName,
    usEast1Provider: p.usEast1Provider,
    alarmEmails: [config.alarms.email],
  });
  return { zoneSecurity };
}
