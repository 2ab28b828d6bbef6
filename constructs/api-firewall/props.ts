/** What a rule does with a request it matches: "count" only records it. */
export type FirewallAction = "block" | "count";

export interface ApiFirewallProps {
  /** Prefix of every resource name, e.g. `livestream-dev`. */
  readonly namePrefix: string;
  readonly accountId: string;
  /** Region of the load balancer (and of the web ACL, its metrics and its log group). */
  readonly region: string;
  /** ARN of the internet-facing load balancer the web ACL protects. */
  readonly loadBalancerArn: string;
  /** ALB path patterns of the reaction/comment route; they get the lower per-IP limit. */
  readonly reactionPathPatterns: readonly string[];
  /** KMS key of the request log group. */
  readonly kmsKeyArn: string;
  /** Ops SNS topic (same region) the blocked-request alarms notify. */
  readonly alarmTopicArn: string;
  /** Action of the common rule set and the IP reputation list. @default "block" */
  readonly managedRulesAction?: FirewallAction;
  /** Action of both rate-based rules. @default "block" */
  readonly rateLimitAction?: FirewallAction;
  /** Requests per window one client IP may send to the API (the environment sizes it from its load: config/sections/waf.ts). */
  readonly rateLimitPerIp: number;
  /** Requests per window one client IP may send to the reaction path; below rateLimitPerIp. */
  readonly reactionRateLimitPerIp: number;
  /** Rate-based evaluation window: 60, 120, 300 or 600 seconds. @default 300 */
  readonly evaluationWindowSeconds?: number;
  /** Blocked requests in 5 minutes that page on-call (about 1 % of the peak 5 minutes' requests). */
  readonly blockedRequestsAlarmThreshold: number;
  /** Days the request log is kept. @default DEFAULT_WAF_SETTINGS.logRetentionDays (90) */
  readonly logRetentionDays?: number;
}
