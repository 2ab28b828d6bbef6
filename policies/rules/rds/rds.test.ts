import { DbInstance, type DbInstanceConfig } from "@cdktf/provider-aws/lib/db-instance";
import { DbParameterGroup } from "@cdktf/provider-aws/lib/db-parameter-group";
import type { TerraformStack } from "cdktf";
import { findingsOf, requireBothOutcomes } from "../../testing";
import type { Rule } from "../../engine/types";
import { storageEncryption } from "./storage-encryption";
import { multiAz } from "./multi-az";
import { backupRetention } from "./backup-retention";
import { databaseDeletionProtection } from "./deletion-protection";
import { iamAuthentication } from "./iam-authentication";
import { notPubliclyAccessible } from "./not-publicly-accessible";
import { performanceInsights } from "./performance-insights";
import { enhancedMonitoring } from "./enhanced-monitoring";
import { minorVersionUpgrade } from "./minor-version-upgrade";
import { logExports } from "./log-exports";
import { forceSsl } from "./force-ssl";

const good: DbInstanceConfig = {
  identifier: "db",
  engine: "postgres",
  engineVersion: "16",
  instanceClass: "db.t4g.medium",
  allocatedStorage: 20,
  storageEncrypted: true,
  multiAz: true,
  backupRetentionPeriod: 7,
  deletionProtection: true,
  iamDatabaseAuthenticationEnabled: true,
  publiclyAccessible: false,
  performanceInsightsEnabled: true,
  monitoringInterval: 60,
  monitoringRoleArn: "arn:aws:iam::111111111111:role/rds-monitoring",
  enabledCloudwatchLogsExports: ["postgresql", "upgrade"],
};
const db = (s: TerraformStack, change: Partial<DbInstanceConfig> = {}) => new DbInstance(s, "db", { ...good, ...change });

const cases: [Rule, Partial<DbInstanceConfig>][] = [
  [storageEncryption, { storageEncrypted: false }],
  [multiAz, { multiAz: false }],
  [backupRetention, { backupRetentionPeriod: 3 }],
  [databaseDeletionProtection, { deletionProtection: false }],
  [iamAuthentication, { iamDatabaseAuthenticationEnabled: false }],
  [notPubliclyAccessible, { publiclyAccessible: true }],
  [performanceInsights, { performanceInsightsEnabled: false }],
  [enhancedMonitoring, { monitoringInterval: 0 }],
  [minorVersionUpgrade, { autoMinorVersionUpgrade: false }],
  [logExports, { enabledCloudwatchLogsExports: ["upgrade"] }],
  [forceSsl, { engineVersion: "14" }],
];

describe.each(cases)("%s", (rule, broken) => {
  test(`${rule.id} passes on a compliant instance`, () => expect(findingsOf(rule, (s) => void db(s))).toEqual([]));
  test(`${rule.id} fires on ${JSON.stringify(broken)}`, () => expect(findingsOf(rule, (s) => void db(s, broken))).toHaveLength(1));
});

test("prod-only rules (Multi-AZ, deletion protection) do not fire in dev", () => {
  expect(findingsOf(multiAz, (s) => void db(s, { multiAz: false }), "dev")).toEqual([]);
  expect(findingsOf(databaseDeletionProtection, (s) => void db(s, { deletionProtection: false }), "dev")).toEqual([]);
});

test("a read replica inherits encryption and needs no backups or Multi-AZ of its own", () => {
  const build = (s: TerraformStack) => {
    const primary = db(s);
    new DbInstance(s, "replica", { identifier: "replica", instanceClass: "db.t4g.medium", replicateSourceDb: primary.identifier });
  };
  for (const rule of [storageEncryption, backupRetention, multiAz]) expect(findingsOf(rule, build)).toEqual([]);
});

describe("LS-RDS-011 force SSL through a parameter group", () => {
  test("passes on PostgreSQL 14 with rds.force_ssl = 1", () => {
    expect(findingsOf(forceSsl, (s) => {
      const pg = new DbParameterGroup(s, "pg", { family: "postgres14", parameter: [{ name: "rds.force_ssl", value: "1" }] });
      db(s, { engineVersion: "14", parameterGroupName: pg.name });
    })).toEqual([]);
  });
  test("fires when a custom group turns it off, even on PostgreSQL 16", () => {
    const f = findingsOf(forceSsl, (s) => {
      const pg = new DbParameterGroup(s, "pg", { family: "postgres16", parameter: [{ name: "rds.force_ssl", value: "0" }] });
      db(s, { parameterGroupName: pg.name });
    });
    expect(f[0].message).toMatch(/rds.force_ssl = 0/);
  });
});

requireBothOutcomes([storageEncryption, multiAz, backupRetention, databaseDeletionProtection, iamAuthentication, notPubliclyAccessible, performanceInsights, enhancedMonitoring, minorVersionUpgrade, logExports, forceSsl]);
