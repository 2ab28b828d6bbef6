import { asNumber, block } from "../../engine/attributes";
import type { Rule } from "../../engine/types";
import { aclRules, actionOf, usesRuleJson } from "./support";

export const clientRateLimit: Rule = {
  id: "LS-WAF-005",
  title: "WAFv2 web ACL rate-limits every client IP (blocking, in prod)",
  level: "error",
  checkov: [],
  trivy: [],
  resourceTypes: ["aws_wafv2_web_acl"],
  rationale: "Managed rules do not stop a client that simply sends too much: a per-IP rate limit on all requests keeps one script from taking the services' capacity. Dev may run it in count mode while limits are tuned.",
  fix: "Add a rule with statement { rate_based_statement { limit = <requests per window>, aggregate_key_type = \"IP\" } } without a scope-down statement, and action { block {} } in prod.",
  check(acl, { tier }) {
    if (usesRuleJson(acl)) return [{ message: "rules are given as rule_json, which cannot be checked statically: use rule blocks" }];
    const limits = aclRules(acl).filter((r) => {
      const rate = block(block(r.statement).rate_based_statement);
      return asNumber(rate.limit) !== undefined && (rate.aggregate_key_type ?? "IP") === "IP" && !rate.scope_down_statement;
    });
    if (limits.length === 0) return [{ message: "no rate_based_statement keyed on the client IP covers every request" }];
    if (tier === "prod" && !limits.some((r) => actionOf(r) === "block")) return [{ message: "the per-IP rate limit only counts; prod must block" }];
    return [];
  },
};
