/**
 * The architecture model: what the workload costs on what is deployed, priced from usage drivers
 * (the scenario) and fixed-cost drivers (a `Deployment`: the scenario's own, or one read from a
 * synthesized stack) with unit prices. Each line states the usage it prices, the catalog prices it
 * uses, and how much of it is fixed. Every month is priced three times: with the expected case of
 * the uncertain drivers (watch-through, attendance, rendition mix, broadcasts) and with the low and
 * high cases; the expected case is the headline.
 *
 * Simplifications (documented in docs/forecast.md): a standard MediaLive channel is billed as two
 * single pipelines (AWS bills it a little less); ALB LCUs count every request as a new connection;
 * S3 storage is billed on the month-end amount, at S3 Standard; always-free tiers are applied per
 * account (one account per environment); load decides task counts minute by minute, capped at the
 * autoscaling maximum.
 */
import type { Tier, UnitPrice, UnitPriceCatalog } from "./catalog-types";
import { provenanceLabel, provenanceOf } from "./catalog-types";
import { monthHours, monthLabel, quarterLabel } from "./calendar";
import { dauSeries } from "./growth";
import { impliedLoad, seedLoad, type MonthLoad } from "./load";
import { tieredCost } from "./egress";
import { formatUsd, toCents } from "./money";
import { assemble, type Finding, type LineCents, type MonthLines, type Projection, type ReportPrice } from "./projection";
import { minuteOfDay, primeHours, type RangeCase, type Scenario } from "./scenario-defaults";
import { deploymentFromScenario, floorAt, type CapacityStrategyEntry, type Deployment, type ServiceDeployment } from "./deployment";
import { architectureAssumptions } from "./assumptions";
import { channelPriceKeys, channelRunUsd, describeOutputs, pipelinesOf } from "./channel-hour";

/** Thrown when the catalog lacks a price the scenario needs; `key` names it. */
export class MissingPriceError extends Error {
  constructor(
    readonly key: string,
    catalog: string,
  ) {
    super(`price catalog '${catalog}' has no price '${key}'`);
    this.name = "MissingPriceError";
  }
}

/** One priced line of one month and case, in USD. */
export interface PricedLine {
  readonly item: string;
  readonly service: string;
  readonly usd: number;
  /** The part that does not move with users or viewing. */
  readonly fixedUsd: number;
  readonly usage: { readonly quantity: number; readonly unit: string };
  readonly detail?: string;
  readonly priceKeys: readonly string[];
}

/** Prices of one month: always-free allowances are used up across lines, in line order. */
export class MonthMeter {
  private readonly freeLeft = new Map<string, number>();
  readonly used = new Set<string>();
  constructor(private readonly catalog: UnitPriceCatalog) {}

  price(key: string): UnitPrice {
    const p = this.catalog.prices[key];
    if (!p) throw new MissingPriceError(key, this.catalog.name);
    return p;
  }

  has(key: string): boolean {
    return this.catalog.prices[key] !== undefined;
  }

  /** Cost of `quantity` units, after what is left of the month's free allowance. */
  cost(key: string, quantity: number): number {
    const p = this.price(key);
    this.used.add(key);
    const free = this.freeLeft.get(key) ?? p.freePerMonth ?? 0;
    const freeUsed = Math.min(Math.max(quantity, 0), free);
    this.freeLeft.set(key, free - freeUsed);
    if (p.tiers) return tieredCost(quantity, p.tiers) - tieredCost(freeUsed, p.tiers);
    return ((quantity - freeUsed) / (p.quantity ?? 1)) * (p.usd ?? 0);
  }
}

/** Minutes MediaLive bills for one run of a session: per minute, with a minimum. */
export function billedChannelMinutes(sessionHours: number, leadMinutes: number, graceMinutes: number, minimumMinutes: number): number {
  return Math.max(minimumMinutes, Math.ceil(sessionHours * 60 + leadMinutes + graceMinutes - 1e-9));
}

/** Tasks a service needs for a load: ceil(RPS x share / RPS per task). */
export function loadTasks(rps: number, requestShare: number, rpsPerTask: number): number {
  return Math.ceil((rps * requestShare) / rpsPerTask - 1e-9);
}

/** Tasks of `n` that run on Fargate Spot: bases first, then the rest by weight (as ECS places them). */
export function spotTasks(n: number, strategy: readonly CapacityStrategyEntry[]): number {
  let left = n;
  let spot = 0;
  for (const e of strategy) {
    const base = Math.min(e.base, left);
    if (e.provider === "FARGATE_SPOT") spot += base;
    left -= base;
  }
  const total = strategy.reduce((a, e) => a + e.weight, 0);
  if (total <= 0) return spot;
  const spotWeight = strategy.filter((e) => e.provider === "FARGATE_SPOT").reduce((a, e) => a + e.weight, 0);
  return spot + (left * spotWeight) / total;
}

/** What one month and one case price: DAU, hours and the uncertain drivers. */
export interface MonthCase {
  readonly month: number;
  readonly dau: number;
  readonly hours: number;
  readonly viewing: RangeCase;
}

const SERVICE_SHARE_NAMES = ["mentee", "mentor", "social"] as const;

/** GB per viewer-hour of each rendition: the stack's encodes when read from a stack, else the scenario's ladder. */
export function viewerLadder(s: Scenario, d: Deployment): readonly number[] {
  const fromStack = d.source.kind === "synth" ? d.channels.find((c) => c.renditionGbPerHour.length > 0)?.renditionGbPerHour : undefined;
  return fromStack ?? s.video.renditions.map((r) => r.gbPerHour);
}

/** GB per viewer-hour for a rendition mix; shares beyond the ladder go to its lowest rung. */
export function gbPerViewerHour(ladder: readonly number[], shares: readonly number[]): number {
  if (ladder.length === 0) return 0;
  return shares.reduce((a, share, i) => a + share * ladder[Math.min(i, ladder.length - 1)], 0);
}

/** Viewer-hours of a month: every user's sessions, the attending share, the watched share. */
export const viewerHoursOf = (s: Scenario, dau: number, v: RangeCase): number => dau * s.video.sessionsPerUserPerMonth * s.video.sessionHours * v.watchThrough * v.attendance;

/** The expected case of the uncertain drivers (the scenario's own fields). */
export const expectedCase = (s: Scenario): RangeCase => ({
  watchThrough: s.video.watchThrough,
  attendance: s.video.attendance,
  renditionShares: s.video.renditionShares,
  broadcastsPerMonth: s.channel.broadcastsPerMonth,
});

const round2 = (x: number) => Math.round(x * 100) / 100;
const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

interface DayShare {
  readonly floor: number;
  readonly prime: boolean;
  minutes: number;
}

/** Minutes a day at each (floor, in the prime-time window or not) pair; every day is the same. */
const dayShapes = new WeakMap<ServiceDeployment, Map<string, DayShare[]>>();
function dayShape(s: Scenario, svc: ServiceDeployment): DayShare[] {
  const window = `${s.primeTime.start}-${s.primeTime.end}`;
  let byWindow = dayShapes.get(svc);
  if (!byWindow) dayShapes.set(svc, (byWindow = new Map()));
  const cached = byWindow.get(window);
  if (cached) return cached;
  const start = minuteOfDay(s.primeTime.start);
  const end = minuteOfDay(s.primeTime.end);
  const shape = new Map<string, DayShare>();
  for (let m = 0; m < 1440; m++) {
    const floor = floorAt(svc.floorSchedule, m);
    const prime = m >= start && m < end;
    const entry = shape.get(`${floor}/${prime}`) ?? { floor, prime, minutes: 0 };
    entry.minutes += 1;
    shape.set(`${floor}/${prime}`, entry);
  }
  const list = [...shape.values()];
  byWindow.set(window, list);
  return list;
}

/** Task-hours of a service in a month, split by floor vs load and on demand vs Spot. */
export function serviceTaskHours(s: Scenario, svc: ServiceDeployment, load: MonthLoad, days: number) {
  const shareOf = (SERVICE_SHARE_NAMES as readonly string[]).includes(svc.name) ? s.services[svc.name as (typeof SERVICE_SHARE_NAMES)[number]] : undefined;
  const requestShare = shareOf?.requestShare ?? 0;
  const rpsPerTask = shareOf?.rpsPerTask ?? 50;
  const primeNeed = loadTasks(load.prime.backendRps, requestShare, rpsPerTask);
  const offNeed = loadTasks(load.nonPrime.backendRps, requestShare, rpsPerTask);
  let onDemand = 0;
  let spot = 0;
  let floorOnDemand = 0;
  let floorSpot = 0;
  let saturatedMinutes = 0;
  for (const { floor, prime, minutes } of dayShape(s, svc)) {
    const need = prime ? primeNeed : offNeed;
    const cap = Math.max(svc.maxTasks, floor);
    if (need > cap) saturatedMinutes += minutes;
    const tasks = Math.min(Math.max(floor, need), cap);
    const sp = spotTasks(tasks, svc.capacityStrategy);
    spot += sp * minutes;
    onDemand += (tasks - sp) * minutes;
    const fsp = spotTasks(floor, svc.capacityStrategy);
    floorSpot += fsp * minutes;
    floorOnDemand += (floor - fsp) * minutes;
  }
  const scale = days / 60;
  return { onDemand: onDemand * scale, spot: spot * scale, floorOnDemand: floorOnDemand * scale, floorSpot: floorSpot * scale, saturatedMinutes, primeNeed, offNeed };
}

/** Every priced line of one month and case. */
export function architectureLines(s: Scenario, d: Deployment, meter: MonthMeter, c: MonthCase): PricedLine[] {
  const { month, dau, hours, viewing } = c;
  const days = hours / 24;
  const lines: PricedLine[] = [];
  const add = (line: Omit<PricedLine, "fixedUsd"> & { fixedUsd?: number }) => lines.push({ ...line, fixedUsd: line.fixedUsd ?? 0 });
  const fixed = (line: Omit<PricedLine, "fixedUsd">) => lines.push({ ...line, fixedUsd: line.usd });

  const window = primeHours(s);
  const assumptions = { primeShare: s.primeTime.share, primeHours: window, backendRequestsPerUser: s.requests.backendPerUser, cdnRequestsPerUser: s.requests.cdnPerUser };
  const load: MonthLoad = s.requests.loadMode === "seed" ? seedLoad(dau, assumptions) : impliedLoad(dau, assumptions);

  // Compute: the API services (floors by time of day, load above them), then scheduled tasks.
  for (const svc of d.services) {
    const h = serviceTaskHours(s, svc, load, days);
    const arch = svc.architecture;
    const taskCost = (od: number, sp: number) =>
      meter.cost(`fargate.${arch}.vcpu`, od * svc.vcpu) +
      meter.cost(`fargate.${arch}.memory`, od * svc.memoryGb) +
      (sp > 0 ? meter.cost(`fargate-spot.${arch}.vcpu`, sp * svc.vcpu) + meter.cost(`fargate-spot.${arch}.memory`, sp * svc.memoryGb) : 0);
    const usd = taskCost(h.onDemand, h.spot);
    // The floor alone at the same rates (Fargate has no free tier to share out).
    const rate = (k: string) => (meter.price(k).usd ?? 0) / (meter.price(k).quantity ?? 1);
    const floorUsd =
      h.floorOnDemand * (svc.vcpu * rate(`fargate.${arch}.vcpu`) + svc.memoryGb * rate(`fargate.${arch}.memory`)) +
      (h.floorSpot > 0 ? h.floorSpot * (svc.vcpu * rate(`fargate-spot.${arch}.vcpu`) + svc.memoryGb * rate(`fargate-spot.${arch}.memory`)) : 0);
    const spotPart = h.onDemand + h.spot > 0 ? Math.round((h.spot / (h.onDemand + h.spot)) * 100) : 0;
    add({
      item: `Fargate ${svc.name} service`,
      service: "Fargate",
      usd,
      fixedUsd: Math.min(floorUsd, usd),
      usage: { quantity: h.onDemand + h.spot, unit: "task-hours" },
      detail: `${svc.vcpu} vCPU ${svc.memoryGb} GB ${arch}${spotPart > 0 ? `, ${spotPart} % Spot` : ", on demand"}; floors ${floorSummary(svc)}`,
      priceKeys: [`fargate.${arch}.vcpu`, `fargate.${arch}.memory`, ...(h.spot > 0 ? [`fargate-spot.${arch}.vcpu`, `fargate-spot.${arch}.memory`] : [])],
    });
  }
  for (const task of d.scheduledTasks) {
    // Fargate bills per second with a one-minute minimum per task.
    const taskHours = (task.runsPerHour * hours * Math.max(60, s.operations.reconcileRunSeconds)) / 3600;
    const kind = task.spot ? "fargate-spot" : "fargate";
    fixed({
      item: `Fargate scheduled task ${task.name.replace(/^livestream-[a-z0-9-]+?-(ops-)/, "$1")}`,
      service: "Fargate",
      usd: meter.cost(`${kind}.${task.architecture}.vcpu`, taskHours * task.vcpu) + meter.cost(`${kind}.${task.architecture}.memory`, taskHours * task.memoryGb),
      usage: { quantity: taskHours, unit: "task-hours" },
      detail: `${round2(task.runsPerHour * hours)} runs of ${task.vcpu} vCPU ${task.memoryGb} GB, ${Math.max(60, s.operations.reconcileRunSeconds)} s billed each`,
      priceKeys: [`${kind}.${task.architecture}.vcpu`, `${kind}.${task.architecture}.memory`],
    });
  }
  if (d.scheduleInvocationsPerHour > 0) {
    const invocations = d.scheduleInvocationsPerHour * hours;
    fixed({ item: "EventBridge Scheduler invocations", service: "EventBridge", usd: meter.cost("scheduler.invocations", invocations), usage: { quantity: invocations, unit: "invocations" }, priceKeys: ["scheduler.invocations"] });
  }

  // Load balancing: hours per ALB, LCUs from the load (each request counted as a new connection, 25 per LCU).
  const backendRequests = dau * s.requests.backendPerUser * days;
  if (d.loadBalancers.length > 0) {
    const lcuFor = (rps: number) => Math.max(rps / 25, (rps * 3600 * s.requests.backendResponseKb) / 1e6);
    const lcuHours = days * (lcuFor(load.prime.backendRps) * window + lcuFor(load.nonPrime.backendRps) * (24 - window));
    const albHours = d.loadBalancers.length * hours;
    fixed({ item: "Application Load Balancer hours", service: "ALB", usd: meter.cost("alb.hour", albHours), usage: { quantity: albHours, unit: "ALB-hours" }, priceKeys: ["alb.hour"] });
    add({ item: "Application Load Balancer LCUs", service: "ALB", usd: meter.cost("alb.lcu", lcuHours), usage: { quantity: lcuHours, unit: "LCU-hours" }, priceKeys: ["alb.lcu"] });
  }

  // Network: public addresses, NAT gateways, interface endpoints (per AZ).
  if (d.publicIpv4Addresses > 0) {
    const ipHours = d.publicIpv4Addresses * hours;
    fixed({ item: "Public IPv4 addresses", service: "VPC", usd: meter.cost("vpc.public-ipv4", ipHours), usage: { quantity: ipHours, unit: "address-hours" }, detail: `${plural(d.publicIpv4Addresses, "address", "addresses")} (NAT Elastic IPs, one per AZ of each internet-facing ALB)`, priceKeys: ["vpc.public-ipv4"] });
  }
  if (d.natGateways > 0) {
    const natHours = d.natGateways * hours;
    fixed({
      item: "NAT gateways",
      service: "VPC",
      usd: meter.cost("nat.hour", natHours) + meter.cost("nat.data", s.network.natGbPerMonth),
      usage: { quantity: natHours, unit: "gateway-hours" },
      detail: `${plural(d.natGateways, "gateway")}, ${s.network.natGbPerMonth} GB processed`,
      priceKeys: ["nat.hour", "nat.data"],
    });
  }
  const appLogGb = (backendRequests * s.requests.logBytesPerRequest) / 1e9;
  if (d.interfaceEndpoints.length > 0) {
    const endpointHours = d.interfaceEndpoints.reduce((a, e) => a + e.azs, 0) * hours;
    const hoursUsd = meter.cost("vpce.hour", endpointHours);
    add({
      item: "VPC interface endpoints",
      service: "VPC",
      usd: hoursUsd + meter.cost("vpce.data", appLogGb),
      fixedUsd: hoursUsd,
      usage: { quantity: endpointHours, unit: "endpoint-AZ-hours" },
      detail: `${plural(d.interfaceEndpoints.length, "endpoint")} (${d.interfaceEndpoints.map((e) => e.service).join(", ")}) x ${Math.max(...d.interfaceEndpoints.map((e) => e.azs))} AZs`,
      priceKeys: ["vpce.hour", "vpce.data"],
    });
  }

  // Database: instance-hours (an RDS Multi-AZ instance bills its standby; Aurora Serverless v2 bills
  // ACU-hours at its minimum capacity), storage growing monthly: per RDS instance, once per Aurora
  // cluster volume; Aurora Standard also bills each storage I/O request.
  const instanceGroups = [
    ["postgres", "primary", "RDS primary instance"],
    ["postgres", "replica", "RDS read replicas"],
    ["aurora-postgresql", "primary", "Aurora writer instance"],
    ["aurora-postgresql", "replica", "Aurora reader instances"],
  ] as const;
  for (const [engine, role, item] of instanceGroups) {
    const group = d.database.filter((i) => i.engine === engine && i.role === role);
    if (group.length === 0) continue;
    let usd = 0;
    let units = 0;
    const keys = new Set<string>();
    for (const i of group) {
      const key = i.acu ? "aurora.serverless.acu" : `${engine === "postgres" ? "rds" : "aurora"}.${i.instanceClass}`;
      const quantity = i.acu ? i.acu.min * hours : (i.multiAz ? 2 : 1) * hours;
      keys.add(key);
      units += quantity;
      usd += meter.cost(key, quantity);
    }
    const serverless = group.every((i) => i.acu);
    fixed({
      item,
      service: engine === "postgres" ? "RDS" : "Aurora",
      usd,
      usage: { quantity: units, unit: serverless ? "ACU-hours" : "instance-hours" },
      detail: group.map((i) => (i.acu ? `${i.instanceClass} at its ${i.acu.min} ACU minimum (up to ${i.acu.max} under load)` : `${i.instanceClass}${i.multiAz ? " Multi-AZ" : ""}`)).join(", "),
      priceKeys: [...keys],
    });
  }
  const rdsStorage = d.database.filter((i) => i.engine === "postgres");
  if (rdsStorage.length > 0) {
    let usd = 0;
    let gbMonths = 0;
    const keys = new Set<string>();
    for (const i of rdsStorage) {
      const gb = (i.storageGb + s.database.storageGrowthGbPerMonth * (month - 1)) * (i.multiAz ? 2 : 1);
      gbMonths += gb;
      keys.add(`rds.storage.${i.storageType}`);
      usd += meter.cost(`rds.storage.${i.storageType}`, gb);
    }
    fixed({ item: "RDS storage", service: "RDS", usd, usage: { quantity: gbMonths, unit: "GB-months" }, detail: `growing ${s.database.storageGrowthGbPerMonth} GB a month per instance`, priceKeys: [...keys] });
  }
  if (d.databaseClusters.length > 0) {
    const gb = (s.database.storageGb + s.database.storageGrowthGbPerMonth * (month - 1)) * d.databaseClusters.length;
    const optimized = d.databaseClusters.some((c) => c.storageType === "aurora-iopt1");
    fixed({
      item: "Aurora storage",
      service: "Aurora",
      usd: meter.cost("aurora.storage", gb),
      usage: { quantity: gb, unit: "GB-months" },
      detail: `${plural(d.databaseClusters.length, "cluster volume")}: ${s.database.storageGb} GB of data in month 1, growing ${s.database.storageGrowthGbPerMonth} GB a month${optimized ? " (I/O-Optimized priced as Standard)" : ""}`,
      priceKeys: ["aurora.storage"],
    });
    const standard = d.databaseClusters.filter((c) => c.storageType !== "aurora-iopt1").length;
    if (standard > 0) {
      const ios = backendRequests * s.database.ioPerBackendRequest;
      add({
        item: "Aurora I/O requests",
        service: "Aurora",
        usd: meter.cost("aurora.io", ios),
        fixedUsd: 0,
        usage: { quantity: ios, unit: "requests" },
        detail: `${s.database.ioPerBackendRequest} storage I/Os per backend request (Aurora Standard)`,
        priceKeys: ["aurora.io"],
      });
    }
  }

  // Media: channels on air in each broadcast slot, each pipeline billing its input and every encode.
  const lead = d.reconcile?.leadMinutes ?? s.channel.leadMinutes;
  const grace = d.reconcile?.graceMinutes ?? s.channel.graceMinutes;
  const runMinutes = billedChannelMinutes(s.video.sessionHours, lead, grace, s.channel.minimumBilledMinutes);
  const onAir = d.channels.slice(0, Math.min(s.channel.concurrentChannels, d.channels.length));
  const runHoursPerChannel = (viewing.broadcastsPerMonth * runMinutes) / 60;
  if (onAir.length > 0) {
    let usd = 0;
    let pipelineHours = 0;
    const keys = new Set<string>();
    for (const ch of onAir) {
      pipelineHours += runHoursPerChannel * pipelinesOf(ch.class);
      channelPriceKeys(ch).forEach((k) => keys.add(k));
      usd += channelRunUsd(ch, runHoursPerChannel, (key, quantity) => meter.cost(key, quantity));
    }
    const ch = onAir[0];
    const pipelines = pipelinesOf(ch.class);
    add({
      item: "MediaLive channels on air",
      service: "MediaLive",
      usd,
      usage: { quantity: pipelineHours, unit: "pipeline-hours" },
      detail: `${onAir.length} x ${ch.class} (${pipelines} pipeline${pipelines > 1 ? "s" : ""}), ${describeOutputs(ch.outputs)} outputs each, ${round2(viewing.broadcastsPerMonth)} broadcasts x ${runMinutes} min (${lead} min lead, ${grace} min grace)`,
      priceKeys: [...keys],
    });
  }
  if (d.channels.length > 0 || d.unattachedPushInputs > 0) {
    let idleChannelHours = 0;
    let idleInputHours = d.unattachedPushInputs * hours;
    d.channels.forEach((ch, i) => {
      const idle = Math.max(0, hours - (i < onAir.length ? runHoursPerChannel : 0));
      idleChannelHours += idle;
      idleInputHours += ch.pushInputs * idle;
    });
    fixed({
      item: "MediaLive idle channels and push inputs",
      service: "MediaLive",
      usd: meter.cost("medialive.idle-channel", idleChannelHours) + meter.cost("medialive.idle-push-input", idleInputHours),
      usage: { quantity: idleChannelHours, unit: "idle channel-hours" },
      detail: `${plural(d.channels.length, "channel")}, ${plural(d.channels.reduce((a, ch) => a + ch.pushInputs, 0) + d.unattachedPushInputs, "push input")}`,
      priceKeys: ["medialive.idle-channel", "medialive.idle-push-input"],
    });
  }
  const ladder = viewerLadder(s, d);
  const gbPerChannelPipelineHour = (gbs: readonly number[]) => gbs.reduce((a, b) => a + b, 0);
  const ingestGb = onAir.filter((ch) => ch.toMediaPackage).reduce((a, ch) => a + runHoursPerChannel * pipelinesOf(ch.class) * gbPerChannelPipelineHour(ch.renditionGbPerHour.length ? ch.renditionGbPerHour : ladder), 0);
  if (onAir.some((ch) => ch.toMediaPackage)) {
    add({ item: "MediaPackage ingest", service: "MediaPackage", usd: meter.cost("mediapackage.ingest", ingestGb), usage: { quantity: ingestGb, unit: "GB" }, detail: "every rendition of every pipeline, for recording (startover window, harvest)", priceKeys: ["mediapackage.ingest"] });
  }

  // Viewing: viewer-hours x the rendition mix; CloudFront serves it and bills the egress.
  const viewerHours = viewerHoursOf(s, dau, viewing);
  const viewerGb = viewerHours * gbPerViewerHour(ladder, viewing.renditionShares);
  if (d.cdnOriginatesFromMediaPackage) {
    const fillGb = viewerGb * (1 - s.cdn.cacheHitRatio);
    add({ item: "MediaPackage origination (cache fills)", service: "MediaPackage", usd: meter.cost("mediapackage.origination", fillGb), usage: { quantity: fillGb, unit: "GB" }, priceKeys: ["mediapackage.origination"] });
  }
  add({
    item: "CloudFront viewer egress (video)",
    service: "CloudFront",
    usd: meter.cost("cloudfront.egress", viewerGb),
    usage: { quantity: viewerGb, unit: "GB" },
    detail: `${Math.round(viewerHours).toLocaleString("en-US")} viewer-hours x ${round2(gbPerViewerHour(ladder, viewing.renditionShares))} GB/h`,
    priceKeys: ["cloudfront.egress"],
  });
  const segmentRequestsPerViewerHour = (2 * 3600) / s.video.segmentSeconds;
  const cdnRequests = dau * days * s.requests.cdnPerUser + viewerHours * segmentRequestsPerViewerHour;
  add({ item: "CloudFront HTTPS requests", service: "CloudFront", usd: meter.cost("cloudfront.https-requests", cdnRequests), usage: { quantity: cdnRequests, unit: "requests" }, detail: "pages, and one segment and one playlist per segment watched", priceKeys: ["cloudfront.https-requests"] });
  for (const acl of d.webAcls) {
    const requests = acl.scope === "CLOUDFRONT" ? cdnRequests : backendRequests;
    const fixedUsd = meter.cost("waf.web-acl", 1) + meter.cost("waf.rule", acl.rules);
    add({
      item: `WAF web ACL ${acl.scope === "CLOUDFRONT" ? "(CloudFront)" : "(ALB)"}`,
      service: "WAF",
      usd: fixedUsd + meter.cost("waf.requests", requests),
      fixedUsd,
      usage: { quantity: requests, unit: "requests" },
      detail: `${acl.name}: ${plural(acl.rules, "rule")}`,
      priceKeys: ["waf.web-acl", "waf.rule", "waf.requests"],
    });
  }

  // Storage: live HLS segments (written per pipeline, expired after days), recordings, access logs.
  const hlsChannels = onAir.filter((ch) => ch.toS3);
  if (hlsChannels.length > 0) {
    const segmentsPerHour = 3600 / s.video.segmentSeconds;
    let puts = 0;
    let writtenGb = 0;
    for (const ch of hlsChannels) {
      const ph = runHoursPerChannel * pipelinesOf(ch.class);
      const rungs = ch.renditionGbPerHour.length || ladder.length;
      puts += ph * segmentsPerHour * rungs * 2; // a segment and its playlist per rendition
      writtenGb += ph * gbPerChannelPipelineHour(ch.renditionGbPerHour.length ? ch.renditionGbPerHour : ladder);
    }
    const storedGb = writtenGb * Math.min(1, (d.hlsRetentionDays * 24) / hours);
    add({ item: "S3 live HLS segments", service: "S3", usd: meter.cost("s3.put", puts) + meter.cost("s3.storage", storedGb), usage: { quantity: puts, unit: "PUT requests" }, detail: `kept ${d.hlsRetentionDays} days`, priceKeys: ["s3.put", "s3.storage"] });
  }
  const recordedHours = viewing.broadcastsPerMonth * onAir.length * s.recordings.recordedShare * s.video.sessionHours;
  if (recordedHours > 0 || month > 1) {
    const recordingGbPerHour = gbPerChannelPipelineHour(onAir[0]?.renditionGbPerHour.length ? onAir[0].renditionGbPerHour : ladder);
    const keptMonths = s.recordings.retentionMonths > 0 ? Math.min(month, s.recordings.retentionMonths) : month;
    const storedGb = recordedHours * recordingGbPerHour * keptMonths;
    const harvestPuts = recordedHours * (3600 / s.video.segmentSeconds) * Math.max(ladder.length, 1);
    add({
      item: "S3 recordings",
      service: "S3",
      usd: meter.cost("s3.storage", storedGb) + meter.cost("s3.put", harvestPuts),
      usage: { quantity: storedGb, unit: "GB-months" },
      detail: `${round2(recordedHours)} hours recorded a month (every rendition), ${s.recordings.retentionMonths > 0 ? `kept ${s.recordings.retentionMonths} months` : "kept"}`,
      priceKeys: ["s3.storage", "s3.put"],
    });
  }
  const accessLogGb = ((backendRequests + cdnRequests) * s.requests.logBytesPerRequest * s.requests.accessLogCompression) / 1e9;
  const accessLogsStored = accessLogGb * Math.min(month, d.accessLogRetentionDays / 30.44);
  add({ item: "S3 access logs (compressed)", service: "S3", usd: meter.cost("s3.storage", accessLogsStored), usage: { quantity: accessLogsStored, unit: "GB-months" }, detail: `ALB and CloudFront logs, gzip at ${s.requests.accessLogCompression} of raw, kept ${d.accessLogRetentionDays} days`, priceKeys: ["s3.storage"] });

  // Observability: application logs (billed uncompressed at ingestion, stored compressed), alarms, dashboards.
  add({ item: "CloudWatch Logs ingestion", service: "CloudWatch", usd: meter.cost("logs.ingest", appLogGb), usage: { quantity: appLogGb, unit: "GB" }, priceKeys: ["logs.ingest"] });
  const storedLogGb = appLogGb * s.operations.logStorageCompression * Math.min(month, d.logRetentionDays / 30.44);
  add({ item: "CloudWatch Logs storage", service: "CloudWatch", usd: meter.cost("logs.storage", storedLogGb), usage: { quantity: storedLogGb, unit: "GB-months" }, detail: `kept ${d.logRetentionDays} days`, priceKeys: ["logs.storage"] });
  if (d.alarms + d.dashboards > 0) {
    fixed({
      item: "CloudWatch alarms and dashboards",
      service: "CloudWatch",
      usd: meter.cost("cloudwatch.alarm", d.alarms) + meter.cost("cloudwatch.dashboard", d.dashboards),
      usage: { quantity: d.alarms, unit: "alarms" },
      detail: `${plural(d.alarms, "alarm")}, ${plural(d.dashboards, "dashboard")}`,
      priceKeys: ["cloudwatch.alarm", "cloudwatch.dashboard"],
    });
  }

  // Security: keys, secrets.
  if (d.kmsKeys > 0) {
    fixed({
      item: "KMS keys and requests",
      service: "KMS",
      usd: meter.cost("kms.key", d.kmsKeys) + meter.cost("kms.requests", s.operations.kmsRequestsPerMonth),
      usage: { quantity: d.kmsKeys, unit: "keys" },
      detail: `${plural(d.kmsKeys, "key")}${d.keySigningKeys > 0 ? ` (DNSSEC signing among them)` : ""}, ${s.operations.kmsRequestsPerMonth.toLocaleString("en-US")} requests`,
      priceKeys: ["kms.key", "kms.requests"],
    });
  }
  if (d.secrets > 0) {
    fixed({ item: "Secrets Manager secrets", service: "Secrets Manager", usd: meter.cost("secretsmanager.secret", d.secrets), usage: { quantity: d.secrets, unit: "secrets" }, priceKeys: ["secretsmanager.secret"] });
  }

  // Messaging: queue -> pipe -> topic -> mobile push; the recording indexer Lambda, once per recording.
  const m = s.messaging;
  const notifications = dau * m.notificationsPerUserPerMonth;
  add({ item: "SQS requests", service: "SQS", usd: meter.cost("sqs.requests", notifications * m.sqsRequestsPerNotification), usage: { quantity: notifications * m.sqsRequestsPerNotification, unit: "requests" }, priceKeys: ["sqs.requests"] });
  add({ item: "EventBridge Pipes requests", service: "EventBridge", usd: meter.cost("pipes.requests", notifications), usage: { quantity: notifications, unit: "requests" }, priceKeys: ["pipes.requests"] });
  add({ item: "SNS mobile push", service: "SNS", usd: meter.cost("sns.mobile-push", notifications), usage: { quantity: notifications, unit: "notifications" }, priceKeys: ["sns.mobile-push"] });
  for (const fn of d.lambdaFunctions) {
    const invocations = viewing.broadcastsPerMonth * onAir.length * s.recordings.recordedShare;
    const gbSeconds = invocations * (m.lambdaMsPerInvocation / 1000) * (fn.memoryMb / 1024);
    add({
      item: d.lambdaFunctions.length === 1 ? "Lambda recording indexer" : `Lambda ${fn.name}`,
      service: "Lambda",
      usd: meter.cost("lambda.requests", invocations) + meter.cost(`lambda.${fn.architecture}.gb-second`, gbSeconds),
      usage: { quantity: invocations, unit: "invocations" },
      priceKeys: ["lambda.requests", `lambda.${fn.architecture}.gb-second`],
    });
  }

  // DNS: zones; queries for non-alias records (alias queries to AWS resources are free); query logs.
  const queries = dau * days * s.dns.queriesPerUserPerDay;
  if (d.hostedZones > 0) {
    fixed({ item: "Route 53 hosted zones", service: "Route 53", usd: meter.cost("route53.zone", d.hostedZones), usage: { quantity: d.hostedZones, unit: "zones" }, detail: d.keySigningKeys > 0 ? "DNSSEC signed" : undefined, priceKeys: ["route53.zone"] });
    const billable = queries * (1 - d.aliasRecordShare);
    add({ item: "Route 53 queries", service: "Route 53", usd: meter.cost("route53.queries", billable), usage: { quantity: billable, unit: "queries" }, detail: `${Math.round(d.aliasRecordShare * 100)} % of queries hit alias records (free)`, priceKeys: ["route53.queries"] });
  }
  if (d.queryLogs > 0) {
    const gb = (queries * 200) / 1e9; // about 200 bytes per logged query
    add({ item: "Route 53 query logs", service: "Route 53", usd: meter.cost("route53.query-logs", gb), usage: { quantity: gb, unit: "GB" }, detail: "CloudWatch Logs ingestion in us-east-1, about 200 bytes a query", priceKeys: ["route53.query-logs"] });
  }
  return lines;
}

/** Floors of a service as "1 / 3 from 17:45 / 1 from 20:00". */
function floorSummary(svc: ServiceDeployment): string {
  const steps = svc.floorSchedule;
  if (steps.length <= 1) return `${steps[0]?.minTasks ?? 0} all day`;
  const hhmm = (m: number) => `${String(Math.floor(m / 60)).padStart(2, "0")}:${String(m % 60).padStart(2, "0")}`;
  return steps.map((st) => `${st.minTasks} from ${hhmm(st.fromMinute)}`).join(", ");
}

export interface ArchitectureOptions {
  /** What is deployed. @default deploymentFromScenario(scenario) */
  readonly deployment?: Deployment;
  /** Price the low and high cases too (a budget needs the expected case only). @default true */
  readonly ranges?: boolean;
}

/** The catalog prices a projection used, with their provenance. */
export function reportPrices(catalog: UnitPriceCatalog, keys: Iterable<string>): Record<string, ReportPrice> {
  const out: Record<string, ReportPrice> = {};
  for (const key of [...keys].sort()) {
    const p = catalog.prices[key] as UnitPrice | undefined;
    if (!p) continue;
    out[key] = {
      ...(p.usd !== undefined ? { usd: p.usd } : {}),
      ...(p.tiers ? { tiers: p.tiers } : {}),
      unit: p.unit,
      ...(p.quantity !== undefined ? { quantity: p.quantity } : {}),
      ...(p.freePerMonth ? { freePerMonth: p.freePerMonth } : {}),
      region: p.region,
      provenance: provenanceOf(p, catalog.region),
      label: provenanceLabel(p, catalog.region),
      source: p.source,
      ...(p.url ? { url: p.url } : {}),
      date: p.date,
    };
  }
  return out;
}

/** Cases priced per month: expected first. */
const CASES = ["expected", "low", "high"] as const;

/** The architecture projection over the scenario's horizon. */
export function architectureProjection(s: Scenario, catalog: UnitPriceCatalog, options: ArchitectureOptions = {}): Projection {
  const d = options.deployment ?? deploymentFromScenario(s);
  const daus = dauSeries({ baseDau: s.users.dau, monthlyGrowth: s.users.monthlyGrowth, months: s.months });
  const cases: Record<(typeof CASES)[number], RangeCase> = { expected: expectedCase(s), low: s.ranges.low, high: s.ranges.high };
  const used = new Set<string>();
  let first: Map<string, number> | undefined;
  let saturated = 0;
  const months: MonthLines[] = daus.map((dau, i) => {
    const month = i + 1;
    const hours = monthHours(s.startMonth, month, s.hoursPerMonth);
    const priceCases: readonly (typeof CASES)[number][] = options.ranges === false ? ["expected"] : CASES;
    const priced = Object.fromEntries(
      priceCases.map((name) => {
        const meter = new MonthMeter(catalog);
        const lines = architectureLines(s, d, meter, { month, dau, hours, viewing: cases[name] });
        for (const k of meter.used) used.add(k);
        return [name, lines];
      }),
    ) as Partial<Record<(typeof CASES)[number], PricedLine[]>> & { expected: PricedLine[] };
    const byItem = (lines: readonly PricedLine[]) => new Map(lines.map((l) => [l.item, toCents(l.usd)]));
    const low = byItem(priced.low ?? []);
    const high = byItem(priced.high ?? []);
    const lines: LineCents[] = priced.expected.map((l) => {
      const cents = toCents(l.usd);
      const lo = low.get(l.item) ?? cents;
      const hi = high.get(l.item) ?? cents;
      return {
        item: l.item,
        service: l.service,
        scaleFactor: null,
        cents,
        lowCents: Math.min(lo, cents, hi),
        highCents: Math.max(lo, cents, hi),
        fixedCents: Math.min(toCents(l.fixedUsd), cents),
        usage: { quantity: round2(l.usage.quantity), unit: l.usage.unit },
        ...(l.detail ? { detail: l.detail } : {}),
        priceKeys: l.priceKeys,
      };
    });
    if (!first) first = new Map(lines.map((l) => [l.item, l.cents]));
    const base = first;
    for (const svc of d.services) saturated = Math.max(saturated, serviceTaskHours(s, svc, impliedOrSeed(s, dau), hours / 24).saturatedMinutes > 0 ? month : 0);
    const egress = lines.find((l) => l.item.startsWith("CloudFront viewer egress"));
    return {
      month,
      dau,
      hours,
      label: monthLabel(s.startMonth, month),
      viewerHours: viewerHoursOf(s, dau, cases.expected),
      egressFloorCents: egress?.cents ?? 0,
      lines: lines.map((l) => {
        const b = base.get(l.item) ?? 0;
        return { ...l, scaleFactor: b === 0 ? null : round2(l.cents / b) };
      }),
    };
  });

  const findings = architectureFindings(s, d, catalog, months, saturated);
  const quarterLabels = Array.from({ length: Math.ceil(months.length / 3) }, (_, q) => quarterLabel(s.startMonth, q + 1, months.length));
  return assemble(s, { catalog: catalog.name, version: catalog.version, region: catalog.region }, months, findings, {
    deployment: d,
    prices: reportPrices(catalog, used),
    assumptions: architectureAssumptions(s, d),
    quarterLabels,
  });
}

function impliedOrSeed(s: Scenario, dau: number): MonthLoad {
  const a = { primeShare: s.primeTime.share, primeHours: primeHours(s), backendRequestsPerUser: s.requests.backendPerUser, cdnRequestsPerUser: s.requests.cdnPerUser };
  return s.requests.loadMode === "seed" ? seedLoad(dau, a) : impliedLoad(dau, a);
}

function architectureFindings(s: Scenario, d: Deployment, catalog: UnitPriceCatalog, months: readonly MonthLines[], saturatedSince: number): Finding[] {
  const findings: Finding[] = [];
  if (months.length === 0) return findings;
  const m1 = months[0];
  const total1 = m1.lines.reduce((a, l) => a + l.cents, 0);
  const egress = m1.egressFloorCents;
  findings.push({
    id: "architecture.egress-dominates",
    severity: "info",
    message: `CloudFront viewer egress is ${total1 === 0 ? 0 : Math.round((egress / total1) * 100)} % of month 1 (expected case). Viewer-hours, watch-through and the rendition mix move the bill; instance sizes barely do.`,
    values: { month1TotalUsd: total1 / 100, month1EgressUsd: egress / 100 },
  });
  // How much of month 1 rests on prices that are not verified in this region.
  const weak = new Map<string, number>();
  for (const l of m1.lines) {
    const kinds = new Set((l.priceKeys ?? []).map((k) => (catalog.prices[k] ? provenanceOf(catalog.prices[k], catalog.region) : "estimate")));
    const kind = kinds.has("estimate") ? "estimate" : kinds.has("stand-in") ? "stand-in" : undefined;
    if (kind) weak.set(kind, (weak.get(kind) ?? 0) + l.cents);
  }
  if (weak.size > 0) {
    const est = weak.get("estimate") ?? 0;
    const stand = weak.get("stand-in") ?? 0;
    findings.push({
      id: "pricing.unverified",
      severity: "warning",
      message: `Of month 1, ${formatUsd(est / 100)} USD (${total1 ? ((est / total1) * 100).toFixed(1) : 0} %) rests on estimated prices and ${formatUsd(stand / 100)} USD (${total1 ? ((stand / total1) * 100).toFixed(1) : 0} %) on another region's prices used as stand-ins (catalog '${catalog.name}'); \`ops pricing refresh --region ${catalog.region}\` replaces them with Price List API prices.`,
      values: { month1EstimatedUsd: est / 100, month1StandInUsd: stand / 100 },
    });
  }
  if (d.unpriced.length > 0) {
    findings.push({
      id: "deployment.unpriced-resources",
      severity: "warning",
      message: `The stack holds resource types the model does not price (they may cost money): ${d.unpriced.map((u) => `${u.type} (${u.count})`).join(", ")}.`,
      values: { types: d.unpriced.length },
    });
  }
  if (saturatedSince > 0) {
    findings.push({
      id: "capacity.services-saturated",
      severity: "warning",
      message: `From month ${saturatedSince} the load needs more tasks than a service's autoscaling maximum; the forecast caps them there (see \`ops capacity plan\`).`,
      values: { month: saturatedSince },
    });
  }
  const pool = d.channels.length;
  if (s.channel.concurrentChannels > pool) {
    findings.push({
      id: "input.concurrent-channels-beyond-pool",
      severity: "warning",
      message: `The scenario puts ${plural(s.channel.concurrentChannels, "channel")} on air at once but ${d.source.kind === "synth" ? d.source.stack : "the deployment"} has ${plural(pool, "channel")}: the forecast prices ${pool} on air; add channels (media.channelCount) or lower channel.concurrentChannels.`,
      values: { concurrentChannels: s.channel.concurrentChannels, pool },
    });
  }
  const needed = months.findIndex((m) => Math.ceil((m.dau * s.primeTime.share * s.video.attendance) / s.channel.viewersPerSession) > pool);
  if (pool > 0 && needed >= 0) {
    findings.push({
      id: "capacity.channel-pool-short",
      severity: "warning",
      message: `From month ${needed + 1} the prime-time audience (${s.primeTime.share * 100} % of DAU at ${s.channel.viewersPerSession.toLocaleString("en-US")} viewers a session) needs more than the pool's ${plural(pool, "channel")}; the forecast prices the pool as deployed (see \`ops capacity plan\`).`,
      values: { month: needed + 1, pool },
    });
  }
  return findings;
}

export type { Tier };
