import { Construct } from "constructs";
import { DbInstance } from "@cdktf/provider-aws/lib/db-instance";
import { DbSubnetGroup } from "@cdktf/provider-aws/lib/db-subnet-group";
import { SecurityGroup } from "@cdktf/provider-aws/lib/security-group";
import { VpcSecurityGroupIngressRule } from "@cdktf/provider-aws/lib/vpc-security-group-ingress-rule";
import { InstanceLogGroups, POSTGRES_LOG_EXPORTS } from "./log-groups";
import { EnhancedMonitoringRole } from "./monitoring-role";
import { PostgresParameterGroup } from "./parameter-group";
import { validateDatabaseProps, type ResolvedDatabaseProps } from "./validate";

/** PostgreSQL's port; the security group opens only this one. */
export const POSTGRES_PORT = 5432;

export interface DatabaseProps {
  /** Prefix of every name, e.g. `livestream-dev`; instances are `<namePrefix>-postgres[-replica]`. */
  readonly namePrefix: string;
  /** Account id (scopes the monitoring role's trust). */
  readonly accountId: string;
  /** VPC of the database security group. */
  readonly vpcId: string;
  /** Isolated subnets (no internet route), in at least two AZs. */
  readonly subnetIds: string[];
  /** KMS key ARN for storage, the master secret, Performance Insights and exported logs. */
  readonly kmsKeyArn: string;
  /** PostgreSQL version, major ("16") or major.minor ("16.4"). @default "16" */
  readonly engineVersion?: string;
  /** Primary instance class. @default "db.t4g.medium" */
  readonly instanceClass?: string;
  /** Read replica instance class. @default the primary's instanceClass */
  readonly replicaInstanceClass?: string;
  /** Initial gp3 storage in GB. @default 50 */
  readonly allocatedStorageGb?: number;
  /** Storage autoscaling ceiling in GB. @default 200 */
  readonly maxAllocatedStorageGb?: number;
  /** Standby in a second AZ for the primary. @default false */
  readonly multiAz?: boolean;
  /** Days of automated backups, 7-35. @default 7 */
  readonly backupRetentionDays?: number;
  /** Database created on the primary. @default "livestream" */
  readonly databaseName?: string;
  /** Master user; its password is generated and kept in Secrets Manager by RDS. @default "livestream_admin" */
  readonly masterUsername?: string;
  /**
   * Refuse deletion, and take a final snapshot if it is deleted anyway (prod). Off lets dev be torn down.
   * @default true
   */
  readonly deletionProtection?: boolean;
  /** Daily backup window, UTC. @default "19:00-20:00" (03:00-04:00 Singapore, far from prime time) */
  readonly backupWindow?: string;
  /** Weekly maintenance window, UTC. @default "sun:20:30-sun:21:30" (Monday 04:30 Singapore) */
  readonly maintenanceWindow?: string;
  /** Statements slower than this are logged, in ms (-1 turns it off). @default 1000 */
  readonly slowStatementMs?: number;
  /** Days exported PostgreSQL logs are kept. @default 30 */
  readonly logRetentionDays?: number;
}

/**
 * RDS PostgreSQL as the design's master/slave pair: a primary for writes and a read replica for
 * reads. Both sit in isolated subnets behind a security group with no ingress until `allowFrom`
 * adds one; storage, secret, Performance Insights and logs are encrypted with the platform key,
 * and the parameter group refuses connections without TLS.
 */
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
    const instanceClass = props.instanceClass ?? "db.t4g.medium";
    const p: ResolvedDatabaseProps = {
      ...props,
      engineVersion: props.engineVersion ?? "16",
      instanceClass,
      replicaInstanceClass: props.replicaInstanceClass ?? instanceClass,
      allocatedStorageGb: props.allocatedStorageGb ?? 50,
      maxAllocatedStorageGb: props.maxAllocatedStorageGb ?? 200,
      multiAz: props.multiAz ?? false,
      backupRetentionDays: props.backupRetentionDays ?? 7,
      databaseName: props.databaseName ?? "livestream",
      masterUsername: props.masterUsername ?? "livestream_admin",
      deletionProtection: props.deletionProtection ?? true,
      backupWindow: props.backupWindow ?? "19:00-20:00",
      maintenanceWindow: props.maintenanceWindow ?? "sun:20:30-sun:21:30",
      slowStatementMs: props.slowStatementMs ?? 1000,
      logRetentionDays: props.logRetentionDays ?? 30,
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
      tags: { Name: primaryIdentifier, "livestream:db-role": "primary" },
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
      tags: { Name: replicaIdentifier, "livestream:db-role": "replica" },
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
