import { Construct } from "constructs";
import { Wafv2WebAcl } from "@cdktf/provider-aws/lib/wafv2-web-acl";
import { Wafv2WebAclAssociation } from "@cdktf/provider-aws/lib/wafv2-web-acl-association";
import { Wafv2WebAclLoggingConfiguration } from "@cdktf/provider-aws/lib/wafv2-web-acl-logging-configuration";
import { DEFAULT_WAF_SETTINGS } from "../../contracts/settings-defaults";
import type { ApiFirewallProps } from "./props";
import { opsAlarm } from "../observability/ops-alarm";
import { RequestLog } from "./request-log";
import { MANAGED_RULE_GROUPS, managedRuleGroup, rateLimitRule } from "./rules";

export { MANAGED_RULE_GROUPS, pathPatternsRegex } from "./rules";
export type { ApiFirewallProps, FirewallAction } from "./props";

/** Rule names; each is also its CloudWatch metric name (the `Rule` dimension of AWS/WAFV2). */
const RULES = {
  ipReputation: "ip-reputation",
  reactionRate: "reaction-rate-per-ip",
  apiRate: "api-rate-per-ip",
  anonymousIp: "anonymous-ip",
  knownBadInputs: "known-bad-inputs",
  common: "common-rule-set",
} as const;

/**
 * AWS WAF (regional) on the API load balancer. In priority order: the IP reputation list, a lower
 * per-IP limit on the reaction/comment path, a per-IP limit on everything, the anonymous-IP list
 * (count only: VPN users are legitimate viewers, the label is there to correlate), known bad inputs
 * (Log4j and friends, always blocking) and the common rule set. Every request is logged to
 * CloudWatch Logs with the Authorization and Cookie headers redacted, and blocked or rate-limited
 * requests alarm to the ops topic.
 */
export class ApiFirewall extends Construct {
  readonly webAclArn: string;
  readonly webAclName: string;
  readonly logGroupName: string;

  constructor(scope: Construct, id: string, props: ApiFirewallProps) {
    super(scope, id);
    const p = resolve(props);
    validate(p);
    const name = `${p.namePrefix}-api`;

    const acl = new Wafv2WebAcl(this, "web-acl", {
      name,
      description: `${p.namePrefix}: managed rules and per-IP rate limits in front of the API load balancer`,
      scope: "REGIONAL",
      defaultAction: { allow: {} },
      rule: [
        managedRuleGroup(RULES.ipReputation, MANAGED_RULE_GROUPS.ipReputation, 0, p.managedRulesAction),
        rateLimitRule({ name: RULES.reactionRate, priority: 1, limit: p.reactionRateLimitPerIp, windowSeconds: p.evaluationWindowSeconds, action: p.rateLimitAction, pathPatterns: p.reactionPathPatterns }),
        rateLimitRule({ name: RULES.apiRate, priority: 2, limit: p.rateLimitPerIp, windowSeconds: p.evaluationWindowSeconds, action: p.rateLimitAction }),
        managedRuleGroup(RULES.anonymousIp, MANAGED_RULE_GROUPS.anonymousIp, 3, "count"),
        managedRuleGroup(RULES.knownBadInputs, MANAGED_RULE_GROUPS.knownBadInputs, 4, "block"),
        managedRuleGroup(RULES.common, MANAGED_RULE_GROUPS.common, 5, p.managedRulesAction),
      ],
      visibilityConfig: { cloudwatchMetricsEnabled: true, sampledRequestsEnabled: true, metricName: name },
    });
    this.webAclArn = acl.arn;
    this.webAclName = acl.name;

    new Wafv2WebAclAssociation(this, "load-balancer", { resourceArn: p.loadBalancerArn, webAclArn: acl.arn });

    const log = new RequestLog(this, "request-log", {
      name,
      accountId: p.accountId,
      region: p.region,
      kmsKeyArn: p.kmsKeyArn,
      retentionDays: p.logRetentionDays,
    });
    this.logGroupName = log.logGroupName;
    new Wafv2WebAclLoggingConfiguration(this, "logging", {
      resourceArn: acl.arn,
      logDestinationConfigs: [log.logGroupArn],
      // Bearer tokens and session cookies stay out of the logs.
      redactedFields: [{ singleHeader: { name: "authorization" } }, { singleHeader: { name: "cookie" } }],
      dependsOn: [log.policy],
    });

    const metric = (rule: string, metricName: string) => ({
      topicArn: p.alarmTopicArn,
      namespace: "AWS/WAFV2",
      metricName,
      dimensions: { WebACL: name, Region: p.region, Rule: rule },
      statistic: "Sum",
      periodSeconds: 300,
      treatMissingData: "notBreaching" as const,
    });
    opsAlarm(this, "blocked-spike", {
      ...metric("ALL", "BlockedRequests"),
      alarmName: `${name}-waf-blocked-spike`,
      description: `More than ${p.blockedRequestsAlarmThreshold} requests to the API were blocked by AWS WAF in 5 minutes: an attack, or a rule blocking real users. The WAF log group ${log.logGroupName} has each request with its terminatingRuleId.`,
      threshold: p.blockedRequestsAlarmThreshold,
    });
    // In count mode nothing is blocked: the alarm then reports who would have been limited.
    const limitedMetric = p.rateLimitAction === "block" ? "BlockedRequests" : "CountedRequests";
    for (const [alarmId, rule, limit, what] of [
      ["reaction-rate-limited", RULES.reactionRate, p.reactionRateLimitPerIp, "the reaction/comment path"],
      ["api-rate-limited", RULES.apiRate, p.rateLimitPerIp, "the API"],
    ] as const) {
      opsAlarm(this, alarmId, {
        ...metric(rule, limitedMetric),
        alarmName: `${name}-waf-${alarmId}`,
        description: `A client IP sent more than ${limit} requests in ${p.evaluationWindowSeconds} s to ${what} and was rate-limited (${p.rateLimitAction}). Find the address in ${log.logGroupName} (terminatingRuleId or nonTerminatingMatchingRules = ${rule}); raise the limit in waf config if it is a shared address of real users.`,
        threshold: 0,
      });
    }
  }
}

type Resolved = Required<ApiFirewallProps>;

function resolve(props: ApiFirewallProps): Resolved {
  const d = DEFAULT_WAF_SETTINGS;
  return {
    ...props,
    managedRulesAction: props.managedRulesAction ?? d.managedRulesAction,
    rateLimitAction: props.rateLimitAction ?? d.rateLimitAction,
    evaluationWindowSeconds: props.evaluationWindowSeconds ?? d.evaluationWindowSeconds,
    logRetentionDays: props.logRetentionDays ?? d.logRetentionDays,
  };
}

/** Every invalid prop at once, named. */
function validate(p: Resolved): void {
  const problems: string[] = [];
  if (!/^[a-z][a-z0-9-]{0,80}$/.test(p.namePrefix)) problems.push(`namePrefix '${p.namePrefix}' must be lower-case letters, digits and dashes (at most 81)`);
  for (const key of ["rateLimitPerIp", "reactionRateLimitPerIp"] as const) {
    const v = p[key];
    if (!Number.isInteger(v) || v < 10 || v > 2_000_000_000) problems.push(`${key} must be a whole number from 10 to 2,000,000,000 (AWS WAF rate-based limit), got ${v}`);
  }
  if (p.reactionRateLimitPerIp >= p.rateLimitPerIp) problems.push(`reactionRateLimitPerIp (${p.reactionRateLimitPerIp}) must be below rateLimitPerIp (${p.rateLimitPerIp})`);
  if (![60, 120, 300, 600].includes(p.evaluationWindowSeconds)) problems.push(`evaluationWindowSeconds must be 60, 120, 300 or 600, got ${p.evaluationWindowSeconds}`);
  if (p.reactionPathPatterns.length === 0) problems.push("reactionPathPatterns must list the reaction route's path patterns");
  const bad = p.reactionPathPatterns.find((x) => !x.startsWith("/"));
  if (bad !== undefined) problems.push(`reactionPathPatterns entry '${bad}' must start with "/"`);
  if (!Number.isInteger(p.blockedRequestsAlarmThreshold) || p.blockedRequestsAlarmThreshold < 1) {
    problems.push(`blockedRequestsAlarmThreshold must be a whole number of at least 1, got ${p.blockedRequestsAlarmThreshold}`);
  }
  if (problems.length) throw new Error(`ApiFirewall: ${problems.join("; ")}`);
}
