import type { Rule } from "../../engine/types";
import { isPublicZone, zoneOf } from "./support";

export const zoneDnssec: Rule = {
  id: "LS-DNS-001",
  title: "Public hosted zone is DNSSEC-signed with an active key-signing key",
  level: "error",
  checkov: ["CKV2_AWS_38"],
  trivy: [],
  resourceTypes: ["aws_route53_zone"],
  rationale: "Without DNSSEC a resolver cannot tell a forged answer for api.<zone> or media.<zone> from the real one (cache poisoning sends users elsewhere).",
  fix: "Add an aws_route53_key_signing_key (KMS key ECC_NIST_P256/SIGN_VERIFY in us-east-1) and an aws_route53_hosted_zone_dnssec for the zone, then publish the DS record in the parent zone (constructs/hosted-zone-security).",
  check(zone, { index }) {
    if (!isPublicZone(zone)) return [];
    const problems = [];
    const keys = index.ofType("aws_route53_key_signing_key").filter((k) => zoneOf(index, k.attributes.hosted_zone_id) === zone);
    if (!keys.some((k) => (k.attributes.status ?? "ACTIVE") === "ACTIVE")) problems.push({ message: "no ACTIVE aws_route53_key_signing_key for this zone" });
    const signing = index.ofType("aws_route53_hosted_zone_dnssec").filter((d) => zoneOf(index, d.attributes.hosted_zone_id) === zone);
    if (!signing.some((d) => (d.attributes.signing_status ?? "SIGNING") === "SIGNING")) problems.push({ message: "no aws_route53_hosted_zone_dnssec signs this zone" });
    return problems;
  },
};
