import { isAuroraInstanceClass, isLogRetentionDays, LOG_RETENTION_DAYS, MIN_POSTGRES_MAJOR } from "../../contracts";
import type { DatabaseProps, ServerlessCapacity } from "./props";

const DAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];
/** Longest name suffix the construct adds to namePrefix (the final snapshot's); RDS identifiers have 63 characters at most. */
const LONGEST_SUFFIX = "-postgres-final";
const MAX_PREFIX = 63 - LONGEST_SUFFIX.length;
/** Aurora Serverless v2 capacity bounds (RDS API Reference, "ServerlessV2ScalingConfiguration"). */
const MAX_ACU = 256;

/** Props with defaults applied. */
export type ResolvedDatabaseProps = Required<Omit<DatabaseProps, "readerInstanceClass" | "availabilityZones">> & {
  readonly readerInstanceClass: string;
  readonly availabilityZones?: string[];
  readonly serverless: ServerlessCapacity;
};

/** Minutes since 00:00 of an HH:MM string, or undefined. */
function minutes(hhmm: string): number | undefined {
  const m = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(hhmm);
  return m ? Number(m[1]) * 60 + Number(m[2]) : undefined;
}

/** Throws naming the prop when a value or combination AWS would reject (or that defeats the design). */
export function validateDatabaseProps(p: ResolvedDatabaseProps): void {
  const fail = (message: string): never => {
    throw new Error(`Database: ${message}`);
  };
  if (!/^[a-z][a-z0-9-]*$/.test(p.namePrefix) || p.namePrefix.includes("--") || p.namePrefix.endsWith("-") || p.namePrefix.length > MAX_PREFIX) {
    fail(`namePrefix '${p.namePrefix}' must be lower-case letters, digits and single dashes, starting with a letter, at most ${MAX_PREFIX} characters`);
  }
  const version = /^(\d+)\.(\d+)$/.exec(p.engineVersion);
  if (!version || Number(version[1]) < MIN_POSTGRES_MAJOR) {
    fail(`engineVersion '${p.engineVersion}' must be an Aurora PostgreSQL version ${MIN_POSTGRES_MAJOR} or later as major.minor, e.g. "16.9"`);
  }
  for (const [prop, cls] of [["instanceClass", p.instanceClass], ["readerInstanceClass", p.readerInstanceClass]] as const) {
    if (!isAuroraInstanceClass(cls)) fail(`${prop} '${cls}' is not an Aurora PostgreSQL class: use db.serverless, db.t4g.medium or larger, or a db.r* class (Aurora offers no db.m* and nothing smaller than medium)`);
  }
  if (!Number.isInteger(p.readers) || p.readers < 0 || p.readers > 15) fail(`readers must be a whole number 0 to 15 (Aurora Replicas per cluster), got ${p.readers}`);
  const { minAcu, maxAcu } = p.serverless;
  const halfStep = (n: number) => Number.isInteger(n * 2);
  if (!halfStep(minAcu) || minAcu < 0.5 || minAcu > MAX_ACU) fail(`serverless.minAcu must be 0.5 to ${MAX_ACU} in steps of 0.5, got ${minAcu}`);
  if (!halfStep(maxAcu) || maxAcu < 1 || maxAcu > MAX_ACU || maxAcu < minAcu) fail(`serverless.maxAcu must be 1 to ${MAX_ACU} in steps of 0.5 and at least serverless.minAcu (${minAcu}), got ${maxAcu}`);
  if (p.availabilityZones && new Set(p.availabilityZones).size < 2) fail(`availabilityZones must name at least 2 different AZs (the reader goes in another one than the writer), got ${p.availabilityZones.length}`);
  if (!Number.isInteger(p.backupRetentionDays) || p.backupRetentionDays < 7 || p.backupRetentionDays > 35) {
    fail(`backupRetentionDays must be 7 to 35, got ${p.backupRetentionDays}`);
  }
  if (!/^[a-z][a-z0-9_]{0,62}$/.test(p.databaseName)) fail(`databaseName '${p.databaseName}' must be 1-63 lower-case letters, digits or '_', starting with a letter`);
  if (!/^[a-z][a-z0-9_]{0,62}$/.test(p.masterUsername) || ["rdsadmin", "rdsrepladmin", "postgres"].includes(p.masterUsername)) {
    fail(`masterUsername '${p.masterUsername}' must be 1-63 lower-case letters, digits or '_', starting with a letter, and not a reserved name`);
  }
  if (p.subnetIds.length < 2) fail(`subnetIds must list subnets in at least 2 AZs (an RDS subnet group needs two), got ${p.subnetIds.length}`);
  if (!Number.isInteger(p.slowStatementMs) || p.slowStatementMs < -1) fail(`slowStatementMs must be a whole number of milliseconds (-1 turns logging off), got ${p.slowStatementMs}`);
  if (!isLogRetentionDays(p.logRetentionDays)) fail(`logRetentionDays ${p.logRetentionDays} is not a CloudWatch Logs retention; use one of ${LOG_RETENTION_DAYS.join(", ")}`);

  // Windows: backup daily "hh:mm-hh:mm", maintenance weekly "ddd:hh:mm-ddd:hh:mm", both UTC, 30 min or more.
  const backup = /^(\d\d:\d\d)-(\d\d:\d\d)$/.exec(p.backupWindow);
  const backupStart = backup ? minutes(backup[1]) : undefined;
  const backupEnd = backup ? minutes(backup[2]) : undefined;
  if (backupStart === undefined || backupEnd === undefined) fail(`backupWindow '${p.backupWindow}' must be "hh:mm-hh:mm" in UTC, e.g. "19:00-20:00"`);
  const backupLength = (((backupEnd as number) - (backupStart as number)) + 1440) % 1440;
  if (backupLength < 30) fail(`backupWindow '${p.backupWindow}' must last at least 30 minutes`);
  const maint = /^([a-z]{3}):(\d\d:\d\d)-([a-z]{3}):(\d\d:\d\d)$/.exec(p.maintenanceWindow);
  const maintStart = maint && DAYS.includes(maint[1]) ? minutes(maint[2]) : undefined;
  const maintEnd = maint && DAYS.includes(maint[3]) ? minutes(maint[4]) : undefined;
  if (!maint || maintStart === undefined || maintEnd === undefined) {
    fail(`maintenanceWindow '${p.maintenanceWindow}' must be "ddd:hh:mm-ddd:hh:mm" in UTC, e.g. "sun:20:30-sun:21:30"`);
  }
  const m = maint as RegExpExecArray;
  const week = 7 * 1440;
  const weekStart = DAYS.indexOf(m[1]) * 1440 + (maintStart as number);
  const maintLength = ((DAYS.indexOf(m[3]) * 1440 + (maintEnd as number) - weekStart) + week) % week;
  if (maintLength < 30) fail(`maintenanceWindow '${p.maintenanceWindow}' must last at least 30 minutes`);
  // The daily backup window recurs on every day; it must not touch the weekly maintenance window.
  for (let day = -1; day <= 7; day++) {
    const bStart = day * 1440 + (backupStart as number);
    const bEnd = bStart + backupLength;
    if (bStart < weekStart + maintLength && weekStart < bEnd) fail(`backupWindow '${p.backupWindow}' overlaps maintenanceWindow '${p.maintenanceWindow}'`);
  }
}
