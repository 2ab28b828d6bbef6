import { z } from "zod";

/**
 * The AWS Budget of an environment. Its monthly limit comes from the cost model's forecast of the
 * environment's own sizing (instance class, NAT gateways, task sizes) at this load.
 */
export const budgetSchema = z
  .strictObject({
    /** Daily active users the forecast assumes in month 1 of the budget. */
    dau: z.number().min(0, "DAU cannot be negative").default(10_000),
    /** Monthly growth as a fraction (0.1 = +10 %). */
    monthlyGrowth: z.number().gt(-1, "growth must be above -100 %").default(0.1),
    /** Which forecast month sets the limit (raise it as the platform grows, then redeploy). */
    forecastMonth: z.number().int().min(1).max(120).default(1),
    /** Headroom above the forecast before the budget counts as exceeded. */
    headroomPercent: z.number().min(0).max(500).default(10),
    /** A fixed limit that replaces the forecast. */
    limitUsd: z.number().positive().optional(),
  })
  .prefault({});

export type BudgetConfig = z.output<typeof budgetSchema>;
