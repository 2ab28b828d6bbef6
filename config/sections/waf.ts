import { z } from "zod";
import { API_FIREWALL_DEFAULTS } from "../../constructs/api-firewall/defaults";
import { logRetentionDays } from "../log-retention";

/**
 * The web application firewall (AWS WAF, regional) in front of the API load balancer: which rules
 * block and which only count, and the per-client rate limits. The defaults, and how they follow from
 * the design's load, are ApiFirewall's (constructs/api-firewall/defaults.ts).
 */
const DEFAULTS = API_FIREWALL_DEFAULTS;

const action = z.enum(["block", "count"]);
/** AWS WAF rate-based rules: limit 10 to 2,000,000,000 requests per window (WAF API Reference, RateBasedStatement). */
const rateLimit = z.number().int().min(10).max(2_000_000_000);

export const wafSchema = z
  .strictObject({
    /** Action of the AWS common rule set and the IP reputation list; "count" to tune before blocking. Known bad inputs (Log4j) always block, the anonymous-IP list always counts. */
    managedRulesAction: action.default(DEFAULTS.managedRulesAction),
    /** Action of both rate-based rules; "count" only records who would have been limited. */
    rateLimitAction: action.default(DEFAULTS.rateLimitAction),
    /** Requests one client IP may send to the API per evaluation window. */
    rateLimitPerIp: rateLimit.default(DEFAULTS.rateLimitPerIp),
    /** Requests one client IP may send to the reaction/comment path per window; below rateLimitPerIp. */
    reactionRateLimitPerIp: rateLimit.default(DEFAULTS.reactionRateLimitPerIp),
    /** Window the rate-based rules count over, seconds; the limits are per window, change them together. */
    evaluationWindowSeconds: z.union([z.literal(60), z.literal(120), z.literal(300), z.literal(600)]).default(DEFAULTS.evaluationWindowSeconds),
    /** Blocked requests in 5 minutes that page on-call. */
    blockedRequestsAlarmThreshold: z.number().int().min(1).default(DEFAULTS.blockedRequestsAlarmThreshold),
    /** Days WAF request logs are kept (CloudWatch Logs). */
    logRetentionDays: logRetentionDays.default(DEFAULTS.logRetentionDays),
  })
  .superRefine((w, ctx) => {
    if (w.reactionRateLimitPerIp >= w.rateLimitPerIp) {
      ctx.addIssue({
        code: "custom",
        path: ["reactionRateLimitPerIp"],
        message: `must be below rateLimitPerIp (${w.rateLimitPerIp}): the reaction path is what bots hammer, so it gets the lower limit`,
      });
    }
  })
  .prefault({});

