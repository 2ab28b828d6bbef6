/* eslint-disable @typescript-eslint/no-explicit-any -- synthesized Terraform JSON is untyped */
import { TerraformOutput, Testing } from "cdktf";
import { Database, type DatabaseProps } from "./index";
import { statementsOf } from "../iam-policy/testing";

type Blocks = Record<string, Record<string, Record<string, any>>>;

const KEY = "arn:aws:kms:ap-southeast-1:111111111111:key/0000";
const DEV: DatabaseProps = {
  namePrefix: "livestream-dev",
  accountId: "111111111111",
  vpcId: "vpc-0123",
  subnetIds: ["subnet-iso-a", "subnet-iso-b"],
  kmsKeyArn: KEY,
  instanceClass: "db.t4g.micro",
  allocatedStorageGb: 20,
  maxAllocatedStorageGb: 50,
  deletionProtection: false,
};
const PROD: DatabaseProps = {
  ...DEV,
  namePrefix: "livestream-prod",
  instanceClass: "db.m6g.large",
  replicaInstanceClass: "db.r6g.large",
  multiAz: true,
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

const instances = (r: Blocks) => {
  const all = Object.values(r.aws_db_instance);
  expect(all).toHaveLength(2);
  return { primary: all.find((i) => !i.replicate_source_db)!, replica: all.find((i) => i.replicate_source_db)! };
};

describe.each([
  ["dev", DEV],
  ["prod", PROD],
])("Database (%s)", (_name, props) => {
  const { resource: r } = synth(props);
  const { primary, replica } = instances(r);

  test("primary is PostgreSQL 16 on encrypted, autoscaling gp3 storage and not public", () => {
    expect(primary).toMatchObject({
      identifier: `${props.namePrefix}-postgres`,
      engine: "postgres",
      engine_version: "16",
      instance_class: props.instanceClass,
      storage_type: "gp3",
      allocated_storage: props.allocatedStorageGb,
      max_allocated_storage: props.maxAllocatedStorageGb,
      storage_encrypted: true,
      kms_key_id: KEY,
      publicly_accessible: false,
      port: 5432,
      multi_az: props.multiAz ?? false,
    });
  });

  test("the master password is managed by RDS in Secrets Manager, encrypted with the platform key", () => {
    expect(primary.manage_master_user_password).toBe(true);
    expect(primary.master_user_secret_kms_key_id).toBe(KEY);
    expect(primary.password).toBeUndefined();
  });

  test("the replica copies the primary, encrypted, in the same subnets and security group", () => {
    const primaryKey = Object.entries(r.aws_db_instance).find(([, i]) => i === primary)![0];
    expect(replica.replicate_source_db).toBe(`\${aws_db_instance.${primaryKey}.arn}`);
    expect(replica).toMatchObject({
      identifier: `${props.namePrefix}-postgres-replica`,
      instance_class: props.replicaInstanceClass ?? props.instanceClass,
      storage_encrypted: true,
      publicly_accessible: false,
      db_subnet_group_name: primary.db_subnet_group_name,
      vpc_security_group_ids: primary.vpc_security_group_ids,
    });
    // Same-region replicas inherit the source's key; RDS refuses kms_key_id on them.
    expect(replica).not.toHaveProperty("kms_key_id");
    expect(replica.engine).toBeUndefined();
    expect(replica.username).toBeUndefined();
  });

  test("both instances force TLS and log slow statements through one postgres16 parameter group", () => {
    const groups = Object.entries(r.aws_db_parameter_group);
    expect(groups).toHaveLength(1);
    const [groupKey, group] = groups[0];
    expect(group.family).toBe("postgres16");
    expect(group.parameter).toEqual(
      expect.arrayContaining([
        { name: "rds.force_ssl", value: "1" },
        { name: "log_min_duration_statement", value: "1000" },
      ]),
    );
    for (const i of [primary, replica]) expect(i.parameter_group_name).toBe(`\${aws_db_parameter_group.${groupKey}.name}`);
  });

  test("subnet group uses the given (isolated) subnets", () => {
    const groups = Object.values(r.aws_db_subnet_group);
    expect(groups).toHaveLength(1);
    expect(groups[0].subnet_ids).toEqual(props.subnetIds);
  });

  test("the security group has no rules until allowFrom is called", () => {
    const sg = Object.values(r.aws_security_group);
    expect(sg).toHaveLength(1);
    expect(sg[0].ingress).toBeUndefined();
    expect(sg[0].egress).toBeUndefined();
    expect(r.aws_vpc_security_group_ingress_rule).toBeUndefined();
  });

  test("backups: retention from props (>= 7), window 19:00-20:00 UTC, outside the maintenance window", () => {
    expect(primary.backup_retention_period).toBe(props.backupRetentionDays ?? 7);
    expect(primary.backup_window).toBe("19:00-20:00");
    expect(primary.maintenance_window).toBe("sun:20:30-sun:21:30");
    expect(primary.copy_tags_to_snapshot).toBe(true);
  });

  test("both instances: Performance Insights with the key, enhanced monitoring, log exports, IAM auth, minor upgrades", () => {
    for (const i of [primary, replica]) {
      expect(i).toMatchObject({
        performance_insights_enabled: true,
        performance_insights_kms_key_id: KEY,
        performance_insights_retention_period: 7,
        monitoring_interval: 60,
        enabled_cloudwatch_logs_exports: ["postgresql", "upgrade"],
        iam_database_authentication_enabled: true,
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

  test("exported logs land in pre-created, encrypted log groups with retention", () => {
    const names = Object.values(r.aws_cloudwatch_log_group).map((g) => g.name).sort();
    expect(names).toEqual(
      [`${props.namePrefix}-postgres`, `${props.namePrefix}-postgres-replica`].flatMap((id) => ["postgresql", "upgrade"].map((t) => `/aws/rds/instance/${id}/${t}`)).sort(),
    );
    for (const g of Object.values(r.aws_cloudwatch_log_group)) {
      expect(g.kms_key_id).toBe(KEY);
      expect(g.retention_in_days).toBe(30);
    }
    for (const i of [primary, replica]) expect(i.depends_on).toHaveLength(2);
  });
});

describe("Database deletion safety", () => {
  test("prod: deletion protection on both, a final snapshot, automated backups kept", () => {
    const { primary, replica } = instances(synth(PROD).resource);
    expect(primary).toMatchObject({ deletion_protection: true, skip_final_snapshot: false, final_snapshot_identifier: "livestream-prod-postgres-final", delete_automated_backups: false });
    expect(replica.deletion_protection).toBe(true);
  });

  test("dev: no protection and no final snapshot, so the environment can be torn down", () => {
    const { primary, replica } = instances(synth(DEV).resource);
    expect(primary).toMatchObject({ deletion_protection: false, skip_final_snapshot: true });
    expect(primary.final_snapshot_identifier).toBeUndefined();
    expect(replica.deletion_protection).toBe(false);
  });

  test("deletion protection is the default", () => {
    const withoutFlag: DatabaseProps = { ...DEV };
    delete (withoutFlag as { deletionProtection?: boolean }).deletionProtection;
    const { primary } = instances(synth(withoutFlag).resource);
    expect(primary.deletion_protection).toBe(true);
    expect(primary.skip_final_snapshot).toBe(false);
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

  test("attributes resolve to the instances and the RDS-managed secret", () => {
    let db!: Database;
    const out = JSON.parse(
      Testing.synthScope((scope) => {
        db = new Database(scope, "database", DEV);
        for (const attr of ["masterSecretArn", "primaryAddress", "replicaAddress", "securityGroupId"] as const) {
          new TerraformOutput(scope, attr, { value: db[attr] });
        }
      }),
    ).output as Record<string, { value: string }>;
    expect(out.masterSecretArn.value).toMatch(/^\$\{aws_db_instance\.[^.]+\.master_user_secret\[0\]\.secret_arn\}$/);
    expect(out.primaryAddress.value).toMatch(/^\$\{aws_db_instance\.database_primary_[^.]+\.address\}$/);
    expect(out.replicaAddress.value).toMatch(/^\$\{aws_db_instance\.database_replica_[^.]+\.address\}$/);
    expect(out.securityGroupId.value).toMatch(/^\$\{aws_security_group\.[^.]+\.id\}$/);
    expect(db.port).toBe(5432);
    expect(db.databaseName).toBe("livestream");
    expect(db.parameterFamily).toBe("postgres16");
  });

  test("a minor version picks the family from its major", () => {
    const { resource } = synth({ ...DEV, engineVersion: "15.7" });
    expect(Object.values(resource.aws_db_parameter_group)[0].family).toBe("postgres15");
    expect(instances(resource).primary.engine_version).toBe("15.7");
  });
});

describe("Database props", () => {
  test.each([
    [{ backupRetentionDays: 3 }, /backupRetentionDays must be 7 to 35, got 3/],
    [{ maxAllocatedStorageGb: 10 }, /maxAllocatedStorageGb \(10\) must be at least allocatedStorageGb \(20\)/],
    [{ allocatedStorageGb: 10, maxAllocatedStorageGb: 50 }, /allocatedStorageGb must be 20 to 65536/],
    [{ subnetIds: ["subnet-a"] }, /subnetIds must list subnets in at least 2 AZs/],
    [{ engineVersion: "latest" }, /engineVersion 'latest'/],
    [{ engineVersion: "11" }, /engineVersion '11'/],
    [{ instanceClass: "m6g.large" }, /instanceClass 'm6g.large'/],
    [{ replicaInstanceClass: "large" }, /replicaInstanceClass 'large'/],
    [{ databaseName: "Live-Stream" }, /databaseName 'Live-Stream'/],
    [{ masterUsername: "rdsadmin" }, /masterUsername 'rdsadmin'/],
    [{ namePrefix: "Livestream_Dev" }, /namePrefix 'Livestream_Dev'/],
    [{ namePrefix: "a".repeat(50) }, /at most 46 characters/],
    [{ backupWindow: "19:00-19:15" }, /backupWindow '19:00-19:15' must last at least 30 minutes/],
    [{ backupWindow: "7pm" }, /backupWindow '7pm' must be "hh:mm-hh:mm"/],
    [{ maintenanceWindow: "sun:19:30-sun:20:30" }, /backupWindow '19:00-20:00' overlaps maintenanceWindow/],
    [{ maintenanceWindow: "sunday 20:30" }, /maintenanceWindow 'sunday 20:30' must be/],
    [{ logRetentionDays: 10 }, /logRetentionDays 10 is not a CloudWatch Logs retention/],
  ])("%o is rejected", (overrides, message) => {
    expect(() => synth({ ...DEV, ...(overrides as Partial<DatabaseProps>) })).toThrow(message);
  });

  test("a backup window across midnight next to a Monday-morning maintenance window is accepted", () => {
    expect(() => synth({ ...DEV, backupWindow: "23:30-00:30", maintenanceWindow: "mon:01:00-mon:02:00" })).not.toThrow();
    expect(() => synth({ ...DEV, backupWindow: "23:30-00:30", maintenanceWindow: "mon:00:00-mon:01:00" })).toThrow(/overlaps/);
  });
});
