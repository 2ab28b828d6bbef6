/**
 * The assumptions behind a forecast, stated once for every report format: each with its value, its
 * low/high case where it is uncertain, and its basis (the design, the stack, the scenario, AWS).
 */
import type { Deployment } from "./deployment";
import type { Assumption } from "./projection";
import { primeHours, type Scenario } from "./scenario-defaults";

const pct = (v: number) => `${+(v * 100).toFixed(1)} %`;
const mix = (names: readonly string[], shares: readonly number[]) => shares.map((sh, i) => `${names[i] ?? `#${i + 1}`} ${pct(sh)}`).join(" / ");

export function architectureAssumptions(s: Scenario, d: Deployment): Assumption[] {
  const fromStack = d.source.kind === "synth";
  const deployed = fromStack ? `read from the synthesized stack ${d.source.kind === "synth" ? d.source.stack : ""}` : "the scenario (prod as deployed)";
  const names = s.video.renditions.map((r) => r.name);
  const out: Assumption[] = [
    { id: "users.dau", label: "Daily active users in month 1", value: s.users.dau.toLocaleString("en-US"), basis: "design.md B.1 (10K DAU), or the environment's budget.dau" },
    { id: "users.monthlyGrowth", label: "Monthly growth", value: pct(s.users.monthlyGrowth), basis: "design.md B.1 (10 % a month)" },
    { id: "primeTime", label: "Prime time", value: `${pct(s.primeTime.share)} of DAU in ${s.primeTime.start}-${s.primeTime.end} (${primeHours(s)} h)`, basis: "design.md B.1.3" },
    { id: "video.sessions", label: "Sessions a user watches a month x length", value: `${s.video.sessionsPerUserPerMonth} x ${s.video.sessionHours} h`, basis: "design.md B.1.5" },
    { id: "video.watchThrough", label: "Watch-through (share of a session watched)", value: pct(s.video.watchThrough), low: pct(s.ranges.low.watchThrough), high: pct(s.ranges.high.watchThrough), basis: "scenario: the design assumes 100 %, which is the high case" },
    { id: "video.attendance", label: "Attendance (share of DAU at each of their sessions)", value: pct(s.video.attendance), low: pct(s.ranges.low.attendance), high: pct(s.ranges.high.attendance), basis: "scenario: the low case is the design's prime-time share" },
    { id: "video.renditionShares", label: "Rendition mix", value: mix(names, s.video.renditionShares), low: mix(names, s.ranges.low.renditionShares), high: mix(names, s.ranges.high.renditionShares), basis: "scenario: the design assumes everyone watches HD, which is the high case" },
    {
      id: "video.ladder",
      label: "GB per viewer-hour by rendition",
      value: (fromStack ? (d.channels.find((c) => c.renditionGbPerHour.length)?.renditionGbPerHour ?? []) : s.video.renditions.map((r) => r.gbPerHour)).map((g) => g.toFixed(3)).join(" / "),
      basis: fromStack ? "the channels' encoder settings (video + audio bitrate)" : "design.md B.1.4 (HD about 1.5 GB an hour), lower rungs by bitrate",
    },
    { id: "channel.broadcastsPerMonth", label: "Broadcast slots a month", value: String(s.channel.broadcastsPerMonth), low: String(s.ranges.low.broadcastsPerMonth), high: String(s.ranges.high.broadcastsPerMonth), basis: "design.md B.1.5 (8 sessions a month)" },
    { id: "channel.onAir", label: "Channels on air per slot", value: `${Math.min(s.channel.concurrentChannels, d.channels.length)} of a pool of ${d.channels.length}`, basis: `channel.concurrentChannels, pool ${deployed}` },
    {
      id: "channel.run",
      label: "Billed run of a channel",
      value: `${d.reconcile?.leadMinutes ?? s.channel.leadMinutes} min before + session + ${d.reconcile?.graceMinutes ?? s.channel.graceMinutes} min after, at least ${s.channel.minimumBilledMinutes} min`,
      basis: `${d.reconcile ? "the stack's reconcile task (--lead, --grace)" : "scenario channel.leadMinutes and graceMinutes"}; MediaLive bills per minute with a 10-minute minimum`,
    },
    { id: "cdn.cacheHitRatio", label: "CloudFront cache hit ratio", value: pct(s.cdn.cacheHitRatio), basis: "AWS's live streaming solution assumes 99 %" },
    { id: "requests", label: "Requests per user a day", value: `${s.requests.backendPerUser} backend, ${s.requests.cdnPerUser} CDN pages (+ a segment and a playlist per ${s.video.segmentSeconds} s watched)`, basis: "design.md B.1.6" },
    { id: "requests.loadMode", label: "Load model", value: s.requests.loadMode, basis: s.requests.loadMode === "implied" ? "each class's requests spread over its own window" : "the seed RPS sheet's formulas" },
    { id: "services.rpsPerTask", label: "Requests per second one task serves", value: String(s.services.mentee.rpsPerTask), basis: "config services.<name>.requestsPerSecondPerTask (not measured)" },
    { id: "logs", label: "Log bytes per request; access log compression; stored log compression", value: `${s.requests.logBytesPerRequest} B; ${pct(s.requests.accessLogCompression)}; ${pct(s.operations.logStorageCompression)}`, basis: "scenario (gzip of text logs)" },
    { id: "operations.reconcile", label: "Reconcile run", value: `${s.operations.reconcileRunSeconds} s, billed at least 60 s`, basis: "Fargate bills per second with a one-minute minimum" },
    { id: "messaging", label: "Notifications a user a month", value: String(s.messaging.notificationsPerUserPerMonth), basis: "reminder + start of each of 8 sessions" },
    { id: "dns", label: "DNS queries a user a day; share answered by alias records", value: `${s.dns.queriesPerUserPerDay}; ${pct(d.aliasRecordShare)}`, basis: fromStack ? "alias share read from the stack's records" : "scenario" },
    { id: "database.storage", label: "Database data", value: `${s.database.storageGb} GB in month 1, +${s.database.storageGrowthGbPerMonth} GB a month (once per Aurora cluster volume; per instance on RDS)`, basis: "scenario (Aurora allocates no storage: the stack does not say)" },
    { id: "database.io", label: "Aurora I/O requests per backend request", value: String(s.database.ioPerBackendRequest), basis: "scenario estimate (reads that miss the buffer cache, and writes); Aurora Standard bills each" },
    { id: "database.serverless", label: "Aurora Serverless v2 capacity billed", value: "the cluster's minimum ACUs every hour", basis: "an estimate: it rests at its minimum outside load; Performance Insights and enhanced monitoring can hold it higher (Aurora User Guide, Aurora Serverless v2 capacity)" },
    { id: "deployment", label: "Fixed-cost drivers (tasks, floors, NAT, addresses, endpoints, database, channel pool, alarms, keys, secrets, WAF, DNS)", value: deployed, basis: fromStack ? "as Infracost reads a plan: by resource type and attributes" : "scenario fields" },
    { id: "hours", label: "Billing hours a month", value: s.startMonth ? `calendar hours from ${s.startMonth}` : String(s.hoursPerMonth), basis: "AWS prices a month as 730 hours" },
    { id: "freeTier", label: "Free tiers", value: "always-free allowances applied once per account and month (CloudFront 1 TB and 10 M requests, Lambda, SQS, SNS, KMS, CloudWatch, Scheduler)", basis: "each environment has its own AWS account" },
  ];
  return out;
}
