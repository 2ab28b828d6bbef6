import { z } from "zod";
import { isLogRetentionDays, LOG_RETENTION_DAYS } from "../contracts";

/** A CloudWatch Logs retention in days: one of the values PutRetentionPolicy accepts (contracts/logs.ts). */
export const logRetentionDays = z
  .number()
  .int()
  .refine(isLogRetentionDays, `expected a CloudWatch Logs retention: one of ${LOG_RETENTION_DAYS.join(", ")} days`);
