/** CloudWatch Logs accepts only these retention periods (days): PutRetentionPolicy's documented values. */
export const LOG_RETENTION_DAYS = [1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653] as const;
export type LogRetentionDays = (typeof LOG_RETENTION_DAYS)[number];

export const isLogRetentionDays = (days: number): days is LogRetentionDays => (LOG_RETENTION_DAYS as readonly number[]).includes(days);
/** Retention of the platform's own log groups (tasks, functions, pipes, flow logs) unless configured otherwise. */
export const DEFAULT_LOG_RETENTION_DAYS: LogRetentionDays = 30;
