import { z } from "zod";
import { AURORA_SERVERLESS_CLASS, isAuroraInstanceClass, MIN_POSTGRES_MAJOR } from "../../contracts/database";
import { DEFAULT_DATABASE_SETTINGS } from "../../contracts/settings-defaults";

const DEFAULTS = DEFAULT_DATABASE_SETTINGS;

const instanceClass = z
  .string()
  .refine(isAuroraInstanceClass, `expected an Aurora PostgreSQL class: ${AURORA_SERVERLESS_CLASS}, db.t4g.medium or larger, or a db.r* class (Aurora offers no db.m* and nothing smaller than medium)`);
const acu = z.number().multipleOf(0.5, "expected ACUs in steps of 0.5").max(256);

/**
 * The Aurora PostgreSQL cluster (constructs/database): a writer and `readers` Aurora Replicas in other
 * AZs, on one cluster volume that grows by itself (no storage to allocate). db.serverless instances
 * (Aurora Serverless v2) scale within `serverless`; provisioned ones have the class's fixed size.
 */
export const databaseSchema = z
  .strictObject({
    /** Aurora PostgreSQL version as major.minor (the pin is raised after AWS applies a minor upgrade: docs/operations.md). */
    engineVersion: z
      .string()
      .regex(/^\d+\.\d+$/, "expected an Aurora PostgreSQL version as major.minor, e.g. 16.9")
      .refine((v) => Number(v.split(".")[0]) >= MIN_POSTGRES_MAJOR, `expected PostgreSQL ${MIN_POSTGRES_MAJOR} or later`)
      .default(DEFAULTS.engineVersion),
    /** Writer class. */
    instanceClass: instanceClass.default(DEFAULTS.instanceClass),
    /** Reader class; the writer's when left out. */
    readerInstanceClass: instanceClass.optional(),
    /** Aurora Replicas: serve the reader endpoint and take over when the writer fails. 0: reads go to the writer. */
    readers: z.number().int().min(0).max(15).default(DEFAULTS.readers),
    /** Capacity range of db.serverless instances in ACUs (one ACU is about 2 GiB of memory). */
    serverless: z
      .strictObject({
        /** 0.5 or more: the every-minute reconcile pass would keep a 0-ACU (auto-pausing) instance awake anyway. */
        minAcu: acu.min(0.5, "expected at least 0.5 ACU").default(DEFAULTS.serverless.minAcu),
        maxAcu: acu.min(1, "expected at least 1 ACU").default(DEFAULTS.serverless.maxAcu),
      })
      .superRefine((s, ctx) => {
        if (s.maxAcu < s.minAcu) ctx.addIssue({ code: "custom", path: ["maxAcu"], message: `must be at least minAcu (${s.minAcu})` });
      })
      .prefault({}),
    backupRetentionDays: z.number().int().min(7, "at least 7 days of backups").max(35).default(DEFAULTS.backupRetentionDays),
    databaseName: z.string().regex(/^[a-z][a-z0-9_]{0,62}$/).default(DEFAULTS.databaseName),
  })
  .prefault({});
