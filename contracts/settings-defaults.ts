/**
 * Defaults of the settings the environment config (config/schema.ts) and the constructs both declare:
 * the config's field defaults and the constructs' prop defaults are these, so an environment file
 * that leaves a setting out and a construct used without the prop build the same thing. They live
 * here, not with the constructs, because the ops CLI reads the config and its image carries no
 * construct code. Imported by path, not through contracts/index.ts: the recording indexer bundles
 * that barrel, and esbuild's minifier names the bundle's identifiers differently when the barrel
 * grows, which changes its source_code_hash (a redeploy of the same code).
 */
import { DEFAULT_LEAD, DEFAULT_GRACE, DEFAULT_TRANSITION_TIMEOUT } from "./sessions";
import { DEFAULT_LOG_RETENTION_DAYS } from "./logs";
import { DEFAULT_CHANNEL_CLASS } from "./channels";

/** dns.*: the API and media names inside the environment's zone (ApiEdge, MediaCdn). */
export const DEFAULT_DNS_SETTINGS = {
  apiRecord: "api",
  mediaRecord: "media",
} as const;

/** network.* (Network). */
export const DEFAULT_NETWORK_SETTINGS = {
  azCount: 2,
  /** One NAT gateway: cheap; "per-az" survives the loss of an AZ. */
  natGateways: "single",
  flowLogRetentionDays: DEFAULT_LOG_RETENTION_DAYS,
} as const;

/** services.* shared by the three services (Services). */
export const DEFAULT_SERVICES_SETTINGS = {
  capacityProvider: "FARGATE",
  logRetentionDays: DEFAULT_LOG_RETENTION_DAYS,
} as const;

/** database.* (Database): an Aurora PostgreSQL cluster. */
export const DEFAULT_DATABASE_SETTINGS = {
  /** A current Aurora PostgreSQL 16 minor (Aurora PostgreSQL release calendars); pinned, see docs/operations.md (minor upgrades). */
  engineVersion: "16.9",
  /** The smallest provisioned class Aurora PostgreSQL offers. */
  instanceClass: "db.t4g.medium",
  /** One reader: the read endpoint's instance and the writer's failover target, in another AZ. */
  readers: 1,
  /** Capacity range of db.serverless instances, in ACUs (about 2 GiB of memory each). */
  serverless: { minAcu: 0.5, maxAcu: 4 },
  backupRetentionDays: 7,
  databaseName: "livestream",
} as const;

/**
 * The HD ladder: 720p 3.0 / 540p 1.8 / 360p 0.8 Mbps video, AAC 128 kbps, 30 fps, 6 s segments.
 * A viewer watches one rendition: the top one (3.128 Mbps) is ~1.41 GB per hour, the design's "HD is
 * about 1.5 GB per hour".
 */
export const DEFAULT_LADDER = {
  renditions: [
    { name: "720p", width: 1280, height: 720, bitrateBps: 3_000_000 },
    { name: "540p", width: 960, height: 540, bitrateBps: 1_800_000 },
    { name: "360p", width: 640, height: 360, bitrateBps: 800_000 },
  ],
  audioBitrateBps: 128_000,
  framerate: 30,
  segmentSeconds: 6,
} as const;

/** media.* (MediaChannelPool, MediaBuckets, MediaCdn). */
export const DEFAULT_MEDIA_SETTINGS = {
  /** Half the price of STANDARD, which only helps when the encoder pushes to both inputs (docs/reliability.md). */
  channelClass: DEFAULT_CHANNEL_CLASS,
  ladder: DEFAULT_LADDER,
  allowWorldIngest: false,
  hlsRetentionDays: 3,
  cdnLogRetentionDays: 90,
  /** S3 needs at least 30 days before a transition to STANDARD_IA. */
  recordedTransitionDays: 30,
  /** Rewatch patterns are unknown and Intelligent-Tiering has no retrieval fee. */
  recordedStorageClass: "INTELLIGENT_TIERING",
  recordedNoncurrentExpiryDays: 30,
  /** Includes the Asian edges the platform's users need. */
  priceClass: "PriceClass_200",
} as const;

/** budget.* (CostBudget); the load it plans for defaults to the cost model's scenario. */
export const DEFAULT_BUDGET_SETTINGS = {
  headroomPercent: 10,
} as const;

/** reconcile.* (ReconcileSchedule). */
export const DEFAULT_RECONCILE_SETTINGS = {
  scheduleExpression: "rate(1 minute)",
  paused: false,
  lead: DEFAULT_LEAD,
  grace: DEFAULT_GRACE,
  transitionTimeout: DEFAULT_TRANSITION_TIMEOUT,
} as const;

/**
 * waf.* (ApiFirewall) that do not depend on the platform's load; the per-IP limits and the alarm
 * threshold are sized from the design's load by the config (config/sections/waf.ts).
 */
export const DEFAULT_WAF_SETTINGS = {
  managedRulesAction: "block",
  rateLimitAction: "block",
  /** AWS WAF accepts 60, 120, 300 or 600. */
  evaluationWindowSeconds: 300,
  /** Request logs are kept long enough to look back over a quarter's incidents. */
  logRetentionDays: 90,
} as const;
