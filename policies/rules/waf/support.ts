import { blocks, block, type Attrs } from "../../engine/attributes";
import type { SynthesizedResource } from "../../engine/types";

/** The web ACL's `rule` blocks. */
export const aclRules = (acl: SynthesizedResource): Attrs[] => blocks(acl.attributes.rule);

/** Rules given as one `rule_json` document cannot be read statically (the provider's escape hatch). */
export const usesRuleJson = (acl: SynthesizedResource): boolean => typeof acl.attributes.rule_json === "string";

/** The rule that runs an AWS managed rule group, if any. */
export function managedGroupRule(acl: SynthesizedResource, group: string): Attrs | undefined {
  return aclRules(acl).find((r) => {
    const statement = block(block(r.statement).managed_rule_group_statement);
    return statement.name === group && (statement.vendor_name ?? "AWS") === "AWS";
  });
}

/** "count" when the rule group is overridden to count, else "none" (its rules act). */
export const overrideOf = (rule: Attrs): "count" | "none" => (Object.keys(block(rule.override_action)).includes("count") ? "count" : "none");

/** The action block's verb (block, count, allow, captcha, challenge), if any. */
export const actionOf = (rule: Attrs): string | undefined => Object.keys(block(rule.action))[0];
