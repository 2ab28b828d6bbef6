import { blocks, block } from "../../engine/attributes";
import type { Rule } from "../../engine/types";
import { managedGroupRule, overrideOf, usesRuleJson } from "./support";

const GROUP = "AWSManagedRulesKnownBadInputsRuleSet";

export const knownBadInputs: Rule = {
  id: "LS-WAF-003",
  title: "WAFv2 web ACL blocks known bad inputs, Log4Shell included",
  level: "error",
  checkov: ["CKV_AWS_192"],
  trivy: [],
  resourceTypes: ["aws_wafv2_web_acl"],
  rationale: "The known-bad-inputs group blocks request patterns no real client sends (Log4j JNDI lookups, exploit paths); in count mode or with its Log4JRCE rules overridden it protects nothing.",
  fix: `Add a rule with statement { managed_rule_group_statement { name = "${GROUP}", vendor_name = "AWS" } } and override_action { none {} }, without rule_action_override on the Log4JRCE rules.`,
  check(acl) {
    if (usesRuleJson(acl)) return [{ message: "rules are given as rule_json, which cannot be checked statically: use rule blocks" }];
    const rule = managedGroupRule(acl, GROUP);
    if (!rule) return [{ message: `no rule runs the managed rule group ${GROUP}` }];
    if (overrideOf(rule) === "count") return [{ message: `${GROUP} is overridden to count: its matches are not blocked` }];
    const overrides = blocks(block(block(rule.statement).managed_rule_group_statement).rule_action_override)
      .filter((o) => String(o.name).startsWith("Log4JRCE") && !Object.keys(block(o.action_to_use)).includes("block"))
      .map((o) => String(o.name));
    return overrides.length ? [{ message: `rule_action_override relaxes ${overrides.join(", ")}` }] : [];
  },
};
