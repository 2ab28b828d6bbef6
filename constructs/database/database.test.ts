/* eslint-disable @typescript-eslint/no-explicit-any -- synthesized Terraform JSON is untyped */
import { TerraformOutput, Testing } from "cdktf";
import { Database, databaseUserArn, type DatabaseProps } from "./index";
import { statementsOf } from "../iam-policy/testing";

type Blocks = Record<string, Record<string, Record<string, any>>>;

const KEY = "arn:aws:kms:ap-southeast-1:111111111111:key/0000";
const DEV: DatabaseProps = {
  namePrefix: "livestream-dev",
  accountId: "111111111111",
  vpcId: "vpc-0123",
  subnetIds: ["subnet-iso-a", "subnet-iso-b"],
  availabilityZones: ["ap-southeast-1a", "ap-southeast-1b"],
  kmsKeyArn: KEY,
  instanceClass: "db.serverless",
  readers: 0,
  serverless: { minAcu: 0.5, maxAcu: 2 },
  deletionProtection: false,
};
const PROD: DatabaseProps = {
  ...DEV,
  namePrefix: "livestream-prod",
  subnetIds: ["subnet-iso-a", "subnet-iso-b", "subnet-iso-c"],
  availabilityZones: ["ap-southeast-1a", "ap-southeast-1b", "ap-southeast-1c"],
  instanceClass: "db.r6g.large",
  readerInstanceClass: "db.r6g.xlarge",
  readers: 1,
  serverless: undefined,
  backupRetentionDays: 14,
  deletionProtection: true,
};

function synth(props: DatabaseProps, extra?: (db: Database) => void): { resource: Blocks } {
  return JSON.parse(
    Testing.synthScope((scope) => {
      const db = new Database(scope, "database", props);
      extra?.(db);
    }),
  );
}

const clusterOf = (r: Blocks) => {
  const all = Object.entries(r.aws_rds_cluster);
  expect(all).toHaveLength(1);
  return { key: all[0][0], cluster: all[0][1] };
};
/** The instances in identifier order (`-postgres-1` is the one created as the writer); JSON keys are sorted by name. */
const instancesOf = (r: Blocks): Record<string, any>[] =>
  Object.entries(r.aws_rds_cluster_instance)
    .map(([key, i]): Record<string, any> => ({ key, ...i }))
    .sort((a, b) => a.identifier.localeCompare(b.identifier, "en", { numeric: true }));

describe.each([
  ["dev", DEV, 1],
  ["prod", PROD, 2],
])("Database (%s)", (_name, props, instanceCount) => {
  const { resource: r } = synth(props);
  const { key: clusterKey, cluster } = clusterOf(r);
  const instances = instancesOf(r);

  test("an Aurora PostgreSQL cluster on encrypted storage, no RDS instance pair", () => {
    expect(r.aws_db_instance).toBeUndefined();
    expect(cluster).toMatchObject({
      cluster_identifier: `${props.namePrefix}-postgres`,
      engine: "aurora-postgresql",
      engine_mode: "provisioned",
      engine_version: "16.9",
      database_name: "livestream",
      storage_encrypted: true,
      kms_key_id: KEY,
      port: 5432,
      iam_database_authentication_enabled: true,
      copy_tags_to_snapshot: true,
    });
    // No allocated storage: the cluster volume grows by itself.
    expect(cluster.allocated_storage).toBeUndefined();
  });

  test("the master password is managed by RDS in Secrets Manager with the platform key, and the cluster still has its readers", () => {
    expect(cluster.manage_master_user_password).toBe(true);
    expect(cluster.master_user_secret_kms_key_id).toBe(KEY);
    expect(cluster.master_password).toBeUndefined();
    // Aurora Replicas are instances of the cluster, not replicas of a source (what RDS refuses with a managed secret).
    for (const i of instances) {
      expect(i.cluster_identifier).toBe(`\${aws_rds_cluster.${clusterKey}.id}`);
      expect(i.replicate_source_db).toBeUndefined();
    }
  });

  test(`${instanceCount} instance(s): the writer first in the first AZ, readers after it in other AZs`, () => {
    expect(instances).toHaveLength(instanceCount);
    const [writer, ...readers] = instances;
    expect(writer).toMatchObject({ identifier: `${props.namePrefix}-postgres-1`, instance_class: props.instanceClass, availability_zone: props.availabilityZones![0], promotion_tier: 0, engine: "aurora-postgresql" });
    expect(writer.depends_on).toBeUndefined();
    readers.forEach((reader, n) => {
      expect(reader).toMatchObject({ identifier: `${props.namePrefix}-postgres-${n + 2}`, instance_class: props.readerInstanceClass ?? props.instanceClass, promotion_tier: 1 });
      expect(reader.availability_zone).not.toBe(writer.availability_zone);
      expect(reader.depends_on).toEqual([`aws_rds_cluster_instance.${writer.key}`]);
    });
  });

  test("every instance: private, Performance Insights with the key, enhanced monitoring, minor upgrades", () => {
    for (const i of instances) {
      expect(i).toMatchObject({
        publicly_accessible: false,
        performance_insights_enabled: true,
        performance_insights_kms_key_id: KEY,
        performance_insights_retention_period: 7,
        monitoring_interval: 60,
        auto_minor_version_upgrade: true,
      });
      expect(i.monitoring_role_arn).toMatch(/^\$\{aws_iam_role\.[^.]+\.arn\}$/);
    }
    const attachment = Object.values(r.aws_iam_role_policy_attachment);
    expect(attachment.map((a) => a.policy_arn)).toEqual(["arn:aws:iam::aws:policy/service-role/AmazonRDSEnhancedMonitoringRole"]);
    const [role] = Object.values(r.aws_iam_role);
    expect(statementsOf(role.assume_role_policy)).toEqual([
      { Effect: "Allow", Principal: { Service: "monitoring.rds.amazonaws.com" }, Action: "sts:AssumeRole", Condition: { StringEquals: { "aws:SourceAccount": props.accountId } } },
    ]);
  });

  test("TLS is forced and slow statements logged through one aurora-postgresql16 cluster parameter group", () => {
    const groups = Object.entries(r.aws_rds_cluster_parameter_group);
    expect(groups).toHaveLength(1);
    const [groupKey, group] = groups[0];
    expect(group.family).toBe("aurora-postgresql16");
    expect(group.parameter).toEqual(
      expect.arrayContaining([
        { name: "rds.force_ssl", value: "1", apply_method: "pending-reboot" },
        { name: "log_min_duration_statement", value: "1000" },
      ]),
    );
    expect(cluster.db_cluster_parameter_group_name).toBe(`\${aws_rds_cluster_parameter_group.${groupKey}.name}`);
    expect(r.aws_db_parameter_group).toBeUndefined();
  });

  test("subnet group uses the given (isolated) subnets; the security group has no rules until allowFrom is called", () => {
    const groups = Object.values(r.aws_db_subnet_group);
    expect(groups).toHaveLength(1);
    expect(groups[0].subnet_ids).toEqual(props.subnetIds);
    const sg = Object.entries(r.aws_security_group);
    expect(sg).toHaveLength(1);
    expect(cluster.vpc_security_group_ids).toEqual([`\${aws_security_group.${sg[0][0]}.id}`]);
    expect(sg[0][1].ingress).toBeUndefined();
    expect(sg[0][1].egress).toBeUndefined();
    expect(r.aws_vpc_security_group_ingress_rule).toBeUndefined();
  });

  test("backups: retention from props (>= 7), window 19:00-20:00 UTC, outside the maintenance window", () => {
    expect(cluster).toMatchObject({
      backup_retention_period: props.backupRetentionDays ?? 7,
      preferred_backup_window: "19:00-20:00",
      preferred_maintenance_window: "sun:20:30-sun:21:30",
    });
  });

  test("the PostgreSQL log and IAM authentication errors land in pre-created, encrypted log groups with retention", () => {
    expect(cluster.enabled_cloudwatch_logs_exports).toEqual(["postgresql", "iam-db-auth-error"]);
    const groups = Object.entries(r.aws_cloudwatch_log_group);
    expect(groups.map(([, g]) => g.name).sort()).toEqual([`/aws/rds/cluster/${props.namePrefix}-postgres/iam-db-auth-error`, `/aws/rds/cluster/${props.namePrefix}-postgres/postgresql`]);
    for (const [, g] of groups) expect(g).toMatchObject({ kms_key_id: KEY, retention_in_days: 30 });
    expect(cluster.depends_on.sort()).toEqual(groups.map(([key]) => `aws_cloudwatch_log_group.${key}`).sort());
  });
});

describe("Database capacity", () => {
  test("a db.serverless instance gets the cluster's ACU range; a provisioned cluster has none", () => {
    expect(clusterOf(synth(DEV).resource).cluster.serverlessv2_scaling_configuration).toEqual({ min_capacity: 0.5, max_capacity: 2 });
    expect(clusterOf(synth(PROD).resource).cluster.serverlessv2_scaling_configuration).toBeUndefined();
    // A serverless reader of a provisioned writer needs the range too.
    const mixed = synth({ ...PROD, readerInstanceClass: "db.serverless", serverless: { minAcu: 1, maxAcu: 8 } }).resource;
    expect(clusterOf(mixed).cluster.serverlessv2_scaling_configuration).toEqual({ min_capacity: 1, max_capacity: 8 });
  });

  test("readers go round the AZs other than the writer's", () => {
    const azs = instancesOf(synth({ ...PROD, readers: 3 }).resource).map((i) => i.availability_zone);
    expect(azs).toEqual(["ap-southeast-1a", "ap-southeast-1b", "ap-southeast-1c", "ap-southeast-1b"]);
  });

  test("without AZs RDS places the instances", () => {
    for (const i of instancesOf(synth({ ...PROD, availabilityZones: undefined }).resource)) expect(i.availability_zone).toBeUndefined();
  });
});

describe("Database deletion safety", () => {
  test("prod: deletion protection, a final snapshot, automated backups kept", () => {
    expect(clusterOf(synth(PROD).resource).cluster).toMatchObject({ deletion_protection: true, skip_final_snapshot: false, final_snapshot_identifier: "livestream-prod-postgres-final", delete_automated_backups: false });
  });

  test("dev: no protection and no final snapshot, so the environment can be torn down", () => {
    const { cluster } = clusterOf(synth(DEV).resource);
    expect(cluster).toMatchObject({ deletion_protection: false, skip_final_snapshot: true, delete_automated_backups: true });
    expect(cluster.final_snapshot_identifier).toBeUndefined();
  });

  test("deletion protection is the default", () => {
    const withoutFlag: DatabaseProps = { ...DEV };
    delete (withoutFlag as { deletionProtection?: boolean }).deletionProtection;
    expect(clusterOf(synth(withoutFlag).resource).cluster).toMatchObject({ deletion_protection: true, skip_final_snapshot: false });
  });
});

describe("Database attributes and allowFrom", () => {
  test("allowFrom opens 5432 to one security group only", () => {
    const { resource } = synth(DEV, (db) => db.allowFrom("services", "sg-services", "ECS services"));
    const rules = Object.values(resource.aws_vpc_security_group_ingress_rule);
    expect(rules).toEqual([
      expect.objectContaining({ ip_protocol: "tcp", from_port: 5432, to_port: 5432, referenced_security_group_id: "sg-services", description: "ECS services" }),
    ]);
    expect(rules[0].cidr_ipv4).toBeUndefined();
    expect(rules[0].security_group_id).toMatch(/^\$\{aws_security_group\.[^.]+\.id\}$/);
  });

  test("allowFrom wants a usable id and a description", () => {
    expect(() => synth(DEV, (db) => db.allowFrom("services", "sg-1", " "))).toThrow(/description must say who connects/);
    expect(() => synth(DEV, (db) => db.allowFrom("a b", "sg-1", "x"))).toThrow(/id 'a b'/);
  });

  test("attributes resolve to the cluster's endpoints, resource id and RDS-managed secret", () => {
    let db!: Database;
    const out = JSON.parse(
      Testing.synthScope((scope) => {
        db = new Database(scope, "database", PROD);
        for (const attr of ["masterSecretArn", "writerEndpoint", "readerEndpoint", "clusterResourceId", "clusterIdentifier", "securityGroupId"] as const) {
          new TerraformOutput(scope, attr, { value: db[attr] });
        }
      }),
    ).output as Record<string, { value: string }>;
    const cluster = /^\$\{aws_rds_cluster\.database_cluster_[^.]+\./;
    expect(out.masterSecretArn.value).toMatch(new RegExp(`${cluster.source}master_user_secret\\[0\\]\\.secret_arn\\}$`));
    expect(out.writerEndpoint.value).toMatch(new RegExp(`${cluster.source}endpoint\\}$`));
    expect(out.readerEndpoint.value).toMatch(new RegExp(`${cluster.source}reader_endpoint\\}$`));
    expect(out.clusterResourceId.value).toMatch(new RegExp(`${cluster.source}cluster_resource_id\\}$`));
    expect(out.clusterIdentifier.value).toMatch(new RegExp(`${cluster.source}cluster_identifier\\}$`));
    expect(out.securityGroupId.value).toMatch(/^\$\{aws_security_group\.[^.]+\.id\}$/);
    expect(db.primaryConnection).toEqual({ host: db.writerEndpoint, port: 5432, name: "livestream", secretArn: db.masterSecretArn, resourceId: db.clusterResourceId });
    expect(db.readers).toBe(1);
    expect(db.parameterFamily).toBe("aurora-postgresql16");
  });

  test("rds-db:connect names the cluster's resource id and the role (Aurora User Guide format)", () => {
    expect(databaseUserArn("ap-southeast-1", "111111111111", "cluster-ABCDEFGHIJKL01234", "livestream_mentee")).toBe(
      "arn:aws:rds-db:ap-southeast-1:111111111111:dbuser:cluster-ABCDEFGHIJKL01234/livestream_mentee",
    );
  });

  test("a major version picks the family", () => {
    const { resource } = synth({ ...DEV, engineVersion: "17.5" });
    expect(Object.values(resource.aws_rds_cluster_parameter_group)[0].family).toBe("aurora-postgresql17");
    expect(clusterOf(resource).cluster.engine_version).toBe("17.5");
  });
});

describe("Database props", () => {
  test.each([
    [{ backupRetentionDays: 3 }, /backupRetentionDays must be 7 to 35, got 3/],
    [{ subnetIds: ["subnet-a"] }, /subnetIds must list subnets in at least 2 AZs/],
    [{ availabilityZones: ["ap-southeast-1a", "ap-southeast-1a"] }, /availabilityZones must name at least 2 different AZs/],
    [{ engineVersion: "latest" }, /engineVersion 'latest'/],
    [{ engineVersion: "16" }, /engineVersion '16' must be .* major\.minor/],
    [{ engineVersion: "14.12" }, /engineVersion '14.12' must be an Aurora PostgreSQL version 15 or later/],
    // What RDS for PostgreSQL offers and Aurora does not: plan accepts it, CreateDBInstance refuses it.
    [{ instanceClass: "db.m6g.large" }, /instanceClass 'db.m6g.large' is not an Aurora PostgreSQL class/],
    [{ instanceClass: "db.t4g.micro" }, /instanceClass 'db.t4g.micro' is not an Aurora PostgreSQL class/],
    [{ readerInstanceClass: "large" }, /readerInstanceClass 'large'/],
    [{ readers: 16 }, /readers must be a whole number 0 to 15/],
    [{ serverless: { minAcu: 0, maxAcu: 2 } }, /serverless.minAcu must be 0.5 to 256 in steps of 0.5, got 0/],
    [{ serverless: { minAcu: 0.75, maxAcu: 2 } }, /serverless.minAcu/],
    [{ serverless: { minAcu: 4, maxAcu: 2 } }, /serverless.maxAcu .* at least serverless.minAcu \(4\), got 2/],
    [{ databaseName: "Live-Stream" }, /databaseName 'Live-Stream'/],
    [{ masterUsername: "rdsadmin" }, /masterUsername 'rdsadmin'/],
    [{ namePrefix: "Livestream_Dev" }, /namePrefix 'Livestream_Dev'/],
    [{ namePrefix: "a".repeat(49) }, /at most 48 characters/],
    [{ backupWindow: "19:00-19:15" }, /backupWindow '19:00-19:15' must last at least 30 minutes/],
    [{ backupWindow: "7pm" }, /backupWindow '7pm' must be "hh:mm-hh:mm"/],
    [{ maintenanceWindow: "sun:19:30-sun:20:30" }, /backupWindow '19:00-20:00' overlaps maintenanceWindow/],
    [{ maintenanceWindow: "sunday 20:30" }, /maintenanceWindow 'sunday 20:30' must be/],
    [{ logRetentionDays: 10 }, /logRetentionDays 10 is not a CloudWatch Logs retention/],
  ])("%o is rejected", (overrides, message) => {
    expect(() => synth({ ...DEV, ...(overrides as Partial<DatabaseProps>) })).toThrow(message);
  });

  test.each(["db.serverless", "db.t4g.medium", "db.t3.large", "db.r6g.large", "db.r7g.2xlarge", "db.r6gd.xlarge", "db.r8g.12xlarge", "db.x2g.large"])("%s is an Aurora class", (instanceClass) => {
    expect(() => synth({ ...PROD, instanceClass, readerInstanceClass: instanceClass })).not.toThrow();
  });

  test("the longest prefix still fits RDS's 63-character identifiers", () => {
    const { resource } = synth({ ...PROD, namePrefix: "a".repeat(48) });
    expect(clusterOf(resource).cluster.final_snapshot_identifier).toHaveLength(63);
  });

  test("a backup window across midnight next to a Monday-morning maintenance window is accepted", () => {
    expect(() => synth({ ...DEV, backupWindow: "23:30-00:30", maintenanceWindow: "mon:01:00-mon:02:00" })).not.toThrow();
    expect(() => synth({ ...DEV, backupWindow: "23:30-00:30", maintenanceWindow: "mon:00:00-mon:01:00" })).toThrow(/overlaps/);
  });
});
