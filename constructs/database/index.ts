import { Construct } from "constructs";
import { DbInstance } from "@cdktf/provider-aws/lib/db-instance";
import { DbSubnetGroup } from "@cdktf/provider-aws/lib/db-subnet-group";
import { SecurityGroup } from "@cdktf/provider-aws/lib/security-group";
import { VpcSecurityGroupIngressRule } from "@cdktf/provider-aws/lib/vpc-security-group-ingress-rule";
import { DB_ROLE_TAG } from "../../contracts";
import { InstanceLogGroups, POSTGRES_LOG_EXPORTS } from "./log-groups";
import { EnhancedMonitoringRole } from "./monitoring-role";
import { PostgresParameterGroup } from "./parameter-group";
import { DATABASE_DEFAULTS, type DatabaseProps } from "./props";
import { validateDatabaseProps, type ResolvedDatabaseProps } from "./validate";

export { DATABASE_DEFAULTS, type DatabaseProps } from "./props";

/** PostgreSQL's port; the security group opens only this one. */
export const POSTGRES_PORT = 5432;


/** What a client needs to reach the primary: the recording indexer and the reconcile task take it. */
export interface DatabaseConnection {
  /** Host name of the primary (writer). */
  readonly host: string;
  readonly port: number;
  /** Database holding live_sessions. */
  readonly name: string;
  /** Secrets Manager secret with {"username","password"} (the RDS-managed master secret): migrations only. */
  readonly secretArn: string;
  /** The primary's DbiResourceId: IAM database authentication grants name it (see databaseUserArn). */
  readonly resourceId: string;
}

/**
 * What `rds-db:connect` is granted on for one database role: `arn:aws:rds-db:<region>:<account>:
 * dbuser:<DbiResourceId>/<role>` (SAR, Amazon RDS IAM Authentication, resource type db-user).
 */
export function databaseUserArn(region: string, accountId: string, resourceId: string, role: string): string {
  return `arn:aws:rds-db:${region}:${accountId}:dbuser:${resourceId}/${role}`;
}

/**
 * RDS PostgreSQL as the design's master/slave pair: a primary for writes and a read replica for
 * reads. Both sit in isolated subnets behind a security group with no ingress until `allowFrom`
 * adds one; storage, secret, Performance Insights and logs are encrypted with the platform key,
 * and the parameter group refuses connections without TLS.
 */
export class Database extends Construct {
  /** Security group of both instances (no ingress unless allowFrom is called). */
  readonly securityGroupId: string;
  /** Host name of the primary (writes). */
  readonly primaryAddress: string;
  /** Host name of the read replica (reads). */
  readonly replicaAddress: string;
  readonly port: number = POSTGRES_PORT;
  readonly databaseName: string;
  /** Secrets Manager secret (managed by RDS) with the master user's credentials. */
  readonly masterSecretArn: string;
  /** Host, port, name and secret of the primary, in one piece. */
  readonly primaryConnection: DatabaseConnection;
  readonly primaryIdentifier: string;
  readonly replicaIdentifier: string;
  readonly primaryArn: string;
  readonly replicaArn: string;
  /** The `postgres<major>` parameter family in use. */
  readonly parameterFamily: string;

  private readonly securityGroup: SecurityGroup;

  constructor(scope: Construct, id: string, props: DatabaseProps) {
    super(scope, id);
    const d = DATABASE_DEFAULTS;
    const instanceClass = props.instanceClass ?? d.instanceClass;
    const p: ResolvedDatabaseProps = {
      ...props,
      engineVersion: props.engineVersion ?? d.engineVersion,
      instanceClass,
      replicaInstanceClass: props.replicaInstanceClass ?? instanceClass,
      allocatedStorageGb: props.allocatedStorageGb ?? d.allocatedStorageGb,
      maxAllocatedStorageGb: props.maxAllocatedStorageGb ?? d.maxAllocatedStorageGb,
      multiAz: props.multiAz ?? d.multiAz,
      backupRetentionDays: props.backupRetentionDays ?? d.backupRetentionDays,
      databaseName: props.databaseName ?? d.databaseName,
      masterUsername: props.masterUsername ?? d.masterUsername,
      deletionProtection: props.deletionProtection ?? d.deletionProtection,
      backupWindow: props.backupWindow ?? d.backupWindow,
      maintenanceWindow: props.maintenanceWindow ?? d.maintenanceWindow,
      slowStatementMs: props.slowStatementMs ?? d.slowStatementMs,
      logRetentionDays: props.logRetentionDays ?? d.logRetentionDays,
    };
    validateDatabaseProps(p);
    const primaryIdentifier = `${p.namePrefix}-postgres`;
    const replicaIdentifier = `${p.namePrefix}-postgres-replica`;

    const subnetGroup = new DbSubnetGroup(this, "subnet-group", {
      name: `${p.namePrefix}-postgres`,
      description: `${p.namePrefix} PostgreSQL: isolated subnets`,
      subnetIds: p.subnetIds,
    });
    // No rules here: Terraform removes the default allow-all egress, and ingress comes from allowFrom.
    this.securityGroup = new SecurityGroup(this, "security-group", {
      name: `${p.namePrefix}-postgres`,
      description: "PostgreSQL primary and replica: ingress only from named security groups",
      vpcId: p.vpcId,
      tags: { Name: `${p.namePrefix}-postgres` },
    });
    const parameters = new PostgresParameterGroup(this, "parameters", {
      namePrefix: p.namePrefix,
      majorVersion: Number(p.engineVersion.split(".")[0]),
      slowStatementMs: p.slowStatementMs,
    });
    const monitoringRole = new EnhancedMonitoringRole(this, "monitoring-role", { namePrefix: p.namePrefix, accountId: p.accountId });

    // Settings both instances share: private, encrypted, observable.
    const common = {
      storageType: "gp3",
      storageEncrypted: true,
      maxAllocatedStorage: p.maxAllocatedStorageGb,
      port: POSTGRES_PORT,
      dbSubnetGroupName: subnetGroup.name,
      vpcSecurityGroupIds: [this.securityGroup.id],
      parameterGroupName: parameters.name,
      publiclyAccessible: false,
      iamDatabaseAuthenticationEnabled: true,
      autoMinorVersionUpgrade: true,
      copyTagsToSnapshot: true,
      maintenanceWindow: p.maintenanceWindow,
      performanceInsightsEnabled: true,
      performanceInsightsKmsKeyId: p.kmsKeyArn,
      performanceInsightsRetentionPeriod: 7, // the free tier
      monitoringInterval: 60,
      monitoringRoleArn: monitoringRole.arn,
      enabledCloudwatchLogsExports: [...POSTGRES_LOG_EXPORTS],
      deletionProtection: p.deletionProtection,
    };

    const primaryLogs = new InstanceLogGroups(this, "primary-logs", { instanceIdentifier: primaryIdentifier, kmsKeyArn: p.kmsKeyArn, retentionDays: p.logRetentionDays });
    const primary = new DbInstance(this, "primary", {
      ...common,
      identifier: primaryIdentifier,
      kmsKeyId: p.kmsKeyArn,
      engine: "postgres",
      engineVersion: p.engineVersion,
      instanceClass: p.instanceClass,
      allocatedStorage: p.allocatedStorageGb,
      dbName: p.databaseName,
      username: p.masterUsername,
      // RDS generates and rotates the password in Secrets Manager; it never passes through Terraform.
      manageMasterUserPassword: true,
      masterUserSecretKmsKeyId: p.kmsKeyArn,
      multiAz: p.multiAz,
      backupRetentionPeriod: p.backupRetentionDays,
      backupWindow: p.backupWindow,
      skipFinalSnapshot: !p.deletionProtection,
      finalSnapshotIdentifier: p.deletionProtection ? `${primaryIdentifier}-final` : undefined,
      // Keep automated backups after a deliberate delete when the instance is protected.
      deleteAutomatedBackups: !p.deletionProtection,
      tags: { Name: primaryIdentifier, [DB_ROLE_TAG]: "primary" },
      dependsOn: primaryLogs.groups,
    });

    // The replica copies the primary (engine, version, database, user); the primary holds the backups.
    const replicaLogs = new InstanceLogGroups(this, "replica-logs", { instanceIdentifier: replicaIdentifier, kmsKeyArn: p.kmsKeyArn, retentionDays: p.logRetentionDays });
    // No kms_key_id: a same-region replica is encrypted with its source's key, and RDS rejects a key
    // on the request (RDS API Reference, "CreateDBInstanceReadReplica", KmsKeyId: "If you create an
    // encrypted read replica in the same AWS Region as its source DB instance ... don't specify a
    // value"). The provider reads the inherited key back (the attribute is computed): no diff.
    const replica = new DbInstance(this, "replica", {
      ...common,
      identifier: replicaIdentifier,
      // An ARN, not the identifier: the provider requires one when db_subnet_group_name is set, and
      // naming the subnet group keeps the replica provably in the isolated subnets.
      replicateSourceDb: primary.arn,
      instanceClass: p.replicaInstanceClass,
      multiAz: false,
      skipFinalSnapshot: true,
      tags: { Name: replicaIdentifier, [DB_ROLE_TAG]: "replica" },
      dependsOn: replicaLogs.groups,
    });

    this.securityGroupId = this.securityGroup.id;
    this.primaryAddress = primary.address;
    this.replicaAddress = replica.address;
    this.databaseName = p.databaseName;
    this.masterSecretArn = primary.masterUserSecret.get(0).secretArn;
    this.primaryConnection = { host: this.primaryAddress, port: this.port, name: this.databaseName, secretArn: this.masterSecretArn, resourceId: primary.resourceId };
    this.primaryIdentifier = primary.identifier;
    this.replicaIdentifier = replica.identifier;
    this.primaryArn = primary.arn;
    this.replicaArn = replica.arn;
    this.parameterFamily = parameters.family;
  }

  /** Lets one security group (e.g. the services') reach PostgreSQL on 5432. */
  allowFrom(id: string, securityGroupId: string, description: string): VpcSecurityGroupIngressRule {
    if (!/^[A-Za-z0-9-]+$/.test(id)) throw new Error(`Database.allowFrom: id '${id}' must be letters, digits or '-'`);
    if (!description.trim()) throw new Error(`Database.allowFrom(${id}): description must say who connects and why`);
    return new VpcSecurityGroupIngressRule(this, `ingress-from-${id}`, {
      securityGroupId: this.securityGroup.id,
      referencedSecurityGroupId: securityGroupId,
      ipProtocol: "tcp",
      fromPort: POSTGRES_PORT,
      toPort: POSTGRES_PORT,
      description,
      tags: { Name: `${id}-to-postgres` },
    });
  }
}
