import { z } from "zod";
import { DEFAULT_WAF_SETTINGS } from "../../contracts/settings-defaults";
import { impliedLoad } from "../../cost-model/load";
import { DEFAULT_SCENARIO, primeHours } from "../../cost-model/scenario-defaults";
import { logRetentionDays } from "../log-retention";

/**
 * The web application firewall (AWS WAF, regional) in front of the API load balancer: which rules
 * block and which only count, and the per-client rate limits. ApiFirewall takes the limits as given:
 * they follow from the platform's load, which is the environment's to know.
 *
 * How the default limits follow from the design (section B, assumptions 2, 3 and 6):
 *
 *   Platform load. 10,000 DAU, 80 % of them in the 2-hour prime-time window, 21 backend requests
 *   each (cost-model/load.ts, impliedLoad): 10,000 x 0.8 x 21 / 7,200 s = 23.3 requests/s, i.e.
 *   23.3 x 300 = 7,000 requests in one 5-minute window for the whole platform at its busiest.
 *
 *   One user. The design itemizes a user's day (it says "around 21"; the items add up to 22):
 *   token 1, mentor page 3, metadata 3, fetch reactions/comments 3, send reaction 3, send comment 9.
 *   A legitimate client can do all of it within one 5-minute window: 22 requests, 15 of them on the
 *   reaction/comment path (3 + 3 + 9).
 *
 *   One client IP. Mobile carriers and campus Wi-Fi put many users behind one public address
 *   (carrier-grade NAT). Allowing 50 such users a whole day each in one window gives
 *     API:       50 x 22 = 1,100 requests per 5 minutes per IP (16 % of the platform's peak window)
 *     reactions: 50 x 15 =   750 requests per 5 minutes per IP
 *   A single address above that is a script, not a crowd; an address that really carries more users
 *   shows up in the rate-limit alarm and the WAF logs first (keep dev in count mode to watch).
 *
 *   Alarm. More than 1 % of the peak window blocked (70 requests in 5 minutes) pages on-call: either
 *   an attack worth knowing about or a rule blocking real users.
 */

/** The design's itemized backend requests of one user's day (design B.6). */
const DESIGN_USER_REQUESTS = {
  tokenAuth: 1,
  openMentorPage: 3,
  fetchMetadata: 3,
  fetchReactionsAndComments: 3,
  sendReaction: 3,
  sendComment: 9,
} as const;
/** Users assumed to share one public IP address at once (carrier-grade NAT, campus Wi-Fi). */
const USERS_PER_ADDRESS = 50;
const WINDOW_SECONDS = DEFAULT_WAF_SETTINGS.evaluationWindowSeconds;

const r = DESIGN_USER_REQUESTS;
const userRequests = Object.values(r).reduce((a, b) => a + b, 0);
const userReactionRequests = r.fetchReactionsAndComments + r.sendReaction + r.sendComment;

/** Backend requests the whole platform receives in one window at the prime-time peak (7,000). */
export const PEAK_REQUESTS_PER_WINDOW = Math.ceil(
  impliedLoad(DEFAULT_SCENARIO.users.dau, {
    primeShare: DEFAULT_SCENARIO.primeTime.share,
    primeHours: primeHours(DEFAULT_SCENARIO),
    backendRequestsPerUser: DEFAULT_SCENARIO.requests.backendPerUser,
    cdnRequestsPerUser: DEFAULT_SCENARIO.requests.cdnPerUser,
  }).prime.backendRps * WINDOW_SECONDS,
);
/** 1,100 requests per window per client IP on the whole API. */
const DEFAULT_RATE_LIMIT_PER_IP = USERS_PER_ADDRESS * userRequests;
/** 750 requests per window per client IP on the reaction/comment path. */
const DEFAULT_REACTION_RATE_LIMIT_PER_IP = USERS_PER_ADDRESS * userReactionRequests;
/** 70 blocked requests in 5 minutes: 1 % of the peak window. */
const DEFAULT_BLOCKED_REQUESTS_ALARM = Math.ceil(PEAK_REQUESTS_PER_WINDOW * 0.01);

const action = z.enum(["block", "count"]);
/** AWS WAF rate-based rules: limit 10 to 2,000,000,000 requests per window (WAF API Reference, RateBasedStatement). */
const rateLimit = z.number().int().min(10).max(2_000_000_000);

export const wafSchema = z
  .strictObject({
    /** Action of the AWS common rule set and the IP reputation list; "count" to tune before blocking. Known bad inputs (Log4j) always block, the anonymous-IP list always counts. */
    managedRulesAction: action.default(DEFAULT_WAF_SETTINGS.managedRulesAction),
    /** Action of both rate-based rules; "count" only records who would have been limited. */
    rateLimitAction: action.default(DEFAULT_WAF_SETTINGS.rateLimitAction),
    /** Requests one client IP may send to the API per evaluation window. */
    rateLimitPerIp: rateLimit.default(DEFAULT_RATE_LIMIT_PER_IP),
    /** Requests one client IP may send to the reaction/comment path per window; below rateLimitPerIp. */
    reactionRateLimitPerIp: rateLimit.default(DEFAULT_REACTION_RATE_LIMIT_PER_IP),
    /** Window the rate-based rules count over, seconds; the limits are per window, change them together. */
    evaluationWindowSeconds: z.union([z.literal(60), z.literal(120), z.literal(300), z.literal(600)]).default(DEFAULT_WAF_SETTINGS.evaluationWindowSeconds),
    /** Blocked requests in 5 minutes that page on-call. */
    blockedRequestsAlarmThreshold: z.number().int().min(1).default(DEFAULT_BLOCKED_REQUESTS_ALARM),
    /** Days WAF request logs are kept (CloudWatch Logs). */
    logRetentionDays: logRetentionDays.default(DEFAULT_WAF_SETTINGS.logRetentionDays),
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
