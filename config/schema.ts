import { z } from "zod";
import { S3_BUCKET_NAME } from "../contracts/storage";
import { isHostName } from "../lib/host-name";
import { mediaSchema } from "./sections/media";
import { budgetSchema } from "./sections/budget";
import { reconcileSchema } from "./sections/reconcile";
import { notificationsSchema } from "./sections/notifications";
import { imagePipelineSchema } from "./sections/image-pipeline";
import { awsRegion } from "./region";
import { wafSchema } from "./sections/waf";
import { recordingIndexerSchema } from "./sections/recording-indexer";
import { databaseSchema } from "./sections/database";
import { logRetentionDays } from "./log-retention";
import { DEFAULT_REGION } from "../contracts";
import { DEFAULT_DNS_SETTINGS, DEFAULT_NETWORK_SETTINGS, DEFAULT_SERVICES_SETTINGS } from "../contracts/settings-defaults";
import { containerImage, extraTags, networkCidr } from "./fields";

/**
 * The typed, validated configuration of one environment. Every field has a default that suits a
 * small production-like deployment; `config/environments/<env>.json` overrides what differs.
 * Where a field is also a construct's prop, config and construct share its default (contracts/settings-defaults.ts).
 * Secrets never live here: only Secrets Manager ARNs that point at them.
 */

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "expected a 24-hour time HH:MM, e.g. 18:00");
const dnsName = z.string().refine(isHostName, "expected a lower-case DNS name such as dev.example.com");

/** Fargate accepts only these CPU units; memory must fit the CPU (checked below). */
const FARGATE_MEMORY: Record<number, [number, number]> = {
  256: [512, 2048],
  512: [1024, 4096],
  1024: [2048, 8192],
  2048: [4096, 16384],
  4096: [8192, 30720],
};

export const serviceSchema = z
  .strictObject({
    /** Container image reference (ECR URI with tag or digest). */
    image: containerImage,
    /** Fargate CPU units. */
    cpu: z.union([z.literal(256), z.literal(512), z.literal(1024), z.literal(2048), z.literal(4096)]).default(512),
    /** Fargate memory in MiB; must fit the CPU size. */
    memory: z.number().int().default(1024),
    containerPort: z.number().int().min(1).max(65535).default(8080),
    healthCheckPath: z.string().startsWith("/").default("/health"),
    /** Tasks outside prime time. */
    minTasks: z.number().int().min(1).default(1),
    desiredTasks: z.number().int().min(1).default(1),
    maxTasks: z.number().int().min(1).default(4),
    /** Capacity held from just before the prime-time window until it ends (the design's 3-5 tasks). */
    primeTimeMinTasks: z.number().int().min(1).default(3),
    primeTimeMaxTasks: z.number().int().min(1).default(5),
    /** Target-tracking goals. */
    targetCpuPercent: z.number().min(10).max(90).default(60),
    targetRequestsPerTarget: z.number().int().min(10).default(1000),
    /** Requests per second one task serves at the target CPU; the forecast sizes tasks with it. */
    requestsPerSecondPerTask: z.number().positive().default(50),
  })
  .superRefine((s, ctx) => {
    const range = FARGATE_MEMORY[s.cpu];
    const inSteps = s.memory % 1024 === 0 || s.memory === 512;
    if (range && (s.memory < range[0] || s.memory > range[1] || !inSteps)) {
      ctx.addIssue({ code: "custom", path: ["memory"], message: `memory ${s.memory} MiB does not fit cpu ${s.cpu}: allowed ${range[0]}-${range[1]} MiB in 1024 MiB steps` });
    }
    if (!(s.minTasks <= s.desiredTasks && s.desiredTasks <= s.maxTasks)) {
      ctx.addIssue({ code: "custom", path: ["desiredTasks"], message: `expected minTasks <= desiredTasks <= maxTasks, got ${s.minTasks} <= ${s.desiredTasks} <= ${s.maxTasks}` });
    }
    if (s.primeTimeMinTasks > s.primeTimeMaxTasks) {
      ctx.addIssue({ code: "custom", path: ["primeTimeMinTasks"], message: `primeTimeMinTasks (${s.primeTimeMinTasks}) must not exceed primeTimeMaxTasks (${s.primeTimeMaxTasks})` });
    }
  });

export const environmentSchema = z
  .strictObject({
    /** Environment name; stacks are called livestream-<name>. */
    name: z.string().regex(/^[a-z][a-z0-9-]{1,15}$/, "expected 2-16 lower-case letters, digits or dashes"),
    /** The AWS account this environment deploys to; the provider refuses any other. */
    accountId: z.string().regex(/^\d{12}$/, "expected a 12-digit AWS account id"),
    /** An AWS commercial region (contracts/aws-regions.ts). */
    region: awsRegion.default(DEFAULT_REGION),
    /** Resilience profile: prod turns on deletion protection and requires a database reader and 3 AZs. */
    tier: z.enum(["dev", "prod"]),
    dns: z.strictObject({
      /** Hosted zone name, e.g. dev.mentoring.example.com. */
      zoneName: dnsName,
      /** Id of an existing Route 53 hosted zone for zoneName; a new zone is created when absent. */
      existingZoneId: z.string().regex(/^Z[A-Z0-9]{4,32}$/, "expected a Route 53 hosted zone id such as Z0123456789ABC").optional(),
      /** Label of the API name inside the zone. */
      apiRecord: z.string().regex(/^[a-z0-9-]+$/).default(DEFAULT_DNS_SETTINGS.apiRecord),
      /** Label of the media (CloudFront) name inside the zone. */
      mediaRecord: z.string().regex(/^[a-z0-9-]+$/).default(DEFAULT_DNS_SETTINGS.mediaRecord),
    }),
    network: z
      .strictObject({
        cidr: networkCidr.refine((c) => { const p = Number(c.split("/")[1]); return p >= 16 && p <= 20; }, "expected a /16 to /20 block, e.g. 10.20.0.0/16"),
        azCount: z.number().int().min(2, "at least 2 AZs: the ALB and RDS subnet groups need two").max(3).default(DEFAULT_NETWORK_SETTINGS.azCount),
        /** Availability zone names; defaults to <region>a, b, c cut to azCount. */
        availabilityZones: z.array(z.string().regex(/^[a-z]{2}(-[a-z]+)+-\d[a-z]$/)).optional(),
        /** One NAT gateway for the VPC (cheap) or one per AZ (survives an AZ loss). */
        natGateways: z.enum(["single", "per-az"]).default(DEFAULT_NETWORK_SETTINGS.natGateways),
        flowLogRetentionDays: logRetentionDays.default(DEFAULT_NETWORK_SETTINGS.flowLogRetentionDays),
      })
      .superRefine((n, ctx) => {
        if (n.availabilityZones && n.availabilityZones.length !== n.azCount) {
          ctx.addIssue({ code: "custom", path: ["availabilityZones"], message: `lists ${n.availabilityZones.length} zones but azCount is ${n.azCount}` });
        }
      }),
    services: z.strictObject({
      mentee: serviceSchema,
      mentor: serviceSchema,
      social: serviceSchema,
      /** FARGATE_SPOT is cheap and can be interrupted: for dev. */
      capacityProvider: z.enum(["FARGATE", "FARGATE_SPOT"]).default(DEFAULT_SERVICES_SETTINGS.capacityProvider),
      logRetentionDays: logRetentionDays.default(DEFAULT_SERVICES_SETTINGS.logRetentionDays),
    }),
    primeTime: z
      .strictObject({
        timezone: z.string().default("Asia/Singapore"),
        start: hhmm.default("18:00"),
        end: hhmm.default("20:00"),
        /** Minutes before the window that capacity is raised, so tasks are warm when users arrive. */
        leadMinutes: z.number().int().min(0).max(120).default(15),
      })
      .superRefine((p, ctx) => {
        try {
          new Intl.DateTimeFormat("en-US", { timeZone: p.timezone });
        } catch {
          ctx.addIssue({ code: "custom", path: ["timezone"], message: `unknown IANA time zone '${p.timezone}', e.g. Asia/Singapore` });
        }
        if (p.start >= p.end) ctx.addIssue({ code: "custom", path: ["end"], message: `window must end after it starts (${p.start}-${p.end}); windows across midnight are not supported` });
      })
      .prefault({}),
    database: databaseSchema,
    alarms: z.strictObject({
      /** Where alarm notifications are e-mailed (the subscription must be confirmed once). */
      email: z.email("expected an e-mail address for alarm notifications"),
    }),
    notifications: notificationsSchema,
    state: z.strictObject({
      /** S3 bucket holding Terraform state (created by the bootstrap stack). */
      bucket: z.string().regex(S3_BUCKET_NAME, "expected an S3 bucket name"),
      /** Region of the state bucket; defaults to the environment's region. */
      region: awsRegion.optional(),
    }),
    media: mediaSchema,
    budget: budgetSchema,
    reconcile: reconcileSchema,
    imagePipeline: imagePipelineSchema.optional(),
    waf: wafSchema,
    recordingIndexer: recordingIndexerSchema,
    /** Extra tags on every resource. */
    tags: extraTags.default({}),
  })
  .superRefine((e, ctx) => {
    if (e.tier === "prod" && e.database.readers < 1) {
      ctx.addIssue({ code: "custom", path: ["database", "readers"], message: "prod must keep a reader in another AZ to fail over to (set database.readers to 1 or more)" });
    }
    if (e.tier === "prod" && e.network.azCount < 3) {
      ctx.addIssue({ code: "custom", path: ["network", "azCount"], message: "prod must span 3 AZs (set network.azCount to 3)" });
    }
  });

export type EnvironmentConfig = z.output<typeof environmentSchema>;
