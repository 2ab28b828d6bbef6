/** Alarm thresholds of the platform; each has a default sized for the design's traffic. */
export interface AlarmThresholds {
  /** 5xx responses (load balancer or targets) in 5 minutes. @default 10 */
  readonly alb5xxPerFiveMinutes?: number;
  /** p95 target response time in seconds, over 3 of 3 five-minute periods. @default 1 */
  readonly latencyP95Seconds?: number;
  /** ECS service CPU %: above the scaling target, so it fires only when scaling cannot keep up. @default 85 */
  readonly serviceCpuPercent?: number;
  /** ECS service memory %. @default 85 */
  readonly serviceMemoryPercent?: number;
  /** RDS CPU %. @default 80 */
  readonly dbCpuPercent?: number;
  /** RDS free storage floor in GiB (storage autoscaling should act well before). @default 5 */
  readonly dbFreeStorageGb?: number;
  /** Read replica lag in seconds: the mentor and social services read from the replica. @default 30 */
  readonly replicaLagSeconds?: number;
  /** Age in seconds of the oldest queued notification: the pipe normally drains within seconds. @default 300 */
  readonly oldestNotificationAgeSeconds?: number;
}

export const DEFAULT_THRESHOLDS: Required<AlarmThresholds> = {
  alb5xxPerFiveMinutes: 10,
  latencyP95Seconds: 1,
  serviceCpuPercent: 85,
  serviceMemoryPercent: 85,
  dbCpuPercent: 80,
  dbFreeStorageGb: 5,
  replicaLagSeconds: 30,
  oldestNotificationAgeSeconds: 300,
};

/** Defaults merged with overrides; refuses non-positive values and percentages above 100. */
export function resolveThresholds(overrides: AlarmThresholds = {}): Required<AlarmThresholds> {
  const t = { ...DEFAULT_THRESHOLDS, ...overrides };
  for (const [name, value] of Object.entries(t)) {
    if (!(typeof value === "number" && Number.isFinite(value) && value > 0)) {
      throw new Error(`Observability: thresholds.${name} must be a positive number, got ${value}`);
    }
    if (name.endsWith("Percent") && value > 100) {
      throw new Error(`Observability: thresholds.${name} is a percentage (at most 100), got ${value}`);
    }
  }
  return t;
}
