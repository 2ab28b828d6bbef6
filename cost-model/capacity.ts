/**
 * The quarterly capacity plan: the design's quarterly scale factors made actionable. For each quarter
 * of the growth model it sizes, at the quarter's peak (its last month's DAU), the prime-time and
 * off-peak task floors of each service, the channel pool prime time needs, and the database class,
 * and lists the configuration changes to make before the quarter starts (relative to what is
 * deployed, then to the previous quarter's plan). Pure: the CLI renders it.
 */
import { MEDIALIVE_CHANNEL_QUOTA } from "../contracts/limits";
import type { Deployment } from "./deployment";
import { dauAt, quarterOf } from "./growth";
import { impliedLoad } from "./load";
import { quarterLabel } from "./calendar";
import { loadTasks } from "./architecture";
import { scaleFactor } from "./scale";
import { primeHours, type Scenario } from "./scenario-defaults";

/**
 * Backend requests per second an Aurora PostgreSQL class serves at prime time (reads on the readers,
 * writes on the writer): an assumption to calibrate with a load test, not a measurement. Aurora's
 * smallest provisioned class is db.t4g.medium; db.serverless is sized by its ACU range instead, so a
 * serverless cluster keeps its class.
 */
export const DATABASE_LADDER: readonly { readonly instanceClass: string; readonly maxRps: number }[] = [
  { instanceClass: "db.t4g.medium", maxRps: 100 },
  { instanceClass: "db.r6g.large", maxRps: 400 },
  { instanceClass: "db.r6g.xlarge", maxRps: 800 },
  { instanceClass: "db.r6g.2xlarge", maxRps: 1_600 },
];

export interface ConfigChange {
  /** Dotted path in config/environments/<env>.json. */
  readonly path: string;
  readonly from: string | number;
  readonly to: string | number;
  readonly why: string;
}

export interface ServicePlan {
  readonly name: string;
  /** Tasks the load needs at the quarter's peak, prime time and off-peak. */
  readonly primeNeed: number;
  readonly offPeakNeed: number;
  /** Planned floors and maximum (never below what is deployed). */
  readonly primeTimeMinTasks: number;
  readonly minTasks: number;
  readonly maxTasks: number;
  /** The design's quarterly factor for the prime-time rows: round(3 x DAU(first month) / DAU(1)). */
  readonly seedFactor: number;
}

export interface QuarterPlan {
  readonly quarter: number;
  readonly label: string;
  readonly firstMonth: number;
  readonly lastMonth: number;
  readonly peakDau: number;
  readonly primeBackendRps: number;
  readonly offPeakBackendRps: number;
  readonly services: readonly ServicePlan[];
  readonly channels: { readonly needed: number; readonly planned: number; readonly quota: number; readonly quotaIncreaseNeeded: boolean };
  readonly database: {
    readonly primaryClass: string;
    readonly replicaClass: string | null;
    readonly classForLoad: string;
    /** The prime-time load is beyond the ladder's largest class: no class of the ladder is known to serve it. */
    readonly ladderExceeded: boolean;
  };
  readonly changes: readonly ConfigChange[];
}

export interface CapacityPlan {
  readonly scenario: string;
  readonly months: number;
  readonly source: Deployment["source"];
  readonly assumptions: readonly string[];
  readonly quarters: readonly QuarterPlan[];
  /** What the plan cannot size: each says what to do instead. */
  readonly warnings: readonly string[];
}

/** What the plan needs to know about the environment besides its deployment. */
export interface CapacityPlanProps {
  /**
   * The account's MediaLive Channels quota in the environment's region (the environment's
   * `media.channelQuota`): a pool above it needs a quota increase first.
   * @default MEDIALIVE_CHANNEL_QUOTA (5, MediaLive's default quota)
   */
  readonly channelQuota?: number;
}

const rank = (cls: string) => DATABASE_LADDER.findIndex((r) => r.instanceClass === cls);

const LARGEST = DATABASE_LADDER[DATABASE_LADDER.length - 1];

/** The smallest class of the ladder that serves `rps`, or the largest (check ladderExceeded). */
export function databaseClassFor(rps: number): string {
  return (DATABASE_LADDER.find((r) => r.maxRps >= rps) ?? DATABASE_LADDER[DATABASE_LADDER.length - 1]).instanceClass;
}

/** Keeps the larger of a deployed class and the class the load needs (unknown classes are kept). */
function atLeast(current: string, needed: string): string {
  const c = rank(current);
  return c < 0 || c >= rank(needed) ? current : needed;
}

export function capacityPlan(s: Scenario, d: Deployment, props: CapacityPlanProps = {}): CapacityPlan {
  const channelQuota = props.channelQuota ?? MEDIALIVE_CHANNEL_QUOTA;
  if (!Number.isInteger(channelQuota) || channelQuota < 1) throw new Error(`capacityPlan: channelQuota must be a positive integer, got ${channelQuota}`);
  const quotaSource = props.channelQuota === undefined ? "MediaLive's default quota" : "media.channelQuota";
  const quarters: QuarterPlan[] = [];
  const warnings: string[] = [];
  const prev = {
    services: new Map(d.services.map((svc) => [svc.name, { prime: Math.max(...svc.floorSchedule.map((f) => f.minTasks)), off: Math.min(...svc.floorSchedule.map((f) => f.minTasks)), max: svc.maxTasks }])),
    channels: d.channels.length,
    primary: d.database.find((i) => i.role === "primary")?.instanceClass ?? s.database.instanceClass,
    replica: d.database.find((i) => i.role === "replica")?.instanceClass ?? null,
  };
  const window = primeHours(s);
  for (let first = 1; first <= s.months; first += 3) {
    const q = quarterOf(first);
    const last = Math.min(first + 2, s.months);
    const peakDau = dauAt(s.users.dau, s.users.monthlyGrowth, last);
    const load = impliedLoad(peakDau, { primeShare: s.primeTime.share, primeHours: window, backendRequestsPerUser: s.requests.backendPerUser, cdnRequestsPerUser: s.requests.cdnPerUser });
    const changes: ConfigChange[] = [];
    const services: ServicePlan[] = d.services.map((svc) => {
      const a = (["mentee", "mentor", "social"] as const).find((n) => n === svc.name);
      const share = a ? s.services[a].requestShare : 0;
      const perTask = a ? s.services[a].rpsPerTask : 50;
      const primeNeed = loadTasks(load.prime.backendRps, share, perTask);
      const offPeakNeed = loadTasks(load.nonPrime.backendRps, share, perTask);
      const was = prev.services.get(svc.name) ?? { prime: 1, off: 1, max: 1 };
      const primeTimeMinTasks = Math.max(was.prime, primeNeed);
      const minTasks = Math.max(was.off, offPeakNeed);
      // Room to scale above the floor on load, in the design's 3-to-5 proportion.
      const maxTasks = Math.max(was.max, Math.ceil((primeTimeMinTasks * 5) / 3));
      const base = `services.${svc.name}`;
      if (primeTimeMinTasks !== was.prime) changes.push({ path: `${base}.primeTimeMinTasks`, from: was.prime, to: primeTimeMinTasks, why: `prime-time load needs ${primeNeed} tasks at ${Math.round(load.prime.backendRps * share)} RPS` });
      if (minTasks !== was.off) changes.push({ path: `${base}.minTasks`, from: was.off, to: minTasks, why: `off-peak load needs ${offPeakNeed} tasks` });
      if (maxTasks !== was.max) changes.push({ path: `${base}.maxTasks`, from: was.max, to: maxTasks, why: "room to scale above the prime-time floor (5 : 3)" });
      prev.services.set(svc.name, { prime: primeTimeMinTasks, off: minTasks, max: maxTasks });
      return { name: svc.name, primeNeed, offPeakNeed, primeTimeMinTasks, minTasks, maxTasks, seedFactor: scaleFactor(3, s.users.monthlyGrowth, q) };
    });
    const needed = Math.ceil((peakDau * s.primeTime.share * s.video.attendance) / s.channel.viewersPerSession - 1e-9);
    const planned = Math.max(prev.channels, needed);
    const quotaIncreaseNeeded = planned > channelQuota;
    if (planned !== prev.channels) {
      changes.push({
        path: "media.channelCount",
        from: prev.channels,
        to: planned,
        why: `${Math.round(peakDau * s.primeTime.share * s.video.attendance).toLocaleString("en-US")} prime-time viewers at ${s.channel.viewersPerSession.toLocaleString("en-US")} a session${quotaIncreaseNeeded ? `; first raise the account's MediaLive Channels quota above ${channelQuota} (Service Quotas L-D1AFAF75) and set media.channelQuota` : ""}`,
      });
    }
    prev.channels = planned;
    const classForLoad = databaseClassFor(load.prime.backendRps);
    const ladderExceeded = load.prime.backendRps > LARGEST.maxRps;
    if (ladderExceeded && !quarters.some((q) => q.database.ladderExceeded)) {
      warnings.push(
        `From ${quarterLabel(s.startMonth, q, s.months)} the prime-time load (${Math.round(load.prime.backendRps).toLocaleString("en-US")} RPS) is beyond the database ladder's largest class ` +
          `(${LARGEST.instanceClass}, ${LARGEST.maxRps.toLocaleString("en-US")} RPS): the plan shows ${LARGEST.instanceClass} but nothing says it is enough. ` +
          "Load-test a larger class, add read replicas and cache reads, then extend DATABASE_LADDER (cost-model/capacity.ts) with what was measured.",
      );
    }
    const primary = atLeast(prev.primary, classForLoad);
    const ladderNote = ladderExceeded ? `beyond the ladder: ${classForLoad} serves ${LARGEST.maxRps} RPS, see the warnings` : `ladder: ${DATABASE_LADDER.find((r) => r.instanceClass === classForLoad)?.maxRps} RPS for ${classForLoad}`;
    if (primary !== prev.primary) changes.push({ path: "database.instanceClass", from: prev.primary, to: primary, why: `${Math.round(load.prime.backendRps)} prime-time RPS (${ladderNote})` });
    prev.primary = primary;
    let replica = prev.replica;
    if (replica !== null) {
      const next = atLeast(replica, classForLoad);
      if (next !== replica) changes.push({ path: "database.readerInstanceClass", from: replica, to: next, why: "the readers serve the reads and take over from the writer" });
      replica = next;
      prev.replica = next;
    }
    quarters.push({
      quarter: q,
      label: quarterLabel(s.startMonth, q, s.months),
      firstMonth: first,
      lastMonth: last,
      peakDau: Math.round(peakDau),
      primeBackendRps: Math.round(load.prime.backendRps * 10) / 10,
      offPeakBackendRps: Math.round(load.nonPrime.backendRps * 10) / 10,
      services,
      channels: { needed, planned, quota: channelQuota, quotaIncreaseNeeded },
      database: { primaryClass: primary, replicaClass: replica, classForLoad, ladderExceeded },
      changes,
    });
  }
  return {
    scenario: s.name,
    months: s.months,
    source: d.source,
    assumptions: [
      `each quarter is sized for its last month's DAU (${s.users.dau.toLocaleString("en-US")} in month 1, +${+(s.users.monthlyGrowth * 100).toFixed(1)} % a month)`,
      `prime-time load: ${s.primeTime.share * 100} % of DAU x ${s.requests.backendPerUser} requests over ${s.primeTime.start}-${s.primeTime.end}; a task serves ${s.services.mentee.rpsPerTask} RPS (config requestsPerSecondPerTask)`,
      `channels: ${s.primeTime.share * 100} % of DAU x ${s.video.attendance * 100} % attendance at ${s.channel.viewersPerSession.toLocaleString("en-US")} live viewers a session; a pool above ${channelQuota} channels (${quotaSource}) needs a quota increase first`,
      `database: ${DATABASE_LADDER.map((r) => `${r.instanceClass} <= ${r.maxRps} RPS`).join(", ")} (an assumption to calibrate with a load test)`,
      "floors and classes never shrink below what is deployed",
    ],
    quarters,
    warnings,
  };
}
