/**
 * What is deployed: the fixed-cost drivers of one environment (task sizes and floors by time of day,
 * load balancers, NAT gateways, public addresses, endpoints, database instances, the channel pool,
 * alarms, keys, secrets, WAF, DNS). The architecture model prices a `Deployment` together with the
 * scenario's usage. It comes either from the scenario's own fields (`deploymentFromScenario`) or
 * from a synthesized stack (`readDeployment` in stack-deployment.ts), as Infracost reads a plan.
 */
import type { ChannelClass, Resolution, Scenario } from "./scenario-defaults";
import { minuteOfDay } from "./scenario-defaults";
import { AURORA_SERVERLESS_CLASS } from "../contracts/database";

/** Tasks the scheduled scaling holds from `fromMinute` (minute of day) until the next entry. */
export interface FloorStep {
  readonly fromMinute: number;
  readonly minTasks: number;
}

/** How a service's tasks are split over capacity providers. */
export interface CapacityStrategyEntry {
  readonly provider: "FARGATE" | "FARGATE_SPOT";
  readonly weight: number;
  readonly base: number;
}

export interface ServiceDeployment {
  /** mentee, mentor, social (matched to the scenario's request shares), or the ECS service name. */
  readonly name: string;
  readonly vcpu: number;
  readonly memoryGb: number;
  readonly architecture: "x86" | "arm";
  readonly capacityStrategy: readonly CapacityStrategyEntry[];
  /** The autoscaling floor through the day (sorted by minute; the last step wraps past midnight). */
  readonly floorSchedule: readonly FloorStep[];
  readonly maxTasks: number;
}

/** A task run on a schedule (the every-minute `ops sessions reconcile`). */
export interface ScheduledTaskDeployment {
  readonly name: string;
  readonly runsPerHour: number;
  readonly vcpu: number;
  readonly memoryGb: number;
  readonly architecture: "x86" | "arm";
  readonly spot: boolean;
}

export interface DatabaseInstanceDeployment {
  readonly name: string;
  /** primary: the RDS primary or the Aurora writer; replica: an RDS read replica or an Aurora reader. */
  readonly role: "primary" | "replica";
  /** `postgres`: RDS for PostgreSQL with its own storage; `aurora-postgresql`: an instance of a cluster, whose volume is billed once (databaseClusters). */
  readonly engine: "postgres" | "aurora-postgresql";
  readonly instanceClass: string;
  /** RDS Multi-AZ: a standby billed as a second instance (never on Aurora). */
  readonly multiAz: boolean;
  /** RDS: the instance's own storage in GB. Aurora: 0. */
  readonly storageGb: number;
  /** RDS: gp2, gp3 ... Aurora: `aurora`. */
  readonly storageType: string;
  /** db.serverless (Aurora Serverless v2): the cluster's capacity range, billed per ACU-hour. */
  readonly acu?: { readonly min: number; readonly max: number };
}

/** An Aurora cluster's volume: one per cluster whatever its instances, billed per GB-month of data and (Aurora Standard) per I/O request. */
export interface DatabaseClusterDeployment {
  readonly name: string;
  /** `aurora` (Aurora Standard) or `aurora-iopt1` (I/O-Optimized: no I/O charge, dearer instances and storage; priced as Standard here). */
  readonly storageType: string;
}

export interface ChannelDeployment {
  readonly name: string;
  readonly class: ChannelClass;
  readonly inputResolution: Resolution;
  /** Encoded outputs by resolution, every output group counted (MediaLive bills each encode). */
  readonly outputs: Readonly<Record<Resolution, number>>;
  /** GB per hour of each distinct rendition (video + audio), top first. */
  readonly renditionGbPerHour: readonly number[];
  /** Push inputs attached to the channel. */
  readonly pushInputs: number;
  /** Sends its renditions to MediaPackage (ingest billed). */
  readonly toMediaPackage: boolean;
  /** Writes HLS to S3 (PUTs and short-lived storage billed). */
  readonly toS3: boolean;
}

export interface WebAclDeployment {
  readonly name: string;
  readonly scope: "REGIONAL" | "CLOUDFRONT";
  /** Rules and rule groups in the web ACL (each billed monthly). */
  readonly rules: number;
}

/** A resource type found in the stack that may cost money and that the model does not price. */
export interface UnpricedResource {
  readonly type: string;
  readonly count: number;
}

export type DeploymentSource =
  | { readonly kind: "scenario" }
  | { readonly kind: "synth"; readonly stack: string; readonly file: string };

export interface Deployment {
  readonly source: DeploymentSource;
  /** AWS region of the stack's default provider (null: the scenario's, unstated). */
  readonly region: string | null;
  readonly services: readonly ServiceDeployment[];
  readonly scheduledTasks: readonly ScheduledTaskDeployment[];
  /** EventBridge Scheduler schedules and their runs per hour (invocations). */
  readonly scheduleInvocationsPerHour: number;
  /** Application load balancers and the AZs (public addresses) of each internet-facing one. */
  readonly loadBalancers: readonly { readonly name: string; readonly internetFacing: boolean; readonly azs: number }[];
  readonly natGateways: number;
  /** Elastic IPs plus one address per AZ of each internet-facing load balancer. */
  readonly publicIpv4Addresses: number;
  readonly interfaceEndpoints: readonly { readonly service: string; readonly azs: number }[];
  readonly database: readonly DatabaseInstanceDeployment[];
  readonly databaseClusters: readonly DatabaseClusterDeployment[];
  readonly channels: readonly ChannelDeployment[];
  /**
   * Lead and grace of the reconcile task that runs the channels (its `--lead`/`--grace` flags): how
   * long a channel runs around each session. Absent when the stack has no such task or the scenario
   * describes the deployment (the scenario's channel.leadMinutes/graceMinutes apply).
   */
  readonly reconcile?: { readonly leadMinutes: number; readonly graceMinutes: number };
  /** Push inputs attached to no channel (idle all month). */
  readonly unattachedPushInputs: number;
  /** CloudFront fetches from MediaPackage (origination billed) rather than S3. */
  readonly cdnOriginatesFromMediaPackage: boolean;
  readonly alarms: number;
  readonly dashboards: number;
  readonly kmsKeys: number;
  readonly secrets: number;
  readonly webAcls: readonly WebAclDeployment[];
  readonly hostedZones: number;
  /** Route 53 DNSSEC key-signing keys (their KMS key is counted in kmsKeys). */
  readonly keySigningKeys: number;
  /** Route 53 query logging configurations (ingested into CloudWatch Logs in us-east-1). */
  readonly queryLogs: number;
  /** Share of user-facing DNS records that are aliases to AWS resources (queries free). */
  readonly aliasRecordShare: number;
  readonly lambdaFunctions: readonly { readonly name: string; readonly architecture: "x86" | "arm"; readonly memoryMb: number }[];
  readonly logRetentionDays: number;
  readonly accessLogRetentionDays: number;
  readonly hlsRetentionDays: number;
  readonly unpriced: readonly UnpricedResource[];
}

/** Floor schedule of a service scaled up `lead` minutes before a window and down at its end. */
export function windowFloors(start: string, end: string, leadMinutes: number, offPeak: number, prime: number): FloorStep[] {
  const up = (((minuteOfDay(start) - leadMinutes) % 1440) + 1440) % 1440;
  const down = minuteOfDay(end);
  return [
    { fromMinute: up, minTasks: Math.max(prime, offPeak) },
    { fromMinute: down, minTasks: offPeak },
  ].sort((a, b) => a.fromMinute - b.fromMinute);
}

/** The floor in force at a minute of the day (the last step before it, wrapping past midnight). */
export function floorAt(schedule: readonly FloorStep[], minute: number): number {
  if (schedule.length === 0) return 0;
  let current = schedule[schedule.length - 1].minTasks;
  for (const step of schedule) if (step.fromMinute <= minute) current = step.minTasks;
  return current;
}

/** Hours a day each floor is held, e.g. { 3: 2.25, 1: 21.75 }. */
export function floorHours(schedule: readonly FloorStep[]): Map<number, number> {
  const minutes = new Map<number, number>();
  for (let m = 0; m < 1440; m++) {
    const f = floorAt(schedule, m);
    minutes.set(f, (minutes.get(f) ?? 0) + 1);
  }
  return new Map([...minutes].map(([f, n]) => [f, n / 60]));
}

const SERVICE_NAMES = ["mentee", "mentor", "social"] as const;

/** The deployment a scenario describes in its own fields (prod as deployed, by default). */
export function deploymentFromScenario(s: Scenario): Deployment {
  const db = s.database;
  const serverless = (instanceClass: string) => (instanceClass === AURORA_SERVERLESS_CLASS ? { acu: { min: db.serverlessMinAcu, max: db.serverlessMinAcu } } : {});
  const ch = s.channel;
  const o = s.operations;
  const channel = (i: number): ChannelDeployment => ({
    name: `channel-${i}`,
    class: ch.class,
    inputResolution: ch.inputResolution,
    outputs: ch.outputsPerChannel,
    renditionGbPerHour: s.video.renditions.map((r) => r.gbPerHour),
    pushInputs: 1,
    toMediaPackage: true,
    toS3: true,
  });
  return {
    source: { kind: "scenario" },
    region: null,
    services: SERVICE_NAMES.map((name) => {
      const svc = s.services[name];
      return {
        name,
        vcpu: svc.vcpu,
        memoryGb: svc.memoryGb,
        architecture: s.services.architecture,
        capacityStrategy:
          svc.spotShare >= 1
            ? [{ provider: "FARGATE_SPOT", weight: 1, base: 0 }]
            : svc.spotShare <= 0
              ? [{ provider: "FARGATE", weight: 1, base: 0 }]
              : [
                  { provider: "FARGATE", weight: 1 - svc.spotShare, base: 0 },
                  { provider: "FARGATE_SPOT", weight: svc.spotShare, base: 0 },
                ],
        floorSchedule: windowFloors(s.primeTime.start, s.primeTime.end, s.primeTime.scalingLeadMinutes, svc.minTasks, svc.primeTimeMinTasks),
        maxTasks: Math.max(svc.primeTimeMinTasks, svc.minTasks) * 2,
      };
    }),
    scheduledTasks:
      o.reconcileRunsPerHour > 0
        ? [{ name: "ops-reconcile", runsPerHour: o.reconcileRunsPerHour, vcpu: o.reconcileVcpu, memoryGb: o.reconcileMemoryGb, architecture: "x86", spot: false }]
        : [],
    scheduleInvocationsPerHour: o.reconcileRunsPerHour,
    loadBalancers: [{ name: "api", internetFacing: true, azs: s.network.endpointAzs }],
    natGateways: s.network.natGateways,
    publicIpv4Addresses: s.network.publicIpv4Addresses,
    interfaceEndpoints: Array.from({ length: s.network.interfaceEndpoints }, (_, i) => ({ service: `endpoint-${i + 1}`, azs: s.network.endpointAzs })),
    // An Aurora cluster as deployed: a writer and its readers on one volume.
    database: [
      { name: "writer", role: "primary", engine: "aurora-postgresql", instanceClass: db.instanceClass, multiAz: false, storageGb: 0, storageType: "aurora", ...serverless(db.instanceClass) },
      ...Array.from({ length: db.replicas }, (_, i): DatabaseInstanceDeployment => ({
        name: `reader-${i + 1}`,
        role: "replica",
        engine: "aurora-postgresql",
        instanceClass: db.replicaInstanceClass,
        multiAz: false,
        storageGb: 0,
        storageType: "aurora",
        ...serverless(db.replicaInstanceClass),
      })),
    ],
    databaseClusters: [{ name: "cluster", storageType: "aurora" }],
    channels: Array.from({ length: ch.poolSize }, (_, i) => channel(i)),
    unattachedPushInputs: 0,
    cdnOriginatesFromMediaPackage: false,
    alarms: o.alarms,
    dashboards: o.dashboards,
    kmsKeys: o.kmsKeys,
    secrets: o.secrets,
    webAcls: [],
    hostedZones: s.dns.hostedZones,
    keySigningKeys: 0,
    queryLogs: 0,
    aliasRecordShare: s.dns.aliasQueryShare,
    lambdaFunctions: [{ name: "recording-indexer", architecture: "arm", memoryMb: s.messaging.lambdaMemoryMb }],
    logRetentionDays: o.logRetentionDays,
    accessLogRetentionDays: o.accessLogRetentionDays,
    hlsRetentionDays: o.hlsRetentionDays,
    unpriced: [],
  };
}
