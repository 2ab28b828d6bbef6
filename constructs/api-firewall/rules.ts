/**
 * The web ACL's rules as the provider's `rule` blocks. The provider types `statement` as `any`
 * (its schema is too deep to generate), so statements are written in Terraform's snake_case.
 */
import type { Wafv2WebAclRule } from "@cdktf/provider-aws/lib/wafv2-web-acl";
import type { FirewallAction } from "./props";

/** AWS managed rule groups the web ACL runs ("AWS Managed Rules rule groups list", WAF Developer Guide). */
export const MANAGED_RULE_GROUPS = {
  ipReputation: "AWSManagedRulesAmazonIpReputationList",
  anonymousIp: "AWSManagedRulesAnonymousIpList",
  knownBadInputs: "AWSManagedRulesKnownBadInputsRuleSet",
  common: "AWSManagedRulesCommonRuleSet",
} as const;

const visibility = (metricName: string) => ({ cloudwatchMetricsEnabled: true, sampledRequestsEnabled: true, metricName });

/** A rule running an AWS managed rule group; "count" overrides every rule in the group to count. */
export function managedRuleGroup(name: string, group: string, priority: number, action: FirewallAction): Wafv2WebAclRule {
  return {
    name,
    priority,
    overrideAction: action === "count" ? { count: {} } : { none: {} },
    statement: { managed_rule_group_statement: { name: group, vendor_name: "AWS" } },
    visibilityConfig: visibility(name),
  };
}

export interface RateRuleProps {
  readonly name: string;
  readonly priority: number;
  /** Requests one client IP may send per window. */
  readonly limit: number;
  readonly windowSeconds: number;
  readonly action: FirewallAction;
  /** Count only requests whose URI path matches one of these ALB path patterns. @default every request */
  readonly pathPatterns?: readonly string[];
}

/** A rate-based rule keyed on the client IP (the ALB's peer address; X-Forwarded-For is not trusted). */
export function rateLimitRule(props: RateRuleProps): Wafv2WebAclRule {
  const scopeDown = props.pathPatterns?.length
    ? {
        scope_down_statement: {
          regex_match_statement: {
            regex_string: pathPatternsRegex(props.pathPatterns),
            field_to_match: { uri_path: {} },
            text_transformation: [{ priority: 0, type: "NONE" }],
          },
        },
      }
    : {};
  return {
    name: props.name,
    priority: props.priority,
    action: props.action === "count" ? { count: {} } : { block: {} },
    statement: {
      rate_based_statement: { limit: props.limit, aggregate_key_type: "IP", evaluation_window_sec: props.windowSeconds, ...scopeDown },
    },
    visibilityConfig: visibility(props.name),
  };
}

/**
 * One anchored regex matching what the ALB path patterns match: case-sensitive, `*` any run of
 * characters (slashes included), `?` exactly one ("Listener rules for your Application Load
 * Balancer", path conditions). Keeps the WAF scope and the listener rule on the same paths.
 */
export function pathPatternsRegex(patterns: readonly string[]): string {
  const alternatives = patterns.map((p) =>
    p.replace(/[.+^${}()|[\]\\*?]/g, (c) => (c === "*" ? ".*" : c === "?" ? "." : `\\${c}`)),
  );
  return alternatives.length === 1 ? `^${alternatives[0]}$` : `^(?:${alternatives.join("|")})$`;
}
