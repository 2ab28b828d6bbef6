import { z } from "zod";
import { DEFAULT_BUDGET_SETTINGS } from "../../contracts/settings-defaults";
import { DEFAULT_SCENARIO } from "../../cost-model/scenario-defaults";

/**
 * The AWS Budget of an environment. Its per-month planned limits are the cost model's forecast of
 * what the environment's stack deploys, at this load, plus headroom (constructs/budget). The load
 * defaults to the design's (the cost model's default scenario).
 */
export const budgetSchema = z
  .strictObject({
    /** Daily active users the forecast assumes in its month 1 (`startMonth`). */
    dau: z.number().int("whole users").min(0, "DAU cannot be negative").default(DEFAULT_SCENARIO.users.dau),
    /** Monthly growth as a fraction (0.1 = +10 %). */
    monthlyGrowth: z.number().gt(-1, "growth must be above -100 %").max(1, "at most 1 (+100 % a month)").default(DEFAULT_SCENARIO.users.monthlyGrowth),
    /** Calendar month of forecast month 1 (the launch), YYYY-MM; absent: every synth plans from its own month. */
    startMonth: z.string().regex(/^(19|20)\d\d-(0[1-9]|1[0-2])$/, "expected a calendar month YYYY-MM, e.g. 2027-01").optional(),
    /** Headroom above each month's forecast before the budget alerts. */
    headroomPercent: z.number().min(0).max(500).default(DEFAULT_BUDGET_SETTINGS.headroomPercent),
    /** A fixed monthly limit that replaces the planned limits. */
    limitUsd: z.number().positive().optional(),
  })
  .prefault({});

