/**
 * The architecture scenario: what the workload costs on what the stacks deploy, priced from usage
 * drivers and unit prices rather than fixed line prices. Each line states the usage it prices.
 *
 * Simplifications (documented in docs/forecast.md): a month is `hoursPerMonth` hours; free tiers
 * are ignored; a standard MediaLive channel is billed as two single pipelines; ALB LCUs count every
 * request as a new connection (the larger of the new-connection and processed-bytes dimensions);
 * S3 storage is billed on the month-end amount.
 */
import type { UnitPrice, UnitPriceCatalog } from "./catalog-types";
import { dauSeries } from "./growth";
import { impliedLoad, seedLoad, type MonthLoad } from "./load";
import { egressFloorUsd, egressTiers, tieredCost, viewerGb, viewerHours } from "./egress";
import { toCents } from "./money";
import { assemble, type Finding, type MonthLines, type Projection } from "./projection";
import { primeHours, type Scenario, type ServiceAssumptions } from "./scenario-defaults";

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

interface Line {
  item: string;
  service: string;
  usd: number;
  usage: { quantity: number; unit: string };
}

class Prices {
  constructor(private readonly catalog: UnitPriceCatalog) {}
  get(key: string): UnitPrice {
    const p = this.catalog.prices[key];
    if (!p) throw new MissingPriceError(key, this.catalog.name);
    return p;
  }
  /** Cost of `quantity` units of a price. */
  cost(key: string, quantity: number): number {
    const p = this.get(key);
    if (p.tiers) return tieredCost(quantity, p.tiers);
    return (quantity / (p.quantity ?? 1)) * (p.usd ?? 0);
  }
}

/** Minutes MediaLive bills for one run of a session: per minute, with a minimum. */
export function billedChannelMinutes(sessionHours: number, leadMinutes: number, graceMinutes: number, minimumMinutes: number): number {
  return Math.max(minimumMinutes, Math.ceil(sessionHours * 60 + leadMinutes + graceMinutes - 1e-9));
}

/** Tasks a service runs in a window: the scheduled floor, or what the load needs if more. */
export function tasksFor(rps: number, svc: ServiceAssumptions, floor: number): number {
  return Math.max(floor, Math.ceil(rps * svc.requestShare / svc.rpsPerTask - 1e-9));
}

const round2 = (x: number) => Math.round(x * 100) / 100;

/** Every priced line of one month. `month` is 1-based; storage accumulates with it. */
export function architectureLines(s: Scenario, prices: Prices, month: number, dau: number): Line[] {
  const hours = s.hoursPerMonth;
  const days = hours / 24;
  const window = primeHours(s);
  const assumptions = { primeShare: s.primeTime.share, primeHours: window, backendRequestsPerUser: s.requests.backendPerUser, cdnRequestsPerUser: s.requests.cdnPerUser };
  const load: MonthLoad = s.requests.loadMode === "seed" ? seedLoad(dau, assumptions) : impliedLoad(dau, assumptions);
  // Scheduled scaling raises the floor `scalingLeadMinutes` before the window and holds it to the end.
  const primeDaily = window + s.primeTime.scalingLeadMinutes / 60;
  const offDaily = 24 - primeDaily;
  const lines: Line[] = [];

  const arch = s.services.architecture;
  for (const name of ["mentee", "mentor", "social"] as const) {
    const svc = s.services[name];
    const primeTasks = tasksFor(load.prime.backendRps, svc, svc.primeTimeMinTasks);
    const offTasks = tasksFor(load.nonPrime.backendRps, svc, svc.minTasks);
    const taskHours = days * (primeTasks * primeDaily + offTasks * offDaily);
    const usd = prices.cost(`fargate.${arch}.vcpu`, taskHours * svc.vcpu) + prices.cost(`fargate.${arch}.memory`, taskHours * svc.memoryGb);
    lines.push({ item: `Fargate ${name} service`, service: "Fargate", usd, usage: { quantity: taskHours, unit: "task-hours" } });
  }

  // ALB: the larger LCU dimension per hour; each request counted as a new connection (25 per LCU).
  const lcuFor = (rps: number) => Math.max(rps / 25, (rps * 3600 * s.requests.backendResponseKb) / 1e6);
  const lcuHours = days * (lcuFor(load.prime.backendRps) * window + lcuFor(load.nonPrime.backendRps) * (24 - window));
  lines.push({ item: "Application Load Balancer hours", service: "ALB", usd: prices.cost("alb.hour", hours), usage: { quantity: hours, unit: "ALB-hours" } });
  lines.push({ item: "Application Load Balancer LCUs", service: "ALB", usd: prices.cost("alb.lcu", lcuHours), usage: { quantity: lcuHours, unit: "LCU-hours" } });

  const db = s.database;
  const instances = 1 + (db.multiAz ? 1 : 0) + db.replicas;
  lines.push({ item: `RDS ${db.instanceClass} instances`, service: "RDS", usd: prices.cost(`rds.${db.instanceClass}`, instances * hours), usage: { quantity: instances * hours, unit: "instance-hours" } });
  const storageGb = (db.storageGb + db.storageGrowthGbPerMonth * (month - 1)) * instances;
  lines.push({ item: "RDS storage", service: "RDS", usd: prices.cost("rds.storage", storageGb), usage: { quantity: storageGb, unit: "GB-months" } });

  const ch = s.channel;
  const runMinutes = billedChannelMinutes(s.video.sessionHours, ch.leadMinutes, ch.graceMinutes, ch.minimumBilledMinutes);
  const pipelines = ch.class === "STANDARD" ? 2 : 1;
  const channelHours = (ch.broadcastsPerMonth * ch.concurrentChannels * runMinutes) / 60;
  const medialive =
    prices.cost(`medialive.input.${ch.inputResolution.toLowerCase()}`, channelHours * pipelines) +
    prices.cost(`medialive.output.${ch.outputResolution.toLowerCase()}`, channelHours * pipelines * ch.outputs);
  lines.push({ item: `MediaLive ${ch.class.toLowerCase().replace("_", "-")} ${ch.outputResolution} channel-hours`, service: "MediaLive", usd: medialive, usage: { quantity: channelHours * pipelines, unit: "pipeline-hours" } });

  const viewersGb = viewerGb(dau, s.video);
  const ingestGb = channelHours * pipelines * s.video.gbPerHour * ch.outputs;
  const fillGb = viewersGb * (1 - s.cdn.cacheHitRatio);
  lines.push({ item: "MediaPackage ingest", service: "MediaPackage", usd: prices.cost("mediapackage.ingest", ingestGb), usage: { quantity: ingestGb, unit: "GB" } });
  lines.push({ item: "MediaPackage origination (cache fills)", service: "MediaPackage", usd: prices.cost("mediapackage.origination", fillGb), usage: { quantity: fillGb, unit: "GB" } });

  const segmentRequestsPerViewerHour = (2 * 3600) / s.video.segmentSeconds;
  const cdnRequests = dau * days * s.requests.cdnPerUser + viewerHours(dau, s.video) * segmentRequestsPerViewerHour;
  lines.push({ item: "CloudFront egress", service: "CloudFront", usd: prices.cost("cloudfront.egress", viewersGb), usage: { quantity: viewersGb, unit: "GB" } });
  lines.push({ item: "CloudFront HTTPS requests", service: "CloudFront", usd: prices.cost("cloudfront.https-requests", cdnRequests), usage: { quantity: cdnRequests, unit: "requests" } });

  // Recordings accumulate: month m holds every month's recordings still inside the retention.
  const recordedHoursPerMonth = ch.broadcastsPerMonth * ch.concurrentChannels * s.recordings.recordedShare * s.video.sessionHours;
  const keptMonths = s.recordings.retentionMonths > 0 ? Math.min(month, s.recordings.retentionMonths) : month;
  const recordingsGb = recordedHoursPerMonth * s.video.gbPerHour * keptMonths;
  const puts = recordedHoursPerMonth * (3600 / s.video.segmentSeconds);
  lines.push({ item: "S3 recordings storage", service: "S3", usd: prices.cost("s3.storage", recordingsGb), usage: { quantity: recordingsGb, unit: "GB-months" } });
  lines.push({ item: "S3 recording uploads", service: "S3", usd: prices.cost("s3.put", puts), usage: { quantity: puts, unit: "PUT requests" } });
  // Access logs (ALB + CloudFront) kept 90 days by lifecycle.
  const backendRequests = dau * s.requests.backendPerUser * days;
  const accessLogGb = ((backendRequests + cdnRequests) * s.requests.logBytesPerRequest) / 1e9;
  const accessLogsStored = accessLogGb * Math.min(month, 3);
  lines.push({ item: "S3 access logs", service: "S3", usd: prices.cost("s3.storage", accessLogsStored), usage: { quantity: accessLogsStored, unit: "GB-months" } });

  const net = s.network;
  lines.push({ item: "NAT gateways", service: "VPC", usd: prices.cost("nat.hour", net.natGateways * hours) + prices.cost("nat.data", net.natGbPerMonth), usage: { quantity: net.natGateways * hours, unit: "gateway-hours" } });
  const logGb = (backendRequests * s.requests.logBytesPerRequest) / 1e9;
  const endpointHours = net.interfaceEndpoints * net.endpointAzs * hours;
  lines.push({ item: "VPC interface endpoints", service: "VPC", usd: prices.cost("vpce.hour", endpointHours) + prices.cost("vpce.data", logGb), usage: { quantity: endpointHours, unit: "endpoint-AZ-hours" } });
  lines.push({ item: "CloudWatch Logs ingestion", service: "CloudWatch", usd: prices.cost("logs.ingest", logGb), usage: { quantity: logGb, unit: "GB" } });

  const m = s.messaging;
  const notifications = dau * m.notificationsPerUserPerMonth;
  lines.push({ item: "SQS requests", service: "SQS", usd: prices.cost("sqs.requests", notifications * m.sqsRequestsPerNotification), usage: { quantity: notifications * m.sqsRequestsPerNotification, unit: "requests" } });
  lines.push({ item: "SNS mobile push", service: "SNS", usd: prices.cost("sns.mobile-push", notifications), usage: { quantity: notifications, unit: "notifications" } });
  const gbSeconds = notifications * (m.lambdaMsPerInvocation / 1000) * (m.lambdaMemoryMb / 1024);
  lines.push({ item: "Lambda", service: "Lambda", usd: prices.cost("lambda.requests", notifications) + prices.cost("lambda.gb-second", gbSeconds), usage: { quantity: notifications, unit: "invocations" } });

  const queries = dau * days * s.dns.queriesPerUserPerDay;
  lines.push({ item: "Route 53", service: "Route 53", usd: prices.cost("route53.zone", s.dns.hostedZones) + prices.cost("route53.queries", queries), usage: { quantity: queries, unit: "queries" } });
  return lines;
}

/** The architecture projection over the scenario's horizon. */
export function architectureProjection(s: Scenario, catalog: UnitPriceCatalog): Projection {
  const prices = new Prices(catalog);
  egressTiers(catalog);
  const daus = dauSeries({ baseDau: s.users.dau, monthlyGrowth: s.users.monthlyGrowth, months: s.months });
  let first: Map<string, number> | undefined;
  const months: MonthLines[] = daus.map((dau, i) => {
    const lines = architectureLines(s, prices, i + 1, dau).map((l) => ({ ...l, cents: toCents(l.usd) }));
    if (!first) first = new Map(lines.map((l) => [l.item, l.cents]));
    const base = first;
    return {
      month: i + 1,
      dau,
      egressFloorCents: toCents(egressFloorUsd(dau, s.video, catalog)),
      lines: lines.map((l) => {
        const b = base.get(l.item) ?? 0;
        return { item: l.item, service: l.service, cents: l.cents, scaleFactor: b === 0 ? null : round2(l.cents / b), usage: { quantity: round2(l.usage.quantity), unit: l.usage.unit } };
      }),
    };
  });

  const findings: Finding[] = [];
  if (months.length > 0) {
    const m1 = months[0];
    const total1 = m1.lines.reduce((a, l) => a + l.cents, 0);
    const egress = m1.lines.filter((l) => l.item === "CloudFront egress").reduce((a, l) => a + l.cents, 0);
    findings.push({
      id: "architecture.egress-dominates",
      severity: "info",
      message: `CloudFront viewer egress is ${total1 === 0 ? 0 : Math.round((egress / total1) * 100)} % of month 1; the total is ${m1.egressFloorCents === 0 ? "n/a" : (total1 / m1.egressFloorCents).toFixed(2)}x the egress floor. Bitrate and viewer-hours move the bill; instance sizes barely do.`,
      values: { month1TotalUsd: total1 / 100, month1EgressUsd: egress / 100, month1EgressFloorUsd: m1.egressFloorCents / 100 },
    });
  }
  const notes = catalog.notes ?? [];
  if (Object.values(catalog.prices).some((p) => p.region !== catalog.region && p.region !== "global" && !p.region.startsWith("Asia"))) {
    findings.push({ id: "pricing.foreign-region-prices", severity: "warning", message: `Some prices in '${catalog.name}' are for another region than ${catalog.region}. ${notes[0] ?? ""}`.trim() });
  }
  if (Object.values(catalog.prices).some((p) => p.source.startsWith("estimate"))) {
    findings.push({ id: "pricing.estimates", severity: "info", message: `Some prices in '${catalog.name}' are estimates not verified against the Price List API; run \`ops pricing refresh\`.` });
  }
  return assemble(s, { catalog: catalog.name, version: catalog.version }, months, findings);
}
