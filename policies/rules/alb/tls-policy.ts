import type { Rule } from "../../engine/types";
import { LISTENERS } from "./support";

/** ELB security policies that accept nothing older than TLS 1.2. */
const TLS12_POLICIES = /^ELBSecurityPolicy-(TLS13-1-[23]-|TLS-1-2-|FS-1-2-|TLS13-1-3-)/;

export const tlsPolicy: Rule = {
  id: "LS-ALB-002",
  title: "HTTPS listeners use a TLS 1.2+ security policy",
  level: "error",
  checkov: ["CKV_AWS_103"],
  trivy: ["AVD-AWS-0047"],
  resourceTypes: LISTENERS,
  rationale: "The provider's default policy (ELBSecurityPolicy-2016-08) still negotiates TLS 1.0.",
  fix: "Set ssl_policy = \"ELBSecurityPolicy-TLS13-1-2-2021-06\" (TLS 1.2 and 1.3, forward secrecy).",
  check(listener) {
    if (!["HTTPS", "TLS"].includes(String(listener.attributes.protocol))) return [];
    const policy = String(listener.attributes.ssl_policy ?? "ELBSecurityPolicy-2016-08");
    return TLS12_POLICIES.test(policy) ? [] : [{ message: `ssl_policy ${policy} allows protocols older than TLS 1.2` }];
  },
};
