import { asStrings } from "../../engine/attributes";
import type { Rule } from "../../engine/types";

const PUSH = new Set(["RTMP_PUSH", "RTP_PUSH", "UDP_PUSH"]);

export const mediaLivePushInputRestricted: Rule = {
  id: "LS-NET-004",
  title: "MediaLive push inputs have an input security group",
  level: "error",
  checkov: [],
  trivy: [],
  resourceTypes: ["aws_medialive_input"],
  rationale: "A push input accepts streams only from the CIDRs of its input security group; without one it cannot be created or is unrestricted.",
  fix: "Set input_security_groups = [<aws_medialive_input_security_group>.id].",
  check(input) {
    if (!PUSH.has(String(input.attributes.type))) return [];
    const groups = input.attributes.input_security_groups;
    return (Array.isArray(groups) ? asStrings(groups).length : groups) ? [] : [{ message: `${String(input.attributes.type)} input has no input_security_groups` }];
  },
};
