/**
 * The scenario: every assumption the forecast uses, as plain data. Defaults are the seed's
 * (design.md section B) where the seed states one, and what the stacks deploy (config/environments/
 * prod.json) where it does not. This file has no dependencies so `ops forecast --scenario seed`
 * starts without loading zod; `scenario.ts` validates files against the same defaults.
 */

export type ScenarioModel = "architecture" | "seed";
export type ChannelClass = "SINGLE_PIPELINE" | "STANDARD";
export type Resolution = "SD" | "HD" | "UHD";

export interface ServiceAssumptions {
  /** Share of backend requests this service serves (shares sum to 1). */
  readonly requestShare: number;
  /** Fargate vCPU per task. */
  readonly vcpu: number;
  /** Fargate memory per task, GB. */
  readonly memoryGb: number;
  /** Tasks outside prime time (the autoscaling floor). */
  readonly minTasks: number;
  /** Tasks held by the scheduled prime-time scaling (from the lead until the window ends). */
  readonly primeTimeMinTasks: number;
  /** Requests per second one task serves at its target CPU. */
  readonly rpsPerTask: number;
}

export interface Scenario {
  readonly name: string;
  /** `architecture` prices usage drivers; `seed` replays the seed's line prices. */
  readonly model: ScenarioModel;
  /** Price catalog: a built-in name (`ap-southeast-1`, `seed`) or a file path. */
  readonly pricing: string;
  readonly months: number;
  readonly users: {
    /** DAU in month 1. */
    readonly dau: number;
    /** Monthly growth as a fraction (0.1 = +10 %). */
    readonly monthlyGrowth: number;
  };
  readonly primeTime: {
    /** Share of DAU active in the window. */
    readonly share: number;
    /** Window start and end, HH:MM (same day). */
    readonly start: string;
    readonly end: string;
    /** Minutes before the window that the scheduled scaling raises capacity. */
    readonly scalingLeadMinutes: number;
  };
  readonly requests: {
    /** Backend requests per user per day. */
    readonly backendPerUser: number;
    /** CloudFront requests per user per day (pages, not video segments). */
    readonly cdnPerUser: number;
    /** `implied`: what the assumptions say; `seed`: the RPS sheet's formulas. */
    readonly loadMode: "implied" | "seed";
    /** Average bytes of one backend response (ALB processed bytes, LCU). */
    readonly backendResponseKb: number;
    /** Log bytes written per backend request (CloudWatch Logs ingestion). */
    readonly logBytesPerRequest: number;
  };
  readonly video: {
    /** Bytes of one viewer-hour of HD video, GB. */
    readonly gbPerHour: number;
    /** Sessions one user watches per month. */
    readonly sessionsPerUserPerMonth: number;
    /** Length of one session, hours. */
    readonly sessionHours: number;
    /** HLS segment length; a viewer fetches one segment and one playlist per segment. */
    readonly segmentSeconds: number;
  };
  readonly cdn: {
    /** Share of viewer bytes CloudFront serves from cache; the rest MediaPackage originates. */
    readonly cacheHitRatio: number;
  };
  readonly channel: {
    /** Live broadcasts per month (each runs one channel). */
    readonly broadcastsPerMonth: number;
    /** Channels on air at once during a broadcast. */
    readonly concurrentChannels: number;
    readonly class: ChannelClass;
    readonly inputResolution: Resolution;
    readonly outputResolution: Resolution;
    /** Encoded outputs per channel (renditions of the ABR ladder). */
    readonly outputs: number;
    /** Minutes the channel starts before a session. */
    readonly leadMinutes: number;
    /** Minutes it keeps running after a session. */
    readonly graceMinutes: number;
    /** MediaLive bills per minute with this minimum per run. */
    readonly minimumBilledMinutes: number;
  };
  readonly recordings: {
    /** Share of broadcasts recorded to S3. */
    readonly recordedShare: number;
    /** Months a recording is kept; 0 keeps everything. */
    readonly retentionMonths: number;
  };
  readonly services: {
    readonly architecture: "x86" | "arm";
    readonly mentee: ServiceAssumptions;
    readonly mentor: ServiceAssumptions;
    readonly social: ServiceAssumptions;
  };
  readonly database: {
    readonly instanceClass: string;
    /** Read replicas besides the primary. */
    readonly replicas: number;
    /** The primary runs a standby in a second AZ (billed as a second instance). */
    readonly multiAz: boolean;
    readonly storageGb: number;
    /** Storage added each month. */
    readonly storageGrowthGbPerMonth: number;
  };
  readonly network: {
    readonly natGateways: number;
    /** Interface endpoints (ECR api/dkr, logs, secrets, SQS, SNS ...). */
    readonly interfaceEndpoints: number;
    /** AZs each interface endpoint has a network interface in. */
    readonly endpointAzs: number;
    /** Internet-bound traffic through NAT per month, GB. */
    readonly natGbPerMonth: number;
  };
  readonly messaging: {
    /** Push notifications per user per month (reminder + start of each session). */
    readonly notificationsPerUserPerMonth: number;
    /** SQS requests per notification (send, receive, delete). */
    readonly sqsRequestsPerNotification: number;
    readonly lambdaMsPerInvocation: number;
    readonly lambdaMemoryMb: number;
  };
  readonly dns: {
    readonly hostedZones: number;
    /** Resolver queries reaching Route 53 per user per day (after TTL caching). */
    readonly queriesPerUserPerDay: number;
  };
  /** Hours in a billing month (AWS uses 730). */
  readonly hoursPerMonth: number;
}

export const DEFAULT_SCENARIO: Scenario = {
  name: "architecture",
  model: "architecture",
  pricing: "ap-southeast-1",
  months: 12,
  users: { dau: 10_000, monthlyGrowth: 0.1 },
  primeTime: { share: 0.8, start: "18:00", end: "20:00", scalingLeadMinutes: 15 },
  requests: { backendPerUser: 21, cdnPerUser: 6, loadMode: "implied", backendResponseKb: 10, logBytesPerRequest: 500 },
  video: { gbPerHour: 1.5, sessionsPerUserPerMonth: 8, sessionHours: 2, segmentSeconds: 6 },
  cdn: { cacheHitRatio: 0.99 },
  channel: {
    broadcastsPerMonth: 8,
    concurrentChannels: 1,
    class: "SINGLE_PIPELINE",
    inputResolution: "HD",
    outputResolution: "HD",
    outputs: 1,
    leadMinutes: 10,
    graceMinutes: 5,
    minimumBilledMinutes: 10,
  },
  recordings: { recordedShare: 1, retentionMonths: 0 },
  services: {
    architecture: "x86",
    mentee: { requestShare: 0.4, vcpu: 0.5, memoryGb: 1, minTasks: 1, primeTimeMinTasks: 3, rpsPerTask: 50 },
    mentor: { requestShare: 0.4, vcpu: 0.5, memoryGb: 1, minTasks: 1, primeTimeMinTasks: 3, rpsPerTask: 50 },
    social: { requestShare: 0.2, vcpu: 0.25, memoryGb: 0.5, minTasks: 1, primeTimeMinTasks: 3, rpsPerTask: 50 },
  },
  database: { instanceClass: "db.m6g.large", replicas: 1, multiAz: true, storageGb: 100, storageGrowthGbPerMonth: 5 },
  network: { natGateways: 3, interfaceEndpoints: 6, endpointAzs: 3, natGbPerMonth: 100 },
  messaging: { notificationsPerUserPerMonth: 16, sqsRequestsPerNotification: 3, lambdaMsPerInvocation: 200, lambdaMemoryMb: 256 },
  dns: { hostedZones: 1, queriesPerUserPerDay: 10 },
  hoursPerMonth: 730,
};

/** The seed's own table: its line prices, its RPS formulas, its 12 months. */
export const SEED_SCENARIO: Scenario = {
  ...DEFAULT_SCENARIO,
  name: "seed",
  model: "seed",
  pricing: "seed",
  requests: { ...DEFAULT_SCENARIO.requests, loadMode: "seed" },
};

export const BUILT_IN_SCENARIOS: Readonly<Record<string, Scenario>> = { architecture: DEFAULT_SCENARIO, seed: SEED_SCENARIO };

/** Hours of the prime-time window, from HH:MM start and end. */
export function primeHours(s: Pick<Scenario, "primeTime">): number {
  const minutes = (t: string) => Number(t.slice(0, 2)) * 60 + Number(t.slice(3, 5));
  return (minutes(s.primeTime.end) - minutes(s.primeTime.start)) / 60;
}

/** Command-line overrides (already range-checked by the caller). */
export interface ScenarioOverrides {
  readonly months?: number;
  readonly dau?: number;
  readonly monthlyGrowth?: number;
  readonly pricing?: string;
}

export function withOverrides(s: Scenario, o: ScenarioOverrides): Scenario {
  return {
    ...s,
    months: o.months ?? s.months,
    pricing: o.pricing ?? s.pricing,
    users: { dau: o.dau ?? s.users.dau, monthlyGrowth: o.monthlyGrowth ?? s.users.monthlyGrowth },
  };
}
