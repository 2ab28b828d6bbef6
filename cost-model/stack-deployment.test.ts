/**
 * The fixed-cost drivers read from real synthesized stacks (dev and prod as configured), and one
 * test per driver: change the environment's config, synthesize again, see the driver read and the
 * forecast move. Each synth takes about a second, so the base stacks are synthesized once.
 */
import { App, Testing } from "cdktf";
import { loadEnvironment } from "../config/load";
import type { EnvironmentConfig } from "../config/schema";
import { LivestreamStack } from "../stacks/livestream-stack";
import { architectureProjection } from "./architecture";
import { BUILT_IN_CATALOGS } from "./catalogs";
import type { UnitPriceCatalog } from "./catalog-types";
import { floorHours, type Deployment } from "./deployment";
import { dailyCronMinute, readDeployment, reconcileTiming, runsPerHour } from "./stack-deployment";
import { DEFAULT_SCENARIO, withOverrides } from "./scenario-defaults";

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- synthesized Terraform JSON is untyped
type Json = any;

const catalog = BUILT_IN_CATALOGS["ap-southeast-1"] as UnitPriceCatalog;

function synth(config: EnvironmentConfig): Json {
  const app = new App({ outdir: "/tmp/unused", skipValidation: true });
  const stack = new LivestreamStack(app, `livestream-${config.name}`, { config, offline: true });
  return JSON.parse(Testing.synth(stack));
}

/** The environment's config with a change applied (a deep copy: the loader's object stays as read). */
function changed(env: string, change: (c: EnvironmentConfig) => void): EnvironmentConfig {
  const c = structuredClone(loadEnvironment(env));
  change(c);
  return c;
}

/** Month 1 of the forecast of a deployment at 10,000 DAU, line by line. */
function month1(d: Deployment): Map<string, number> & { total: number } {
  const p = architectureProjection(withOverrides(DEFAULT_SCENARIO, { months: 1 }), catalog, { deployment: d });
  const lines = new Map(p.months[0].items.map((i) => [i.item, i.usd])) as Map<string, number> & { total: number };
  lines.total = p.months[0].totalUsd;
  return lines;
}

const dev = readDeployment(synth(loadEnvironment("dev")), { source: { kind: "synth", stack: "livestream-dev", file: "test" } });
const prod = readDeployment(synth(loadEnvironment("prod")), { source: { kind: "synth", stack: "livestream-prod", file: "test" } });
const devForecast = month1(dev);

describe("reading a synthesized stack", () => {
  it("reads prod's fixed-cost drivers by resource type and attribute", () => {
    expect(prod.region).toBe("ap-southeast-1");
    expect(prod.natGateways).toBe(3);
    // Three NAT Elastic IPs and one address per AZ of the internet-facing ALB.
    expect(prod.publicIpv4Addresses).toBe(6);
    expect(prod.interfaceEndpoints.map((e) => [e.service, e.azs])).toEqual([["ecr.api", 3], ["ecr.dkr", 3], ["logs", 3], ["secretsmanager", 3], ["sqs", 3]]);
    // An Aurora cluster: the writer (promotion tier 0) and its reader, on one volume.
    expect(prod.database.map((i) => [i.name, i.role, i.engine, i.instanceClass, i.multiAz, i.storageGb, i.acu])).toEqual([
      ["livestream-prod-postgres-1", "primary", "aurora-postgresql", "db.r6g.large", false, 0, undefined],
      ["livestream-prod-postgres-2", "replica", "aurora-postgresql", "db.r6g.large", false, 0, undefined],
    ]);
    expect(prod.databaseClusters).toEqual([{ name: "livestream-prod-postgres", storageType: "aurora" }]);
    expect(prod.channels).toHaveLength(4);
    expect(prod.channels[0]).toMatchObject({ class: "SINGLE_PIPELINE", inputResolution: "HD", outputs: { HD: 2, SD: 4, UHD: 0 }, pushInputs: 1, toMediaPackage: true, toS3: true });
    // (video + 128 kbps audio) x 3600 / 8: 3.128, 1.928, 0.928 Mbps.
    expect(prod.channels[0].renditionGbPerHour.map((g) => Math.round(g * 10_000) / 10_000)).toEqual([1.4076, 0.8676, 0.4176]);
    expect(prod.cdnOriginatesFromMediaPackage).toBe(false);
    expect(prod.services.map((s) => [s.name, s.vcpu, s.memoryGb, s.capacityStrategy[0].provider, s.maxTasks])).toEqual([
      ["mentee", 0.5, 1, "FARGATE", 8],
      ["mentor", 0.5, 1, "FARGATE", 8],
      ["social", 0.25, 0.5, "FARGATE", 8],
    ]);
    expect(Object.fromEntries(floorHours(prod.services[0].floorSchedule))).toEqual({ 3: 2.25, 1: 21.75 });
    expect(prod.scheduledTasks).toEqual([{ name: "livestream-prod-ops-reconcile", runsPerHour: 60, vcpu: 0.25, memoryGb: 0.5, architecture: "x86", spot: false }]);
    // KMS keys: the platform key, and in us-east-1 the DNSSEC signing key and the query-log key.
    expect(prod).toMatchObject({ alarms: expect.any(Number), dashboards: 1, kmsKeys: 3, secrets: 1, hostedZones: 1, aliasRecordShare: 1, accessLogRetentionDays: 90, hlsRetentionDays: 3, logRetentionDays: 90 });
    expect(prod.alarms).toBeGreaterThan(10);
    expect(prod.lambdaFunctions).toEqual([{ name: "livestream-prod-recording-indexer", architecture: "arm", memoryMb: 256 }]);
    // The reconcile task's --lead 10m --grace 5m (the contract defaults, as prod configures them).
    expect(prod.reconcile).toEqual({ leadMinutes: 10, graceMinutes: 5 });
  });

  it("reads dev as the cheap environment it is", () => {
    expect(dev.natGateways).toBe(1);
    expect(dev.publicIpv4Addresses).toBe(3);
    expect(dev.interfaceEndpoints.every((e) => e.azs === 2)).toBe(true);
    expect(dev.services.every((s) => s.capacityStrategy.every((e) => e.provider === "FARGATE_SPOT"))).toBe(true);
    expect(dev.channels.map((c) => c.class)).toEqual(["SINGLE_PIPELINE"]);
    expect(dev.database.map((i) => [i.role, i.instanceClass, i.acu])).toEqual([["primary", "db.serverless", { min: 0.5, max: 2 }]]);
    expect(dev.databaseClusters).toHaveLength(1);
  });

  it("lists resource types it does not price instead of failing, and prices a WAF web ACL when one appears", () => {
    const json = synth(loadEnvironment("dev"));
    json.resource.aws_elasticache_cluster = { cache: { node_type: "cache.t4g.micro" } };
    json.resource.aws_wafv2_web_acl = { api: { name: "livestream-dev-api", scope: "REGIONAL", rule: [{ name: "common" }, { name: "rate" }, { name: "bad-inputs" }] } };
    const d = readDeployment(json);
    expect(d.unpriced).toEqual([{ type: "aws_elasticache_cluster", count: 1 }]);
    expect(d.webAcls).toEqual([{ name: "livestream-dev-api", scope: "REGIONAL", rules: 3 }]);
    const withWaf = month1(d);
    // 5 USD the web ACL + 3 x 1 USD the rules + 0.60 per million of the ALB's requests.
    const requests = 10_000 * 21 * (730 / 24);
    expect(withWaf.get("WAF web ACL (ALB)")).toBe(Math.round((5 + 3 + (requests / 1e6) * 0.6) * 100) / 100);
    const p = architectureProjection(withOverrides(DEFAULT_SCENARIO, { months: 1 }), catalog, { deployment: d });
    expect(p.findings.find((f) => f.id === "deployment.unpriced-resources")?.message).toContain("aws_elasticache_cluster (1)");
  });

  it("reads Route 53 DNSSEC and query logging when they appear", () => {
    const json = synth(loadEnvironment("dev"));
    json.resource.aws_route53_key_signing_key = { ksk: { name: "ksk" } };
    json.resource.aws_route53_query_log = { zone: { cloudwatch_log_group_arn: "arn" } };
    json.resource.aws_kms_key.dnssec = { customer_master_key_spec: "ECC_NIST_P256" };
    const d = readDeployment(json);
    expect([d.keySigningKeys, d.queryLogs, d.kmsKeys]).toEqual([1, 1, dev.kmsKeys + 1]);
    const lines = month1(d);
    expect(lines.get("KMS keys and requests")).toBeCloseTo((devForecast.get("KMS keys and requests") ?? 0) + 1, 2);
    expect(lines.get("Route 53 query logs")).toBeGreaterThan(0);
    expect(d.unpriced).toEqual([]);
  });

  it("parses schedules and daily crons", () => {
    expect(runsPerHour("rate(1 minute)")).toBe(60);
    expect(runsPerHour("rate(5 minutes)")).toBe(12);
    expect(runsPerHour("rate(2 hours)")).toBe(0.5);
    expect(runsPerHour("cron(*/10 * * * ? *)")).toBe(6);
    expect(runsPerHour("cron(0 9 * * ? *)")).toBe(1 / 24);
    expect(runsPerHour("cron(0 9 ? * MON-FRI *)")).toBe(1 / 24);
    expect(runsPerHour("sometimes")).toBeUndefined();
    expect(dailyCronMinute("cron(45 17 * * ? *)")).toBe(17 * 60 + 45);
    expect(dailyCronMinute("rate(1 minute)")).toBeUndefined();
  });

  it("reads the reconcile task's lead and grace from its command, a missing flag as the CLI's default", () => {
    const task = (command: string[]) => ({ container_definitions: JSON.stringify([{ name: "reconcile", command }]) });
    expect(reconcileTiming([task(["sessions", "reconcile", "--lead", "1h30m", "--grace=90s"])])).toEqual({ leadMinutes: 90, graceMinutes: 1.5 });
    expect(reconcileTiming([task(["sessions", "reconcile", "--schedule", "postgres://"])])).toEqual({ leadMinutes: 10, graceMinutes: 5 });
    expect(reconcileTiming([task(["db", "migrate"]), { container_definitions: "${aws_x.y.z}" }])).toBeUndefined();
  });
});

describe("each driver read from the stack moves the forecast", () => {
  const fargate = (m: Map<string, number>) => ["mentee", "mentor", "social"].reduce((a, n) => a + (m.get(`Fargate ${n} service`) ?? 0), 0);

  it("prime time 08:00-22:00 holds dev's prime floor 14.25 h a day instead of 2.25 h", () => {
    const d = readDeployment(synth(changed("dev", (c) => {
      c.primeTime.start = "08:00";
      c.primeTime.end = "22:00";
      for (const s of ["mentee", "mentor", "social"] as const) c.services[s].primeTimeMinTasks = 2;
    })));
    expect(Object.fromEntries(floorHours(d.services[0].floorSchedule))).toEqual({ 2: 14.25, 1: 9.75 });
    expect(fargate(month1(d))).toBeGreaterThan(fargate(devForecast) * 1.4);
  });

  it("Spot to on demand raises the services' cost about threefold", () => {
    const d = readDeployment(synth(changed("dev", (c) => (c.services.capacityProvider = "FARGATE"))));
    expect(d.services[0].capacityStrategy).toEqual([{ provider: "FARGATE", weight: 1, base: 0 }]);
    const onDemand = fargate(month1(d));
    expect(onDemand).toBeGreaterThan(fargate(devForecast) * 3);
    expect(month1(d).total).toBeGreaterThan(devForecast.total);
  });

  it("a bigger pool of standard channels bills more encodes and more idle channels", () => {
    const d = readDeployment(synth(changed("dev", (c) => {
      c.media.channelCount = 3;
      c.media.channelClass = "STANDARD";
    })));
    expect(d.channels.map((c) => c.class)).toEqual(["STANDARD", "STANDARD", "STANDARD"]);
    const lines = month1(d);
    // Three channels of two pipelines against one single-pipeline channel: six times the encoding.
    expect(lines.get("MediaLive channels on air")).toBeCloseTo((devForecast.get("MediaLive channels on air") ?? 0) * 6, 1);
    expect(lines.get("MediaLive idle channels and push inputs")).toBeGreaterThan((devForecast.get("MediaLive idle channels and push inputs") ?? 0) * 2.9);
  });

  it("a NAT gateway per AZ adds gateways and their addresses", () => {
    const d = readDeployment(synth(changed("dev", (c) => (c.network.natGateways = "per-az"))));
    expect([d.natGateways, d.publicIpv4Addresses]).toEqual([2, 4]);
    const lines = month1(d);
    expect(lines.get("NAT gateways")).toBeCloseTo((devForecast.get("NAT gateways") ?? 0) + 730 * 0.059, 2);
    expect(lines.get("Public IPv4 addresses")).toBeCloseTo((devForecast.get("Public IPv4 addresses") ?? 0) + 730 * 0.005, 2);
  });

  it("a third AZ adds an endpoint interface per endpoint and an ALB address", () => {
    const d = readDeployment(synth(changed("dev", (c) => (c.network.azCount = 3))));
    expect(d.interfaceEndpoints.every((e) => e.azs === 3)).toBe(true);
    expect(d.loadBalancers[0].azs).toBe(3);
    const lines = month1(d);
    expect(lines.get("VPC interface endpoints")).toBeCloseTo((devForecast.get("VPC interface endpoints") ?? 0) + 5 * 730 * 0.013, 1);
    expect(lines.get("Public IPv4 addresses")).toBeCloseTo((devForecast.get("Public IPv4 addresses") ?? 0) + 730 * 0.005, 2);
  });

  it("a smaller reader class lowers prod's reader line", () => {
    const d = readDeployment(synth(changed("prod", (c) => (c.database.readerInstanceClass = "db.t4g.medium"))));
    expect(d.database.find((i) => i.role === "replica")?.instanceClass).toBe("db.t4g.medium");
    const prodLines = month1(prod);
    expect(month1(d).get("Aurora reader instances")).toBeCloseTo(730 * 0.093, 2);
    expect(prodLines.get("Aurora reader instances")).toBeCloseTo(730 * 0.33, 2);
    expect(prodLines.get("Aurora writer instance")).toBeCloseTo(730 * 0.33, 2);
  });

  it("dev's serverless writer bills its minimum ACUs; a reader adds its own, not another volume", () => {
    expect(devForecast.get("Aurora writer instance")).toBeCloseTo(730 * 0.5 * 0.16, 2);
    expect(devForecast.get("Aurora reader instances")).toBeUndefined();
    const d = readDeployment(synth(changed("dev", (c) => (c.database.readers = 1))));
    expect(d.database.map((i) => i.role)).toEqual(["primary", "replica"]);
    const lines = month1(d);
    expect(lines.get("Aurora reader instances")).toBeCloseTo(730 * 0.5 * 0.16, 2);
    expect(lines.get("Aurora storage")).toBe(devForecast.get("Aurora storage"));
    const bigger = month1(readDeployment(synth(changed("dev", (c) => (c.database.serverless = { minAcu: 2, maxAcu: 4 })))));
    expect(bigger.get("Aurora writer instance")).toBeCloseTo(730 * 2 * 0.16, 2);
  });

  it("the cluster volume and its I/O are billed once per cluster: the scenario's data, its backend requests", () => {
    // 100 GB of data in month 1 at 0.11; 10,000 DAU x 21 backend requests x 730/24 days x 2 I/Os at 0.22 per million.
    expect(devForecast.get("Aurora storage")).toBeCloseTo(100 * 0.11, 2);
    expect(devForecast.get("Aurora I/O requests")).toBeCloseTo(((10_000 * 21 * (730 / 24) * 2) / 1e6) * 0.22, 2);
    expect(month1(prod).get("Aurora storage")).toBeCloseTo(100 * 0.11, 2);
  });

  it("pausing reconcile stops its every-minute task", () => {
    const d = readDeployment(synth(changed("dev", (c) => (c.reconcile.paused = true))));
    expect(d.scheduledTasks.map((t) => t.runsPerHour)).toEqual([0]);
    expect(month1(d).get("Fargate scheduled task ops-reconcile")).toBe(0);
    expect(devForecast.get("Fargate scheduled task ops-reconcile")).toBeGreaterThan(10);
  });

  it("bigger tasks cost more per task-hour", () => {
    const d = readDeployment(synth(changed("dev", (c) => {
      c.services.mentee.cpu = 1024;
      c.services.mentee.memory = 2048;
    })));
    expect([d.services[0].vcpu, d.services[0].memoryGb]).toEqual([1, 2]);
    expect(month1(d).get("Fargate mentee service")).toBeCloseTo((devForecast.get("Fargate mentee service") ?? 0) * 4, 1);
  });

  it("a shorter ladder encodes fewer outputs and viewers download less", () => {
    const d = readDeployment(synth(changed("dev", (c) => (c.media.ladder.renditions = c.media.ladder.renditions.slice(0, 2)))));
    expect(d.channels[0].outputs).toEqual({ HD: 2, SD: 2, UHD: 0 });
    const lines = month1(d);
    expect(lines.get("MediaLive channels on air")).toBeLessThan(devForecast.get("MediaLive channels on air") ?? 0);
    // The 10 % that watched 360p now watch the lowest rung left, 540p.
    expect(lines.get("CloudFront viewer egress (video)")).toBeGreaterThan(devForecast.get("CloudFront viewer egress (video)") ?? 0);
  });
});
