/**
 * The scenario: every assumption the forecast uses, as plain data. Usage drivers (users, growth,
 * viewing, requests) come from the seed (design.md section B) where it states one. The deployment
 * fields (services, database, network, channel pool, operations) describe what the stacks deploy
 * for prod (config/environments/prod.json); `ops forecast --environment <env>` replaces them with
 * what it reads from that environment's synthesized stack. This file has no dependencies so
 * `ops forecast --scenario seed` starts without loading zod; `scenario.ts` validates files against
 * the same defaults (it imports only contracts/channels.ts, which has none either).
 */

import { DEFAULT_CHANNEL_CLASS, type ChannelClassName } from "../contracts/channels";

export type ScenarioModel = "architecture" | "seed";
export type ChannelClass = ChannelClassName;
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
  /** Share of tasks on Fargate Spot (0 on demand, 1 all Spot). */
  readonly spotShare: number;
}

/** One rendition of the ABR ladder a viewer may watch. */
export interface RenditionAssumption {
  readonly name: string;
  /** Bytes of one viewer-hour of this rendition (video + audio), GB. */
  readonly gbPerHour: number;
}

/** The drivers that make a forecast uncertain, for one case of the range. */
export interface RangeCase {
  /** Share of a session a viewer watches. */
  readonly watchThrough: number;
  /** Share of DAU that watches each of their sessions. */
  readonly attendance: number;
  /** Share of viewing per rendition, top rendition first (sums to 1). */
  readonly renditionShares: readonly number[];
  /** Broadcast slots per month. */
  readonly broadcastsPerMonth: number;
}

export interface Scenario {
  readonly name: string;
  /** `architecture` prices usage drivers; `seed` replays the seed's line prices. */
  readonly model: ScenarioModel;
  /** Price catalog: a built-in name (`ap-southeast-1`, `seed`) or a file path. */
  readonly pricing: string;
  readonly months: number;
  /** Calendar month of month 1 (YYYY-MM); null numbers the months 1..N. */
  readonly startMonth: string | null;
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
    /** Log bytes written per request (CloudWatch Logs ingestion, access logs before compression). */
    readonly logBytesPerRequest: number;
    /** Size of gzip-compressed access logs (ALB, CloudFront) as a share of the raw bytes. */
    readonly accessLogCompression: number;
  };
  readonly video: {
    /** GB of one viewer-hour of the top rendition (the design's "HD is about 1.5 GB per hour"). */
    readonly gbPerHour: number;
    /** Sessions one user watches per month. */
    readonly sessionsPerUserPerMonth: number;
    /** Length of one session, hours. */
    readonly sessionHours: number;
    /** HLS segment length; a viewer fetches one segment and one playlist per segment. */
    readonly segmentSeconds: number;
    /** Expected share of a session a viewer watches. */
    readonly watchThrough: number;
    /** Expected share of DAU that watches each of their sessions. */
    readonly attendance: number;
    /** The ABR ladder, top rendition first. */
    readonly renditions: readonly RenditionAssumption[];
    /** Expected share of viewing per rendition (same order, sums to 1). */
    readonly renditionShares: readonly number[];
  };
  readonly cdn: {
    /** Share of viewer bytes CloudFront serves from cache; the rest the origin serves. */
    readonly cacheHitRatio: number;
  };
  readonly channel: {
    /** Expected live broadcast slots per month. */
    readonly broadcastsPerMonth: number;
    /** Channels on air in each broadcast slot (at most the pool). */
    readonly concurrentChannels: number;
    /** Live viewers one session draws in prime time (sizes the pool in the capacity plan). */
    readonly viewersPerSession: number;
    /** Channels in the pool (scenario only; --environment reads the pool from the stack). */
    readonly poolSize: number;
    readonly class: ChannelClass;
    readonly inputResolution: Resolution;
    /** Encoded outputs per channel by resolution: every rendition in every output group. */
    readonly outputsPerChannel: Readonly<Record<Resolution, number>>;
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
  /** An Aurora PostgreSQL cluster (what the stacks deploy). */
  readonly database: {
    /** Writer class (db.serverless: Aurora Serverless v2). */
    readonly instanceClass: string;
    /** Readers (Aurora Replicas) besides the writer. */
    readonly replicas: number;
    /** Class of the readers. */
    readonly replicaInstanceClass: string;
    /** ACUs a db.serverless instance is billed for each hour (its minimum capacity: it rests there outside load). */
    readonly serverlessMinAcu: number;
    /** Data in the cluster volume in month 1, GB (one volume per cluster: Aurora keeps its six copies at no extra charge). */
    readonly storageGb: number;
    /** Data added each month, GB. */
    readonly storageGrowthGbPerMonth: number;
    /** Aurora Standard storage I/O requests per backend request (reads that miss the buffer cache, and writes). */
    readonly ioPerBackendRequest: number;
  };
  readonly network: {
    readonly natGateways: number;
    /** Interface endpoints (ECR api/dkr, logs, Secrets Manager, SQS). */
    readonly interfaceEndpoints: number;
    /** AZs each interface endpoint has a network interface in. */
    readonly endpointAzs: number;
    /** Internet-bound traffic through NAT per month, GB. */
    readonly natGbPerMonth: number;
    /** Public IPv4 addresses: one per NAT gateway and one per AZ of the internet-facing ALB. */
    readonly publicIpv4Addresses: number;
  };
  readonly operations: {
    /** CloudWatch metric alarms and dashboards. */
    readonly alarms: number;
    readonly dashboards: number;
    /** Customer-managed KMS keys and the requests they serve per month. */
    readonly kmsKeys: number;
    readonly kmsRequestsPerMonth: number;
    /** Secrets Manager secrets (the RDS-managed master secret among them). */
    readonly secrets: number;
    /** Runs of the `ops sessions reconcile` task per month (every minute: hours x 60). */
    readonly reconcileRunsPerHour: number;
    /** Seconds one reconcile run takes (Fargate bills at least a minute). */
    readonly reconcileRunSeconds: number;
    readonly reconcileVcpu: number;
    readonly reconcileMemoryGb: number;
    /** Days CloudWatch Logs keep the services' logs. */
    readonly logRetentionDays: number;
    /** Size of stored (compressed) CloudWatch Logs as a share of ingested bytes. */
    readonly logStorageCompression: number;
    /** Days access logs (ALB, CloudFront) stay in S3. */
    readonly accessLogRetentionDays: number;
    /** Days live HLS segments stay in hls-bucket. */
    readonly hlsRetentionDays: number;
  };
  readonly messaging: {
    /** Push notifications per user per month (reminder + start of each session). */
    readonly notificationsPerUserPerMonth: number;
    /** SQS requests per notification (send, receive, delete). */
    readonly sqsRequestsPerNotification: number;
    /** The recording indexer Lambda: duration and memory of one invocation (one per recording). */
    readonly lambdaMsPerInvocation: number;
    readonly lambdaMemoryMb: number;
  };
  readonly dns: {
    readonly hostedZones: number;
    /** Resolver queries reaching Route 53 per user per day (after TTL caching). */
    readonly queriesPerUserPerDay: number;
    /** Share of those queries answered by alias records to AWS resources (free). */
    readonly aliasQueryShare: number;
  };
  /** The low and high cases of the uncertain drivers; the expected case is the fields above. */
  readonly ranges: {
    readonly low: RangeCase;
    readonly high: RangeCase;
  };
  /** Hours in a billing month (AWS uses 730); calendar months use their own hours. */
  readonly hoursPerMonth: number;
}

/**
 * GB per viewer-hour of the default 720p/540p/360p ladder: the design's 1.5 GB for the top rendition,
 * the lower ones in proportion to their bitrates (video + 128 kbps audio: 3.128, 1.928, 0.928 Mbps).
 */
const LADDER: readonly RenditionAssumption[] = [
  { name: "720p", gbPerHour: 1.5 },
  { name: "540p", gbPerHour: 0.9246 },
  { name: "360p", gbPerHour: 0.445 },
];

export const DEFAULT_SCENARIO: Scenario = {
  name: "architecture",
  model: "architecture",
  pricing: "ap-southeast-1",
  months: 12,
  startMonth: null,
  users: { dau: 10_000, monthlyGrowth: 0.1 },
  primeTime: { share: 0.8, start: "18:00", end: "20:00", scalingLeadMinutes: 15 },
  requests: { backendPerUser: 21, cdnPerUser: 6, loadMode: "implied", backendResponseKb: 10, logBytesPerRequest: 500, accessLogCompression: 0.1 },
  video: {
    gbPerHour: 1.5,
    sessionsPerUserPerMonth: 8,
    sessionHours: 2,
    segmentSeconds: 6,
    watchThrough: 0.75,
    attendance: 1,
    renditions: LADDER,
    renditionShares: [0.7, 0.2, 0.1],
  },
  cdn: { cacheHitRatio: 0.99 },
  channel: {
    broadcastsPerMonth: 8,
    concurrentChannels: 4,
    viewersPerSession: 2_500,
    poolSize: 4,
    class: DEFAULT_CHANNEL_CLASS,
    inputResolution: "HD",
    outputsPerChannel: { SD: 4, HD: 2, UHD: 0 },
    leadMinutes: 10,
    graceMinutes: 5,
    minimumBilledMinutes: 10,
  },
  recordings: { recordedShare: 1, retentionMonths: 0 },
  services: {
    architecture: "x86",
    mentee: { requestShare: 0.4, vcpu: 0.5, memoryGb: 1, minTasks: 1, primeTimeMinTasks: 3, rpsPerTask: 50, spotShare: 0 },
    mentor: { requestShare: 0.4, vcpu: 0.5, memoryGb: 1, minTasks: 1, primeTimeMinTasks: 3, rpsPerTask: 50, spotShare: 0 },
    social: { requestShare: 0.2, vcpu: 0.25, memoryGb: 0.5, minTasks: 1, primeTimeMinTasks: 3, rpsPerTask: 50, spotShare: 0 },
  },
  database: { instanceClass: "db.r6g.large", replicas: 1, replicaInstanceClass: "db.r6g.large", serverlessMinAcu: 0.5, storageGb: 100, storageGrowthGbPerMonth: 5, ioPerBackendRequest: 2 },
  network: { natGateways: 3, interfaceEndpoints: 5, endpointAzs: 3, natGbPerMonth: 100, publicIpv4Addresses: 6 },
  operations: {
    alarms: 20,
    dashboards: 1,
    kmsKeys: 1,
    kmsRequestsPerMonth: 100_000,
    secrets: 1,
    reconcileRunsPerHour: 60,
    reconcileRunSeconds: 30,
    reconcileVcpu: 0.25,
    reconcileMemoryGb: 0.5,
    logRetentionDays: 90,
    logStorageCompression: 0.15,
    accessLogRetentionDays: 90,
    hlsRetentionDays: 3,
  },
  messaging: { notificationsPerUserPerMonth: 16, sqsRequestsPerNotification: 3, lambdaMsPerInvocation: 200, lambdaMemoryMb: 256 },
  dns: { hostedZones: 1, queriesPerUserPerDay: 10, aliasQueryShare: 1 },
  ranges: {
    low: { watchThrough: 0.5, attendance: 0.8, renditionShares: [0.5, 0.3, 0.2], broadcastsPerMonth: 6 },
    high: { watchThrough: 1, attendance: 1, renditionShares: [1, 0, 0], broadcastsPerMonth: 12 },
  },
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

/** Minutes since midnight of an HH:MM time. */
export const minuteOfDay = (t: string): number => Number(t.slice(0, 2)) * 60 + Number(t.slice(3, 5));

/** Hours of the prime-time window, from HH:MM start and end. */
export function primeHours(s: Pick<Scenario, "primeTime">): number {
  return (minuteOfDay(s.primeTime.end) - minuteOfDay(s.primeTime.start)) / 60;
}

/** Command-line overrides (already range-checked by the caller). */
export interface ScenarioOverrides {
  readonly months?: number;
  readonly dau?: number;
  readonly monthlyGrowth?: number;
  readonly pricing?: string;
  readonly startMonth?: string;
  readonly name?: string;
}

export function withOverrides(s: Scenario, o: ScenarioOverrides): Scenario {
  return {
    ...s,
    name: o.name ?? s.name,
    months: o.months ?? s.months,
    pricing: o.pricing ?? s.pricing,
    startMonth: o.startMonth ?? s.startMonth,
    users: { dau: o.dau ?? s.users.dau, monthlyGrowth: o.monthlyGrowth ?? s.users.monthlyGrowth },
  };
}
