import { readFileSync } from "node:fs";
import { join } from "node:path";
import { PEAK_REQUESTS_PER_WINDOW, wafSchema } from "./waf";

const shipped = (env: string) => JSON.parse(readFileSync(join(__dirname, "..", "environments", `${env}.json`), "utf8")).waf;
const messages = (raw: unknown) => {
  const r = wafSchema.safeParse(raw);
  return r.success ? [] : r.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
};

describe("waf config", () => {
  test("defaults follow the design's load: 7,000 requests in the peak 5-minute window, 50 users per address", () => {
    // 10,000 DAU x 80 % x 21 requests / 7,200 s x 300 s
    expect(PEAK_REQUESTS_PER_WINDOW).toBe(7000);
    expect(wafSchema.parse(undefined)).toEqual({
      managedRulesAction: "block",
      rateLimitAction: "block",
      rateLimitPerIp: 1100, // 50 users x 22 itemized requests
      reactionRateLimitPerIp: 750, // 50 users x (3 fetch + 3 react + 9 comment)
      evaluationWindowSeconds: 300,
      blockedRequestsAlarmThreshold: 70, // 1 % of 7,000
      logRetentionDays: 90,
    });
  });

  test("shipped environments: dev only counts rate-limited clients, prod blocks them", () => {
    expect(wafSchema.parse(shipped("dev"))).toMatchObject({ rateLimitAction: "count", managedRulesAction: "block", logRetentionDays: 14 });
    expect(wafSchema.parse(shipped("prod"))).toMatchObject({ rateLimitAction: "block", managedRulesAction: "block" });
  });

  test("the reaction limit must stay below the API-wide limit", () => {
    expect(messages({ rateLimitPerIp: 500, reactionRateLimitPerIp: 500 })).toEqual([expect.stringMatching(/^reactionRateLimitPerIp: must be below rateLimitPerIp \(500\)/)]);
  });

  test("limits, windows and retentions AWS refuses are refused here, with unknown keys", () => {
    expect(messages({ rateLimitPerIp: 9 })[0]).toMatch(/^rateLimitPerIp/);
    expect(messages({ evaluationWindowSeconds: 30 })[0]).toMatch(/^evaluationWindowSeconds/);
    expect(messages({ logRetentionDays: 10 })[0]).toMatch(/^logRetentionDays: expected a CloudWatch Logs retention/);
    expect(messages({ managedRulesAction: "allow" })[0]).toMatch(/^managedRulesAction/);
    expect(messages({ rateLimit: 100 })[0]).toMatch(/rateLimit/);
  });
});
