import { blocks } from "../../engine/attributes";
import type { Rule } from "../../engine/types";

export const mediaLiveInputSecurityGroup: Rule = {
  id: "LS-NET-003",
  title: "MediaLive input security group is not open to the world",
  level: "error",
  checkov: [],
  trivy: [],
  resourceTypes: ["aws_medialive_input_security_group"],
  rationale: "Anyone who can reach a push input and guess its stream key can broadcast into a session; mentors' encoders should come from known ranges.",
  fix: "List the encoder or contribution networks' CIDRs in whitelist_rules; if mentors stream from arbitrary networks, suppress LS-NET-003 on the group with the reason and the compensating control (per-session stream keys, inputs detached when idle).",
  check(group) {
    const open = blocks(group.attributes.whitelist_rules).map((r) => String(r.cidr)).filter((c) => /\/0$/.test(c));
    return open.length ? [{ message: `whitelist_rules admit ${open.join(", ")}` }] : [];
  },
};
