import { DbInstance, type DbInstanceConfig } from "@cdktf/provider-aws/lib/db-instance";
import { DbParameterGroup } from "@cdktf/provider-aws/lib/db-parameter-group";
import { RdsCluster, type RdsClusterConfig } from "@cdktf/provider-aws/lib/rds-cluster";
import { RdsClusterInstance, type RdsClusterInstanceConfig } from "@cdktf/provider-aws/lib/rds-cluster-instance";
import { RdsClusterParameterGroup } from "@cdktf/provider-aws/lib/rds-cluster-parameter-group";
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

describe("Aurora: the cluster and its instances", () => {
  /** A compliant Aurora PostgreSQL cluster: TLS forced, a writer and a reader in two AZs. */
  const aurora = (s: TerraformStack, cluster: Partial<RdsClusterConfig> = {}, instance: Partial<RdsClusterInstanceConfig> = {}, readerAz = "ap-southeast-1b") => {
    const pg = new RdsClusterParameterGroup(s, "cpg", { family: "aurora-postgresql16", parameter: [{ name: "rds.force_ssl", value: "1" }] });
    const c = new RdsCluster(s, "cluster", {
      clusterIdentifier: "db",
      engine: "aurora-postgresql",
      engineVersion: "16.9",
      storageEncrypted: true,
      kmsKeyId: "arn:aws:kms:ap-southeast-1:111111111111:key/1",
      backupRetentionPeriod: 7,
      deletionProtection: true,
      iamDatabaseAuthenticationEnabled: true,
      enabledCloudwatchLogsExports: ["postgresql"],
      dbClusterParameterGroupName: pg.name,
      ...cluster,
    });
    const common = {
      clusterIdentifier: c.id,
      engine: "aurora-postgresql",
      instanceClass: "db.r6g.large",
      publiclyAccessible: false,
      performanceInsightsEnabled: true,
      monitoringInterval: 60,
      monitoringRoleArn: "arn:aws:iam::111111111111:role/rds-monitoring",
      ...instance,
    };
    new RdsClusterInstance(s, "writer", { ...common, identifier: "db-1", availabilityZone: "ap-southeast-1a" });
    if (readerAz) new RdsClusterInstance(s, "reader", { ...common, identifier: "db-2", availabilityZone: readerAz });
  };

  const clusterCases: [Rule, Partial<RdsClusterConfig>][] = [
    [storageEncryption, { storageEncrypted: false }],
    [storageEncryption, { kmsKeyId: undefined }],
    [backupRetention, { backupRetentionPeriod: 1 }],
    [backupRetention, { backupRetentionPeriod: undefined }],
    [databaseDeletionProtection, { deletionProtection: false }],
    [iamAuthentication, { iamDatabaseAuthenticationEnabled: false }],
    [logExports, { enabledCloudwatchLogsExports: [] }],
    [logExports, { enabledCloudwatchLogsExports: ["iam-db-auth-error"] }],
    [forceSsl, { dbClusterParameterGroupName: undefined }],
  ];
  test.each(clusterCases)("%s passes on a compliant cluster and fires on the cluster with %o", (rule, broken) => {
    expect(findingsOf(rule, (s) => aurora(s))).toEqual([]);
    const findings = findingsOf(rule, (s) => aurora(s, broken));
    expect(findings.map((f) => f.address)).toEqual([expect.stringMatching(/^aws_rds_cluster\.cluster/)]);
  });

  const instanceCases: [Rule, Partial<RdsClusterInstanceConfig>][] = [
    [notPubliclyAccessible, { publiclyAccessible: true }],
    [performanceInsights, { performanceInsightsEnabled: false }],
    [enhancedMonitoring, { monitoringInterval: 0 }],
    [minorVersionUpgrade, { autoMinorVersionUpgrade: false }],
  ];
  test.each(instanceCases)("%s fires on each cluster instance with %o", (rule, broken) => {
    expect(findingsOf(rule, (s) => aurora(s))).toEqual([]);
    const findings = findingsOf(rule, (s) => aurora(s, {}, broken));
    expect(findings.map((f) => f.address).sort()).toEqual([expect.stringMatching(/^aws_rds_cluster_instance\.reader/), expect.stringMatching(/^aws_rds_cluster_instance\.writer/)]);
  });

  test("LS-RDS-011 fires when the cluster parameter group turns TLS off or leaves it out", () => {
    const off = findingsOf(forceSsl, (s) => {
      const pg = new RdsClusterParameterGroup(s, "off", { family: "aurora-postgresql16", parameter: [{ name: "rds.force_ssl", value: "0" }] });
      aurora(s, { dbClusterParameterGroupName: pg.name });
    });
    expect(off[0].message).toMatch(/rds.force_ssl = 0/);
    const missing = findingsOf(forceSsl, (s) => {
      const pg = new RdsClusterParameterGroup(s, "quiet", { family: "aurora-postgresql16", parameter: [{ name: "log_min_duration_statement", value: "1000" }] });
      aurora(s, { dbClusterParameterGroupName: pg.name });
    });
    expect(missing[0].message).toMatch(/does not set rds.force_ssl/);
  });

  test("LS-RDS-002 in prod: a cluster needs a reader, in another AZ; dev may run a writer alone", () => {
    expect(findingsOf(multiAz, (s) => aurora(s))).toEqual([]);
    expect(findingsOf(multiAz, (s) => aurora(s, {}, {}, ""))[0].message).toMatch(/1 instance\(s\): no reader/);
    expect(findingsOf(multiAz, (s) => aurora(s, {}, {}, "ap-southeast-1a"))[0].message).toMatch(/every instance is pinned to ap-southeast-1a/);
    expect(findingsOf(multiAz, (s) => aurora(s, {}, {}, ""), "dev")).toEqual([]);
  });

  test("a reader whose AZ RDS picks (none given) counts as another AZ", () => {
    expect(
      findingsOf(multiAz, (s) => {
        aurora(s, {}, {}, "");
        new RdsClusterInstance(s, "reader-anywhere", { clusterIdentifier: "db", engine: "aurora-postgresql", instanceClass: "db.r6g.large", identifier: "db-3" });
      }),
    ).toEqual([]);
  });
});

requireBothOutcomes([storageEncryption, multiAz, backupRetention, databaseDeletionProtection, iamAuthentication, notPubliclyAccessible, performanceInsights, enhancedMonitoring, minorVersionUpgrade, logExports, forceSsl]);
