import { isLogRetentionDays, LOG_RETENTION_DAYS } from "../../contracts";
import type { DatabaseProps } from "./props";
const INSTANCE_CLASS = /^db\.[a-z0-9]+\.[a-z0-9]+$/;
const DAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];

/** Props with defaults applied. */
export type ResolvedDatabaseProps = Required<Omit<DatabaseProps, "replicaInstanceClass">> & { readonly replicaInstanceClass: string };

/** Minutes since 00:00 of an HH:MM string, or undefined. */
function minutes(hhmm: string): number | undefined {
  const m = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(hhmm);
  return m ? Number(m[1]) * 60 + Number(m[2]) : undefined;
}

/** Throws naming the prop when a value or combination RDS would reject (or that defeats the design). */
export function validateDatabaseProps(p: ResolvedDatabaseProps): void {
  const fail = (message: string): never => {
    throw new Error(`Database: ${message}`);
  };
  const replicaIdentifier = `${p.namePrefix}-postgres-replica`;
  if (!/^[a-z][a-z0-9-]*$/.test(p.namePrefix) || p.namePrefix.includes("--") || replicaIdentifier.length > 63) {
    fail(`namePrefix '${p.namePrefix}' must be lower-case letters, digits and single dashes, starting with a letter, at most ${63 - "-postgres-replica".length} characters`);
  }
  const version = /^(\d+)(\.\d+)?$/.exec(p.engineVersion);
  if (!version || Number(version[1]) < 13) fail(`engineVersion '${p.engineVersion}' must be a PostgreSQL version 13 or later, e.g. "16" or "16.4"`);
  if (!INSTANCE_CLASS.test(p.instanceClass)) fail(`instanceClass '${p.instanceClass}' must be an RDS class such as db.t4g.medium`);
  if (!INSTANCE_CLASS.test(p.replicaInstanceClass)) fail(`replicaInstanceClass '${p.replicaInstanceClass}' must be an RDS class such as db.t4g.medium`);
  if (!Number.isInteger(p.allocatedStorageGb) || p.allocatedStorageGb < 20 || p.allocatedStorageGb > 65536) {
    fail(`allocatedStorageGb must be 20 to 65536 (gp3), got ${p.allocatedStorageGb}`);
  }
  if (!Number.isInteger(p.maxAllocatedStorageGb) || p.maxAllocatedStorageGb < p.allocatedStorageGb || p.maxAllocatedStorageGb > 65536) {
    fail(`maxAllocatedStorageGb (${p.maxAllocatedStorageGb}) must be at least allocatedStorageGb (${p.allocatedStorageGb}) and at most 65536`);
  }
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
