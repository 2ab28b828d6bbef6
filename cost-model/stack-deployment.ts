/**
 * Reads a synthesized stack (`cdktf.out/stacks/<stack>/cdk.tf.json`, or `stack.toTerraform()`) into
 * the fixed-cost drivers the architecture model prices, as Infracost reads a plan: by resource type
 * and attributes, following `${type.id.attr}` references between resources. Other engineers change
 * the stacks all the time, so nothing here assumes a construct's layout: a missing attribute falls
 * back to the provider's default, and a resource type that is neither priced nor known to be free is
 * listed in `unpriced` instead of failing.
 */
import { AURORA_SERVERLESS_CLASS } from "../contracts/database";
import type { CapacityStrategyEntry, ChannelDeployment, DatabaseClusterDeployment, DatabaseInstanceDeployment, Deployment, DeploymentSource, FloorStep, ServiceDeployment, WebAclDeployment } from "./deployment";
import type { ChannelClass, Resolution } from "./scenario-defaults";
import { resolutionOf } from "./channel-hour";
import { DEFAULT_GRACE, DEFAULT_LEAD } from "../contracts/sessions";
import { durationMs } from "../lib/duration";

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- Terraform JSON is untyped by nature
type Json = any;

/** Resource types the model prices from their attributes or the usage they serve. */
const PRICED = new Set([
  "aws_ecs_service",
  "aws_ecs_task_definition",
  "aws_appautoscaling_target",
  "aws_appautoscaling_scheduled_action",
  "aws_scheduler_schedule",
  "aws_lb",
  "aws_nat_gateway",
  "aws_eip",
  "aws_vpc_endpoint",
  "aws_db_instance",
  "aws_rds_cluster",
  "aws_rds_cluster_instance",
  "aws_medialive_channel",
  "aws_medialive_input",
  "aws_media_package_channel",
  "aws_cloudfront_distribution",
  "aws_cloudwatch_metric_alarm",
  "aws_cloudwatch_dashboard",
  "aws_cloudwatch_log_group",
  "aws_kms_key",
  "aws_secretsmanager_secret",
  "aws_wafv2_web_acl",
  "aws_route53_zone",
  "aws_route53_record",
  "aws_route53_key_signing_key",
  "aws_route53_query_log",
  "aws_lambda_function",
  "aws_s3_bucket",
  "aws_s3_bucket_lifecycle_configuration",
  "aws_sqs_queue",
  "aws_sns_topic",
  "aws_sns_platform_application",
  "aws_pipes_pipe",
  "aws_flow_log",
]);

/**
 * Resource types that cost nothing by themselves (configuration, permissions, wiring), or whose
 * cost is already in a priced resource (a DNSSEC key is a KMS key; a web ACL association adds
 * nothing to the web ACL).
 */
const FREE = new Set([
  "aws_iam_role",
  "aws_iam_role_policy",
  "aws_iam_role_policy_attachment",
  "aws_iam_policy",
  "aws_iam_service_linked_role",
  "aws_security_group",
  "aws_security_group_rule",
  "aws_vpc_security_group_ingress_rule",
  "aws_vpc_security_group_egress_rule",
  "aws_default_security_group",
  "aws_vpc",
  "aws_subnet",
  "aws_internet_gateway",
  "aws_route_table",
  "aws_route",
  "aws_route_table_association",
  "aws_default_network_acl",
  "aws_default_route_table",
  "aws_db_subnet_group",
  "aws_db_parameter_group",
  "aws_rds_cluster_parameter_group",
  "aws_ecs_cluster",
  "aws_ecs_cluster_capacity_providers",
  "aws_appautoscaling_policy",
  "aws_lb_listener",
  "aws_lb_listener_rule",
  "aws_lb_target_group",
  "aws_acm_certificate",
  "aws_acm_certificate_validation",
  "aws_s3_bucket_policy",
  "aws_s3_bucket_public_access_block",
  "aws_s3_bucket_ownership_controls",
  "aws_s3_bucket_server_side_encryption_configuration",
  "aws_s3_bucket_versioning",
  "aws_s3_bucket_logging",
  "aws_s3_bucket_notification",
  "aws_s3_bucket_cors_configuration",
  "aws_sns_topic_policy",
  "aws_sns_topic_subscription",
  "aws_sqs_queue_policy",
  "aws_sqs_queue_redrive_allow_policy",
  "aws_sqs_queue_redrive_policy",
  "aws_kms_alias",
  "aws_kms_grant",
  "aws_lambda_permission",
  "aws_lambda_function_event_invoke_config",
  "aws_cloudfront_cache_policy",
  "aws_cloudfront_origin_request_policy",
  "aws_cloudfront_origin_access_control",
  "aws_cloudfront_public_key",
  "aws_cloudfront_key_group",
  "aws_cloudfront_response_headers_policy",
  "aws_medialive_input_security_group",
  "aws_cloudformation_stack",
  "aws_budgets_budget",
  "aws_wafv2_web_acl_association",
  "aws_wafv2_web_acl_logging_configuration",
  "aws_route53_hosted_zone_dnssec",
  "aws_cloudwatch_log_resource_policy",
  "aws_servicequotas_service_quota",
  "aws_secretsmanager_secret_version",
  "aws_secretsmanager_secret_policy",
  "aws_ecr_lifecycle_policy",
  "aws_ecr_repository_policy",
]);

const block = (v: Json): Json => (Array.isArray(v) ? v[0] : v);
const list = (v: Json): Json[] => (v === undefined || v === null ? [] : Array.isArray(v) ? v : [v]);
const num = (v: Json, fallback: number): number => {
  const n = typeof v === "number" ? v : typeof v === "string" && /^-?\d+(\.\d+)?$/.test(v.trim()) ? Number(v) : NaN;
  return Number.isFinite(n) ? n : fallback;
};

/** `${aws_x.id.attr}` -> { type: aws_x, id }. */
export function referenceOf(value: unknown): { type: string; id: string } | undefined {
  if (typeof value !== "string") return undefined;
  const m = /\$\{(aws_[a-z0-9_]+)\.([^.}]+)[.}]/.exec(value);
  return m ? { type: m[1], id: m[2] } : undefined;
}

/** Every `${aws_x.id...}` reference in a string. */
const referencesIn = (value: string): { type: string; id: string }[] => [...value.matchAll(/\$\{(aws_[a-z0-9_]+)\.([^.}]+)[.}]/g)].map((m) => ({ type: m[1], id: m[2] }));

/** "cron(45 17 * * ? *)" -> minute of the day, for daily schedules. */
export function dailyCronMinute(expression: unknown): number | undefined {
  if (typeof expression !== "string") return undefined;
  const m = /^cron\(\s*(\d{1,2})\s+(\d{1,2})\s+\*\s+\*\s+\?\s+\*\s*\)$/.exec(expression.trim());
  if (!m) return undefined;
  const minute = Number(m[1]);
  const hour = Number(m[2]);
  return minute < 60 && hour < 24 ? hour * 60 + minute : undefined;
}

/** Runs per hour of an EventBridge Scheduler expression; undefined when it cannot be read. */
export function runsPerHour(expression: unknown): number | undefined {
  if (typeof expression !== "string") return undefined;
  const e = expression.trim();
  const rate = /^rate\(\s*(\d+)\s+(minute|minutes|hour|hours|day|days)\s*\)$/.exec(e);
  if (rate) {
    const n = Number(rate[1]);
    if (n <= 0) return undefined;
    return rate[2].startsWith("minute") ? 60 / n : rate[2].startsWith("hour") ? 1 / n : 1 / (24 * n);
  }
  const cron = /^cron\(\s*(\S+)\s+(\S+)\s+\S+\s+\S+\s+\S+\s+\S+\s*\)$/.exec(e);
  if (cron) {
    const field = (f: string, size: number): number | undefined => {
      if (f === "*") return size;
      const step = /^(?:\*|\d+)\/(\d+)$/.exec(f);
      if (step) return Math.ceil(size / Number(step[1]));
      if (/^\d+(,\d+)*$/.test(f)) return f.split(",").length;
      return undefined;
    };
    const minutes = field(cron[1], 60);
    const hours = field(cron[2], 24);
    return minutes !== undefined && hours !== undefined ? (minutes * hours) / 24 : undefined;
  }
  if (/^at\(/.test(e)) return 0;
  return undefined;
}

export { resolutionOf };

/** Minutes of a duration flag value such as 10m, 90s or 1h30m; undefined when it is not one. */
export function durationMinutes(text: unknown): number | undefined {
  const ms = typeof text === "string" ? durationMs(text) : undefined;
  return ms === undefined ? undefined : ms / 60_000;
}

/** The value of `--flag v` or `--flag=v` in a command line. */
function flagValue(command: readonly unknown[], flag: string): unknown {
  for (let i = 0; i < command.length; i++) {
    const arg = command[i];
    if (arg === flag) return command[i + 1];
    if (typeof arg === "string" && arg.startsWith(`${flag}=`)) return arg.slice(flag.length + 1);
  }
  return undefined;
}

/**
 * Lead and grace of the stack's `ops sessions reconcile` task, read from its container command in
 * the task definition (a flag left out means the CLI's default, as the task would run it).
 */
export function reconcileTiming(taskDefinitions: readonly Json[]): Deployment["reconcile"] {
  for (const task of taskDefinitions) {
    let containers: Json;
    try {
      containers = typeof task?.container_definitions === "string" ? JSON.parse(task.container_definitions) : task?.container_definitions;
    } catch {
      continue; // not JSON (an unresolved token): nothing to read
    }
    for (const c of list(containers)) {
      const command = list(c?.command);
      const at = command.findIndex((arg, i) => arg === "sessions" && command[i + 1] === "reconcile");
      if (at < 0) continue;
      const lead = flagValue(command, "--lead");
      const grace = flagValue(command, "--grace");
      return {
        leadMinutes: durationMinutes(lead ?? DEFAULT_LEAD) ?? durationMinutes(DEFAULT_LEAD)!,
        graceMinutes: durationMinutes(grace ?? DEFAULT_GRACE) ?? durationMinutes(DEFAULT_GRACE)!,
      };
    }
  }
  return undefined;
}

const architectureOf = (value: Json): "x86" | "arm" => {
  const cpu = block(value)?.cpu_architecture ?? (Array.isArray(value) ? value[0] : undefined);
  return typeof cpu === "string" && /arm/i.test(cpu) ? "arm" : "x86";
};

const SERVICE_NAMES = ["mentee", "mentor", "social"];

/** Prefers the project's service names (…-mentee) so the scenario's request shares apply. */
function serviceName(name: unknown, id: string): string {
  const text = typeof name === "string" ? name : id;
  return SERVICE_NAMES.find((n) => text.endsWith(`-${n}`) || text === n) ?? text;
}

function capacityStrategy(raw: Json, fallback: Json): CapacityStrategyEntry[] {
  const entries = list(raw).length ? list(raw) : list(fallback);
  const out = entries
    .filter((e) => e?.capacity_provider === "FARGATE" || e?.capacity_provider === "FARGATE_SPOT")
    .map((e): CapacityStrategyEntry => ({ provider: e.capacity_provider, weight: num(e.weight, 0), base: num(e.base, 0) }));
  return out.length ? out : [{ provider: "FARGATE", weight: 1, base: 0 }];
}

export interface ReadDeploymentOptions {
  /** Where the JSON came from, for the report. */
  readonly source?: DeploymentSource;
}

/** The deployment a synthesized stack describes. */
export function readDeployment(tf: Json, options: ReadDeploymentOptions = {}): Deployment {
  const resources: Record<string, Record<string, Json>> = tf?.resource ?? {};
  const of = (type: string): [string, Json][] => Object.entries(resources[type] ?? {});
  const get = (ref: { type: string; id: string } | undefined): Json => (ref ? resources[ref.type]?.[ref.id] : undefined);

  const providers = list(tf?.provider?.aws);
  const region: string | null = providers.find((p) => !p?.alias)?.region ?? null;

  // ECS: services with their task definitions, capacity strategies and autoscaling floors.
  const clusterDefault = of("aws_ecs_cluster_capacity_providers")[0]?.[1]?.default_capacity_provider_strategy;
  const targets = of("aws_appautoscaling_target").filter(([, t]) => t?.service_namespace === "ecs");
  const actions = of("aws_appautoscaling_scheduled_action");
  const services: ServiceDeployment[] = of("aws_ecs_service").map(([id, svc]) => {
    const task = get(referenceOf(svc?.task_definition));
    const target = targets.find(([, t]) => typeof t?.resource_id === "string" && referencesIn(t.resource_id).some((r) => r.type === "aws_ecs_service" && r.id === id));
    const offPeak = target ? num(target[1].min_capacity, 1) : num(svc?.desired_count, 1);
    const steps: FloorStep[] = [];
    if (target) {
      for (const [, action] of actions) {
        const ref = referenceOf(action?.resource_id);
        if (!ref || ref.type !== "aws_appautoscaling_target" || ref.id !== target[0]) continue;
        const minute = dailyCronMinute(action?.schedule);
        const min = num(block(action?.scalable_target_action)?.min_capacity, NaN);
        if (minute !== undefined && Number.isFinite(min)) steps.push({ fromMinute: minute, minTasks: Math.max(min, 0) });
      }
    }
    steps.sort((a, b) => a.fromMinute - b.fromMinute);
    return {
      name: serviceName(svc?.name, id),
      vcpu: num(task?.cpu, 256) / 1024,
      memoryGb: num(task?.memory, 512) / 1024,
      architecture: architectureOf(task?.runtime_platform),
      capacityStrategy: svc?.launch_type === "FARGATE" ? [{ provider: "FARGATE", weight: 1, base: 0 }] : capacityStrategy(svc?.capacity_provider_strategy, clusterDefault),
      floorSchedule: steps.length ? steps : [{ fromMinute: 0, minTasks: offPeak }],
      maxTasks: target ? num(target[1].max_capacity, offPeak) : offPeak,
    };
  });

  // EventBridge Scheduler: invocations, and the ECS tasks each run starts.
  let scheduleInvocationsPerHour = 0;
  const scheduledTasks: Deployment["scheduledTasks"][number][] = [];
  for (const [id, schedule] of of("aws_scheduler_schedule")) {
    const perHour = schedule?.state === "DISABLED" ? 0 : (runsPerHour(schedule?.schedule_expression) ?? 0);
    scheduleInvocationsPerHour += perHour;
    const ecs = block(block(schedule?.target)?.ecs_parameters);
    if (!ecs) continue;
    const task = get(referenceOf(ecs.task_definition_arn));
    const spot = list(ecs.capacity_provider_strategy).some((e) => e?.capacity_provider === "FARGATE_SPOT");
    scheduledTasks.push({
      name: typeof schedule?.name === "string" ? schedule.name : id,
      runsPerHour: perHour * num(ecs.task_count, 1),
      vcpu: num(task?.cpu, 256) / 1024,
      memoryGb: num(task?.memory, 512) / 1024,
      architecture: architectureOf(task?.runtime_platform),
      spot,
    });
  }

  // Network: load balancers and their public addresses, NAT gateways, Elastic IPs, endpoints.
  const loadBalancers = of("aws_lb")
    .filter(([, lb]) => (lb?.load_balancer_type ?? "application") === "application")
    .map(([id, lb]) => ({
      name: typeof lb?.name === "string" ? lb.name : id,
      internetFacing: lb?.internal !== true,
      azs: Math.max(list(lb?.subnets).length, list(lb?.subnet_mapping).length, 1),
    }));
  const eips = of("aws_eip").length;
  const natGateways = of("aws_nat_gateway").length;
  const publicIpv4Addresses = eips + loadBalancers.filter((lb) => lb.internetFacing).reduce((a, lb) => a + lb.azs, 0);
  const interfaceEndpoints = of("aws_vpc_endpoint")
    .filter(([, e]) => e?.vpc_endpoint_type === "Interface")
    .map(([id, e]) => ({ service: typeof e?.service_name === "string" ? e.service_name.split(".").slice(3).join(".") || e.service_name : id, azs: Math.max(list(e?.subnet_ids).length, 1) }));

  // RDS: each instance, replicas with their source's storage.
  const dbs = of("aws_db_instance");
  const rdsInstances: DatabaseInstanceDeployment[] = dbs.map(([id, db]) => {
    const source = get(referenceOf(db?.replicate_source_db));
    const replica = db?.replicate_source_db !== undefined;
    return {
      name: typeof db?.identifier === "string" ? db.identifier : id,
      role: replica ? "replica" : "primary",
      engine: "postgres",
      instanceClass: typeof db?.instance_class === "string" ? db.instance_class : "unknown",
      multiAz: db?.multi_az === true,
      storageGb: num(db?.allocated_storage, num(source?.allocated_storage, 20)),
      storageType: typeof db?.storage_type === "string" ? db.storage_type : typeof source?.storage_type === "string" ? source.storage_type : "gp2",
    };
  });
  // Aurora: each cluster's instances (its writer is the lowest promotion tier, as failover picks it) and its one volume.
  const clusters = of("aws_rds_cluster");
  const clusterOf = (instance: Json): [string, Json] | undefined => {
    const ref = referenceOf(instance?.cluster_identifier);
    return clusters.find(([id, c]) => (ref ? ref.type === "aws_rds_cluster" && ref.id === id : c?.cluster_identifier === instance?.cluster_identifier));
  };
  const auroraInstances: DatabaseInstanceDeployment[] = clusters.flatMap(([clusterId, cluster]) => {
    const members = of("aws_rds_cluster_instance")
      .filter(([, i]) => clusterOf(i)?.[0] === clusterId)
      .map(([id, i]) => ({ name: typeof i?.identifier === "string" ? i.identifier : id, tier: num(i?.promotion_tier, 1), instanceClass: typeof i?.instance_class === "string" ? i.instance_class : "unknown" }))
      .sort((a, b) => a.tier - b.tier || a.name.localeCompare(b.name, "en", { numeric: true }));
    const scaling = block(cluster?.serverlessv2_scaling_configuration);
    return members.map((m, n): DatabaseInstanceDeployment => ({
      name: m.name,
      role: n === 0 ? "primary" : "replica",
      engine: "aurora-postgresql",
      instanceClass: m.instanceClass,
      multiAz: false,
      storageGb: 0,
      storageType: "aurora",
      ...(m.instanceClass === AURORA_SERVERLESS_CLASS ? { acu: { min: num(scaling?.min_capacity, 0.5), max: num(scaling?.max_capacity, num(scaling?.min_capacity, 0.5)) } } : {}),
    }));
  });
  const database = [...rdsInstances, ...auroraInstances];
  const databaseClusters: DatabaseClusterDeployment[] = clusters.map(([id, c]) => ({
    name: typeof c?.cluster_identifier === "string" ? c.cluster_identifier : id,
    storageType: c?.storage_type === "aurora-iopt1" ? "aurora-iopt1" : "aurora",
  }));
  const managedSecrets = [...dbs, ...clusters].filter(([, db]) => db?.manage_master_user_password === true).length;

  // MediaLive: the channel pool, each channel's encodes by resolution and its push inputs.
  const inputs = of("aws_medialive_input");
  const isPush = (input: Json) => typeof input?.type === "string" && /_PUSH$/.test(input.type);
  const attached = new Set<string>();
  const channels: ChannelDeployment[] = of("aws_medialive_channel").map(([id, ch]) => {
    const enc = block(ch?.encoder_settings) ?? {};
    const videos = new Map<string, { height: number; bitrate: number }>();
    for (const v of list(enc.video_descriptions)) {
      const h264 = block(block(v?.codec_settings)?.h264_settings) ?? block(block(v?.codec_settings)?.h265_settings) ?? {};
      videos.set(String(v?.name), { height: num(v?.height, 720), bitrate: num(h264.bitrate, 3_000_000) });
    }
    const audioBps = Math.max(0, ...list(enc.audio_descriptions).map((a) => num(block(block(a?.codec_settings)?.aac_settings)?.bitrate, 0)));
    const outputs: Record<Resolution, number> = { SD: 0, HD: 0, UHD: 0 };
    const used = new Set<string>();
    let toMediaPackage = false;
    let toS3 = false;
    for (const group of list(enc.output_groups)) {
      const settings = block(group?.output_group_settings) ?? {};
      if (settings.media_package_group_settings) toMediaPackage = true;
      if (settings.hls_group_settings) toS3 = true;
      for (const out of list(group?.outputs)) {
        const video = videos.get(String(out?.video_description_name));
        if (!video) continue; // audio-only and data outputs: not priced as video encodes
        outputs[resolutionOf(video.height)] += 1;
        used.add(String(out.video_description_name));
      }
    }
    const renditionGbPerHour = [...used]
      .map((name) => videos.get(name) as { bitrate: number })
      .map((v) => ((v.bitrate + audioBps) * 3600) / 8 / 1e9)
      .sort((a, b) => b - a);
    let pushInputs = 0;
    for (const attachment of list(ch?.input_attachments)) {
      const ref = referenceOf(attachment?.input_id);
      if (!ref) continue;
      attached.add(ref.id);
      if (isPush(get(ref))) pushInputs += 1;
    }
    const spec = block(ch?.input_specification) ?? {};
    return {
      name: typeof ch?.name === "string" ? ch.name : id,
      class: (ch?.channel_class === "SINGLE_PIPELINE" ? "SINGLE_PIPELINE" : "STANDARD") as ChannelClass,
      inputResolution: (["SD", "HD", "UHD"].includes(spec.input_resolution) ? spec.input_resolution : "HD") as Resolution,
      outputs,
      renditionGbPerHour,
      pushInputs,
      toMediaPackage,
      toS3,
    };
  });
  const unattachedPushInputs = inputs.filter(([id, input]) => !attached.has(id) && isPush(input)).length;

  const cdnOriginatesFromMediaPackage = of("aws_cloudfront_distribution").some(([, d]) =>
    list(d?.origin).some((o) => typeof o?.domain_name === "string" && (/mediapackage/i.test(o.domain_name) || referencesIn(o.domain_name).some((r) => r.type === "aws_media_package_channel" || r.type === "aws_cloudformation_stack"))),
  );

  // WAF: web ACLs and their rules.
  const webAcls: WebAclDeployment[] = of("aws_wafv2_web_acl").map(([id, acl]) => ({
    name: typeof acl?.name === "string" ? acl.name : id,
    scope: acl?.scope === "CLOUDFRONT" ? "CLOUDFRONT" : "REGIONAL",
    rules: list(acl?.rule).length,
  }));

  // DNS: zones, DNSSEC, query logs; user-facing records answered by aliases are free to query.
  const userRecords = of("aws_route53_record").filter(([, r]) => typeof r?.name === "string" && !r.name.startsWith("_") && !r.name.startsWith("${") && ["A", "AAAA", "CNAME"].includes(r?.type));
  const aliasRecordShare = userRecords.length === 0 ? 1 : userRecords.filter(([, r]) => r?.alias !== undefined).length / userRecords.length;

  // Logs and lifecycles: the longest service log retention, access-log and live-segment expiries.
  const logGroups = of("aws_cloudwatch_log_group").map(([, g]) => ({ name: String(g?.name ?? ""), days: num(g?.retention_in_days, 0) }));
  const serviceLogs = logGroups.filter((g) => g.name.startsWith("/ecs/"));
  const logRetentionDays = Math.max(0, ...serviceLogs.map((g) => (g.days === 0 ? 3653 : g.days))) || 30;
  const expiryDays = (matcher: RegExp): number | undefined => {
    for (const [, lc] of of("aws_s3_bucket_lifecycle_configuration")) {
      const bucket = get(referenceOf(lc?.bucket));
      const names = `${typeof lc?.bucket === "string" ? lc.bucket : ""} ${typeof bucket?.bucket === "string" ? bucket.bucket : ""} ${referenceOf(lc?.bucket)?.id ?? ""}`;
      if (!matcher.test(names)) continue;
      const days = list(lc?.rule).map((r) => num(block(r?.expiration)?.days, NaN)).filter(Number.isFinite);
      if (days.length) return Math.min(...days);
    }
    return undefined;
  };

  const lambdaFunctions = of("aws_lambda_function").map(([id, fn]) => ({
    name: typeof fn?.function_name === "string" ? fn.function_name : id,
    architecture: (list(fn?.architectures).some((a) => a === "arm64") ? "arm" : "x86") as "x86" | "arm",
    memoryMb: num(fn?.memory_size, 128),
  }));

  const unpriced = Object.entries(resources)
    .filter(([type]) => !PRICED.has(type) && !FREE.has(type))
    .map(([type, byId]) => ({ type, count: Object.keys(byId ?? {}).length }))
    .sort((a, b) => a.type.localeCompare(b.type));

  return {
    source: options.source ?? { kind: "synth", stack: "unknown", file: "unknown" },
    region,
    services,
    scheduledTasks,
    scheduleInvocationsPerHour,
    loadBalancers,
    natGateways,
    publicIpv4Addresses,
    interfaceEndpoints,
    database,
    databaseClusters,
    channels,
    reconcile: reconcileTiming(of("aws_ecs_task_definition").map(([, task]) => task)),
    unattachedPushInputs,
    cdnOriginatesFromMediaPackage,
    alarms: of("aws_cloudwatch_metric_alarm").length,
    dashboards: of("aws_cloudwatch_dashboard").length,
    kmsKeys: of("aws_kms_key").length,
    secrets: of("aws_secretsmanager_secret").length + managedSecrets,
    webAcls,
    hostedZones: of("aws_route53_zone").length,
    keySigningKeys: of("aws_route53_key_signing_key").length,
    queryLogs: of("aws_route53_query_log").length,
    aliasRecordShare,
    lambdaFunctions,
    logRetentionDays,
    accessLogRetentionDays: expiryDays(/access-log|cdn-log/) ?? 90,
    hlsRetentionDays: expiryDays(/hls/) ?? 3,
    unpriced,
  };
}
