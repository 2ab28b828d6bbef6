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
  /** Database writer CPU %. @default 80 */
  readonly dbCpuPercent?: number;
  /**
   * Free local storage of the writer in GiB (temporary files of sorts and index builds, and logs; its
   * size depends on the class). Kept low so the smallest classes do not alarm at rest. @default 0.5
   */
  readonly dbFreeLocalStorageGb?: number;
  /** Reader lag in seconds: the services read through the reader endpoint; Aurora Replicas normally lag well under a second. @default 5 */
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
  dbFreeLocalStorageGb: 0.5,
  replicaLagSeconds: 5,
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
