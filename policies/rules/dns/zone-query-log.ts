import type { Rule } from "../../engine/types";
import { isPublicZone, zoneOf } from "./support";

export const zoneQueryLog: Rule = {
  id: "LS-DNS-002",
  title: "Public hosted zone logs DNS queries",
  level: "error",
  checkov: ["CKV2_AWS_39"],
  trivy: [],
  resourceTypes: ["aws_route53_zone"],
  rationale: "Query logs show who resolves which names of the zone and with which answer: the evidence for DNS-level abuse, enumeration or a hijack.",
  fix: "Add an aws_route53_query_log for the zone to a us-east-1 log group under /aws/route53/, with a CloudWatch Logs resource policy letting route53.amazonaws.com write to it for this zone.",
  check(zone, { index }) {
    if (!isPublicZone(zone)) return [];
    return index.ofType("aws_route53_query_log").some((q) => zoneOf(index, q.attributes.zone_id) === zone)
      ? []
      : [{ message: "no aws_route53_query_log for this zone" }];
  },
};
