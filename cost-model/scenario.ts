/**
 * Scenario validation: a scenario file (JSON or YAML, parsed by the caller) holds only what differs
 * from its base (`model: seed` starts from the seed scenario, anything else from the architecture
 * defaults). It is deep-merged over the base, then checked field by field; unknown fields are
 * refused (naming the field they were probably meant to be) so a typo cannot silently fall back to a
 * default. Every problem is reported at once.
 */
import { z } from "zod";
import { BUILT_IN_SCENARIOS, DEFAULT_SCENARIO, SEED_SCENARIO, type Scenario } from "./scenario-defaults";
import { closestMatch } from "../lib/did-you-mean";
import { MAX_FORECAST_DAU, MAX_FORECAST_MONTHLY_GROWTH, MAX_FORECAST_MONTHS } from "../contracts/limits";
import { CHANNEL_CLASSES } from "../contracts/channels";

export { DEFAULT_SCENARIO, SEED_SCENARIO, BUILT_IN_SCENARIOS } from "./scenario-defaults";
export type { Scenario } from "./scenario-defaults";

const share = z.number().min(0).max(1);
const nonNegative = z.number().min(0);
const positive = z.number().positive();
const count = z.number().int().min(0);
const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "expected a 24-hour time HH:MM, e.g. 18:00");
const yearMonth = z.string().regex(/^(19|20)\d\d-(0[1-9]|1[0-2])$/, "expected a calendar month YYYY-MM, e.g. 2027-01");
const resolution = z.enum(["SD", "HD", "UHD"]);
const shares = z.array(share).min(1).max(5);

const service = z.strictObject({
  requestShare: share,
  vcpu: z.union([z.literal(0.25), z.literal(0.5), z.literal(1), z.literal(2), z.literal(4), z.literal(8), z.literal(16)]),
  memoryGb: z.number().min(0.5).max(120),
  minTasks: z.number().int().min(1),
  primeTimeMinTasks: z.number().int().min(1),
  rpsPerTask: positive,
  spotShare: share,
});

const rangeCase = z.strictObject({
  watchThrough: share,
  attendance: share,
  renditionShares: shares,
  broadcastsPerMonth: nonNegative.max(10_000),
});

/** Sums to 1 within rounding. */
const sumsToOne = (values: readonly number[]) => Math.abs(values.reduce((a, b) => a + b, 0) - 1) < 1e-6;

export const scenarioSchema = z
  .strictObject({
    name: z.string().min(1).max(80),
    model: z.enum(["architecture", "seed"]),
    pricing: z.string().min(1),
    months: z.number().int().min(1, "a horizon of at least 1 month").max(MAX_FORECAST_MONTHS, `at most ${MAX_FORECAST_MONTHS} months`),
    startMonth: yearMonth.nullable(),
    users: z.strictObject({
      dau: z.number().int("whole users").min(0, "DAU cannot be negative").max(MAX_FORECAST_DAU, `at most ${MAX_FORECAST_DAU.toLocaleString("en-US")} DAU`),
      monthlyGrowth: z.number().gt(-1, "growth must be above -100 % (a fraction: 0.1 = +10 %)").max(MAX_FORECAST_MONTHLY_GROWTH, `at most ${MAX_FORECAST_MONTHLY_GROWTH} (+${MAX_FORECAST_MONTHLY_GROWTH * 100} % a month)`),
    }),
    primeTime: z.strictObject({ share, start: hhmm, end: hhmm, scalingLeadMinutes: z.number().int().min(0).max(120) }),
    requests: z.strictObject({
      backendPerUser: nonNegative,
      cdnPerUser: nonNegative,
      loadMode: z.enum(["implied", "seed"]),
      backendResponseKb: nonNegative,
      logBytesPerRequest: nonNegative,
      accessLogCompression: share,
    }),
    video: z.strictObject({
      gbPerHour: nonNegative,
      sessionsPerUserPerMonth: nonNegative.max(1_000),
      sessionHours: positive.max(24),
      segmentSeconds: positive,
      watchThrough: share,
      attendance: share,
      renditions: z.array(z.strictObject({ name: z.string().min(1).max(16), gbPerHour: nonNegative.max(50) })).min(1).max(5),
      renditionShares: shares,
    }),
    cdn: z.strictObject({ cacheHitRatio: share }),
    channel: z.strictObject({
      broadcastsPerMonth: nonNegative.max(10_000),
      concurrentChannels: count,
      viewersPerSession: positive,
      poolSize: count,
      class: z.enum(CHANNEL_CLASSES),
      inputResolution: resolution,
      outputsPerChannel: z.strictObject({ SD: count.max(50), HD: count.max(50), UHD: count.max(50) }),
      leadMinutes: z.number().min(0).max(240),
      graceMinutes: z.number().min(0).max(240),
      minimumBilledMinutes: nonNegative,
    }),
    recordings: z.strictObject({ recordedShare: share, retentionMonths: count }),
    services: z.strictObject({ architecture: z.enum(["x86", "arm"]), mentee: service, mentor: service, social: service }),
    database: z.strictObject({
      instanceClass: z.string().regex(/^db\.([a-z0-9]+\.[a-z0-9]+|serverless)$/, "expected an Aurora class such as db.r6g.large or db.serverless"),
      replicas: z.number().int().min(0).max(15),
      replicaInstanceClass: z.string().regex(/^db\.([a-z0-9]+\.[a-z0-9]+|serverless)$/, "expected an Aurora class such as db.r6g.large or db.serverless"),
      serverlessMinAcu: z.number().min(0).max(256),
      storageGb: z.number().min(0),
      storageGrowthGbPerMonth: nonNegative,
      ioPerBackendRequest: nonNegative,
    }),
    network: z.strictObject({
      natGateways: count,
      interfaceEndpoints: count,
      endpointAzs: z.number().int().min(1).max(6),
      natGbPerMonth: nonNegative,
      publicIpv4Addresses: count,
    }),
    operations: z.strictObject({
      alarms: count,
      dashboards: count,
      kmsKeys: count,
      kmsRequestsPerMonth: nonNegative,
      secrets: count,
      reconcileRunsPerHour: nonNegative.max(60),
      reconcileRunSeconds: positive.max(3600),
      reconcileVcpu: positive,
      reconcileMemoryGb: positive,
      logRetentionDays: z.number().int().min(1),
      logStorageCompression: share,
      accessLogRetentionDays: z.number().int().min(1),
      hlsRetentionDays: z.number().int().min(1),
    }),
    messaging: z.strictObject({
      notificationsPerUserPerMonth: nonNegative,
      sqsRequestsPerNotification: nonNegative,
      lambdaMsPerInvocation: nonNegative,
      lambdaMemoryMb: z.number().int().min(128).max(10240),
    }),
    dns: z.strictObject({ hostedZones: count, queriesPerUserPerDay: nonNegative, aliasQueryShare: share }),
    ranges: z.strictObject({ low: rangeCase, high: rangeCase }),
    hoursPerMonth: z.number().min(672).max(744),
  })
  .superRefine((s, ctx) => {
    if (s.primeTime.start >= s.primeTime.end) {
      ctx.addIssue({ code: "custom", path: ["primeTime", "end"], message: `window must end after it starts (${s.primeTime.start}-${s.primeTime.end})` });
    }
    const total = s.services.mentee.requestShare + s.services.mentor.requestShare + s.services.social.requestShare;
    if (Math.abs(total - 1) > 1e-9) {
      ctx.addIssue({ code: "custom", path: ["services", "mentee", "requestShare"], message: `request shares of mentee, mentor and social must sum to 1, got ${total}` });
    }
    if (s.channel.concurrentChannels > s.channel.poolSize) {
      ctx.addIssue({
        code: "custom",
        path: ["channel", "concurrentChannels"],
        message: `${s.channel.concurrentChannels} channels on air at once need a pool of at least ${s.channel.concurrentChannels}, but channel.poolSize is ${s.channel.poolSize}: raise poolSize or lower concurrentChannels`,
      });
    }
    const rungs = s.video.renditions.length;
    const mixes: [string[], readonly number[]][] = [
      [["video", "renditionShares"], s.video.renditionShares],
      [["ranges", "low", "renditionShares"], s.ranges.low.renditionShares],
      [["ranges", "high", "renditionShares"], s.ranges.high.renditionShares],
    ];
    for (const [path, mix] of mixes) {
      if (mix.length !== rungs) ctx.addIssue({ code: "custom", path, message: `gives ${mix.length} shares for ${rungs} renditions (video.renditions)` });
      else if (!sumsToOne(mix)) ctx.addIssue({ code: "custom", path, message: `shares must sum to 1, got ${mix.reduce((a, b) => a + b, 0)}` });
    }
  });

/** Thrown for an invalid scenario; `field` is the dotted path of the first bad field. */
export class ScenarioError extends Error {
  constructor(
    message: string,
    readonly field: string,
    /** Every problem found, one message each. */
    readonly problems: readonly string[] = [message],
  ) {
    super(message);
    this.name = "ScenarioError";
  }
}

const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** Deep-merges `over` onto `base`; arrays and scalars replace. */
export function deepMerge(base: unknown, over: unknown): unknown {
  if (!isPlainObject(base) || !isPlainObject(over)) return over === undefined ? base : over;
  const out: Record<string, unknown> = { ...base };
  for (const [k, v] of Object.entries(over)) out[k] = deepMerge(base[k], v);
  return out;
}

/** The object of the base scenario at a path (array elements share their first element's keys). */
function knownKeysAt(base: unknown, path: readonly PropertyKey[]): string[] {
  let node: unknown = base;
  for (const key of path) {
    if (Array.isArray(node)) node = node[0];
    else if (isPlainObject(node)) node = node[String(key)];
    else return [];
  }
  if (Array.isArray(node)) node = node[0];
  return isPlainObject(node) ? Object.keys(node) : [];
}

/** One line per issue; unknown keys name the field they were probably meant to be. */
function describeIssue(issue: z.core.$ZodIssue, base: Scenario): { field: string; message: string } {
  const at = issue.path.length ? issue.path.join(".") : "(root)";
  if (issue.code === "unrecognized_keys") {
    const known = knownKeysAt(base, issue.path).filter((k) => k !== "extends");
    const parts = issue.keys.map((key) => {
      // Scenario keys are long camelCase words: two edits, or one per three letters, is still a typo.
      const guess = closestMatch(key, known, Math.max(2, Math.ceil(key.length / 3)));
      return guess ? `'${key}' (did you mean '${guess}'?)` : `'${key}'`;
    });
    const field = issue.path.length ? at : issue.keys[0];
    return { field, message: `${at === "(root)" ? "" : `${at}: `}unknown field${issue.keys.length > 1 ? "s" : ""} ${parts.join(", ")}; known: ${known.join(", ")}` };
  }
  return { field: at, message: `${at}: ${issue.message}` };
}

/** Validates a parsed scenario document (partial) and returns the complete scenario. */
export function parseScenario(doc: unknown): Scenario {
  if (!isPlainObject(doc)) throw new ScenarioError("a scenario must be an object (a JSON or YAML mapping)", "(root)");
  const base = doc.model === "seed" ? SEED_SCENARIO : typeof doc.extends === "string" && BUILT_IN_SCENARIOS[doc.extends] ? BUILT_IN_SCENARIOS[doc.extends] : DEFAULT_SCENARIO;
  const rest = { ...doc };
  delete rest.extends;
  const merged = deepMerge(base, rest);
  const result = scenarioSchema.safeParse(merged);
  if (!result.success) {
    const issues = result.error.issues.map((i) => describeIssue(i, base));
    const message = issues.length === 1 ? issues[0].message : `${issues.length} problems:\n${issues.map((i) => `  - ${i.message}`).join("\n")}`;
    throw new ScenarioError(message, issues[0].field, issues.map((i) => i.message));
  }
  return result.data as Scenario;
}
