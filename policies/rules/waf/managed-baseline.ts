import type { Rule } from "../../engine/types";
import { managedGroupRule, usesRuleJson } from "./support";

const BASELINE = ["AWSManagedRulesCommonRuleSet", "AWSManagedRulesAmazonIpReputationList"];

export const managedBaseline: Rule = {
  id: "LS-WAF-004",
  title: "WAFv2 web ACL runs the AWS common rule set and the IP reputation list",
  level: "error",
  checkov: ["CKV_AWS_175"],
  trivy: [],
  resourceTypes: ["aws_wafv2_web_acl"],
  rationale: "The baseline AWS maintains for any web API: OWASP-style request checks and addresses AWS threat intelligence has seen attacking; a web ACL without them filters almost nothing.",
  fix: `Add rules running the managed rule groups ${BASELINE.join(" and ")} (vendor_name = "AWS"); start them in count mode (override_action { count {} }) to tune, then block.`,
  check(acl) {
    if (usesRuleJson(acl)) return [{ message: "rules are given as rule_json, which cannot be checked statically: use rule blocks" }];
    const missing = BASELINE.filter((group) => !managedGroupRule(acl, group));
    return missing.length ? [{ message: `no rule runs ${missing.join(", ")}` }] : [];
  },
};
