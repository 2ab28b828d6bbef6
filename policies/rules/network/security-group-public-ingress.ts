import { asNumber, asStrings, blocks } from "../../engine/attributes";
import type { StackIndex } from "../../engine/stack-index";
import type { Rule, SynthesizedResource, Violation } from "../../engine/types";

const WORLD = new Set(["0.0.0.0/0", "::/0"]);

/** Security groups attached to a load balancer in this stack. */
function isLoadBalancerGroup(index: StackIndex, sg: SynthesizedResource | undefined): boolean {
  if (!sg) return false;
  return [...index.ofType("aws_lb"), ...index.ofType("aws_alb")].some((lb) => index.refersTo(lb.attributes.security_groups, sg));
}

function checkRule(
  index: StackIndex,
  sg: SynthesizedResource | undefined,
  cidrs: string[],
  from: unknown,
  to: unknown,
  protocol: unknown,
  where: string,
): Violation[] {
  const open = cidrs.filter((c) => WORLD.has(c));
  if (open.length === 0) return [];
  const f = asNumber(from);
  const t = asNumber(to);
  const tcp = ["tcp", "6"].includes(String(protocol));
  if (tcp && f === t && (f === 443 || f === 80) && isLoadBalancerGroup(index, sg)) return [];
  const ports = String(protocol) === "-1" ? "all ports" : `${String(protocol)} ${f}${t !== f ? `-${t}` : ""}`;
  return [{ message: `${where} allows ${open.join(", ")} on ${ports}; only a load balancer's group may be open, on 443 (and 80 for the redirect)` }];
}

export const securityGroupPublicIngress: Rule = {
  id: "LS-NET-001",
  title: "Security groups admit no internet traffic except the ALB on 443 and 80",
  level: "error",
  checkov: ["CKV_AWS_24", "CKV_AWS_25", "CKV_AWS_260", "CKV_AWS_277"],
  trivy: ["AVD-AWS-0107"],
  resourceTypes: ["aws_security_group", "aws_security_group_rule", "aws_vpc_security_group_ingress_rule"],
  rationale: "Only the ALB faces the internet; everything else is reached through it or through private networking.",
  fix: "Replace the 0.0.0.0/0 (or ::/0) source with the security group that needs access (referenced_security_group_id / source_security_group_id).",
  check(r, { index }) {
    if (r.type === "aws_security_group") {
      return blocks(r.attributes.ingress).flatMap((i) =>
        checkRule(index, r, [...asStrings(i.cidr_blocks), ...asStrings(i.ipv6_cidr_blocks)], i.from_port, i.to_port, i.protocol, "an inline ingress rule"),
      );
    }
    const sg = index.referencedResources(r.attributes.security_group_id).find((x) => x.type === "aws_security_group");
    if (r.type === "aws_security_group_rule") {
      if (r.attributes.type !== "ingress") return [];
      return checkRule(index, sg, [...asStrings(r.attributes.cidr_blocks), ...asStrings(r.attributes.ipv6_cidr_blocks)], r.attributes.from_port, r.attributes.to_port, r.attributes.protocol, "the rule");
    }
    return checkRule(index, sg, [...asStrings(r.attributes.cidr_ipv4), ...asStrings(r.attributes.cidr_ipv6)], r.attributes.from_port, r.attributes.to_port, r.attributes.ip_protocol, "the rule");
  },
};
