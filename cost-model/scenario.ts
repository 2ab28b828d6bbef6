/**
 * Scenario validation: a scenario file (JSON or YAML, parsed by the caller) holds only what differs
 * from its base (`model: seed` starts from the seed scenario, anything else from the architecture
 * defaults). It is deep-merged over the base, then checked field by field; unknown fields are
 * refused so a typo cannot silently fall back to a default.
 */
import { z } from "zod";
import { BUILT_IN_SCENARIOS, DEFAULT_SCENARIO, SEED_SCENARIO, type Scenario } from "./scenario-defaults";

export { DEFAULT_SCENARIO, SEED_SCENARIO, BUILT_IN_SCENARIOS, primeHours, withOverrides } from "./scenario-defaults";
export type { Scenario, ScenarioOverrides, ServiceAssumptions } from "./scenario-defaults";

export const MAX_MONTHS = 120;

const share = z.number().min(0).max(1);
const nonNegative = z.number().min(0);
const positive = z.number().positive();
const count = z.number().int().min(0);
const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "expected a 24-hour time HH:MM, e.g. 18:00");
const resolution = z.enum(["SD", "HD", "UHD"]);

const service = z.strictObject({
  requestShare: share,
  vcpu: z.union([z.literal(0.25), z.literal(0.5), z.literal(1), z.literal(2), z.literal(4), z.literal(8), z.literal(16)]),
  memoryGb: z.number().min(0.5).max(120),
  minTasks: z.number().int().min(1),
  primeTimeMinTasks: z.number().int().min(1),
  rpsPerTask: positive,
});

export const scenarioSchema = z
  .strictObject({
    name: z.string().min(1).max(80),
    model: z.enum(["architecture", "seed"]),
    pricing: z.string().min(1),
    months: z.number().int().min(1, "a horizon of at least 1 month").max(MAX_MONTHS, `at most ${MAX_MONTHS} months`),
    users: z.strictObject({
      dau: z.number().min(0, "DAU cannot be negative").max(1e9),
      monthlyGrowth: z.number().gt(-1, "growth must be above -100 % (a fraction: 0.1 = +10 %)").max(10),
    }),
    primeTime: z.strictObject({ share, start: hhmm, end: hhmm, scalingLeadMinutes: z.number().int().min(0).max(120) }),
    requests: z.strictObject({
      backendPerUser: nonNegative,
      cdnPerUser: nonNegative,
      loadMode: z.enum(["implied", "seed"]),
      backendResponseKb: nonNegative,
      logBytesPerRequest: nonNegative,
    }),
    video: z.strictObject({ gbPerHour: nonNegative, sessionsPerUserPerMonth: nonNegative, sessionHours: positive, segmentSeconds: positive }),
    cdn: z.strictObject({ cacheHitRatio: share }),
    channel: z.strictObject({
      broadcastsPerMonth: nonNegative,
      concurrentChannels: count,
      class: z.enum(["SINGLE_PIPELINE", "STANDARD"]),
      inputResolution: resolution,
      outputResolution: resolution,
      outputs: z.number().int().min(1).max(20),
      leadMinutes: z.number().min(0).max(240),
      graceMinutes: z.number().min(0).max(240),
      minimumBilledMinutes: nonNegative,
    }),
    recordings: z.strictObject({ recordedShare: share, retentionMonths: count }),
    services: z.strictObject({ architecture: z.enum(["x86", "arm"]), mentee: service, mentor: service, social: service }),
    database: z.strictObject({
      instanceClass: z.string().regex(/^db\.[a-z0-9]+\.[a-z0-9]+$/, "expected an RDS class such as db.m6g.large"),
      replicas: z.number().int().min(0).max(15),
      multiAz: z.boolean(),
      storageGb: z.number().min(20),
      storageGrowthGbPerMonth: nonNegative,
    }),
    network: z.strictObject({ natGateways: count, interfaceEndpoints: count, endpointAzs: z.number().int().min(1).max(6), natGbPerMonth: nonNegative }),
    messaging: z.strictObject({
      notificationsPerUserPerMonth: nonNegative,
      sqsRequestsPerNotification: nonNegative,
      lambdaMsPerInvocation: nonNegative,
      lambdaMemoryMb: z.number().int().min(128).max(10240),
    }),
    dns: z.strictObject({ hostedZones: count, queriesPerUserPerDay: nonNegative }),
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
  });

/** Thrown for an invalid scenario; `field` is the dotted path of the first bad field. */
export class ScenarioError extends Error {
  constructor(
    message: string,
    readonly field: string,
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

/** Validates a parsed scenario document (partial) and returns the complete scenario. */
export function parseScenario(doc: unknown): Scenario {
  if (!isPlainObject(doc)) throw new ScenarioError("a scenario must be an object (a JSON or YAML mapping)", "(root)");
  const base = doc.model === "seed" ? SEED_SCENARIO : typeof doc.extends === "string" && BUILT_IN_SCENARIOS[doc.extends] ? BUILT_IN_SCENARIOS[doc.extends] : DEFAULT_SCENARIO;
  const rest = { ...doc };
  delete rest.extends;
  const merged = deepMerge(base, rest);
  const result = scenarioSchema.safeParse(merged);
  if (!result.success) {
    const issue = result.error.issues[0];
    const field = issue.path.length ? issue.path.join(".") : "(root)";
    const more = result.error.issues.length > 1 ? ` (and ${result.error.issues.length - 1} more)` : "";
    throw new ScenarioError(`${field}: ${issue.message}${more}`, field);
  }
  return result.data as Scenario;
}
