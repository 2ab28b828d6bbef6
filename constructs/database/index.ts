import { Construct } from "constructs";
import { DbSubnetGroup } from "@cdktf/provider-aws/lib/db-subnet-group";
import { RdsCluster } from "@cdktf/provider-aws/lib/rds-cluster";
import { RdsClusterInstance } from "@cdktf/provider-aws/lib/rds-cluster-instance";
import { SecurityGroup } from "@cdktf/provider-aws/lib/security-group";
import { VpcSecurityGroupIngressRule } from "@cdktf/provider-aws/lib/vpc-security-group-ingress-rule";
import { AURORA_SERVERLESS_CLASS, DB_ROLE_TAG } from "../../contracts";
import { AURORA_LOG_EXPORTS, ClusterLogGroups } from "./log-groups";
import { EnhancedMonitoringRole } from "./monitoring-role";
import { ClusterParameterGroup } from "./parameter-group";
import { DATABASE_DEFAULTS, type DatabaseProps } from "./props";
import { validateDatabaseProps, type ResolvedDatabaseProps } from "./validate";

export { DATABASE_DEFAULTS, type DatabaseProps, type ServerlessCapacity } from "./props";

/** The engine of the cluster and of each of its instances (the provider needs it on both). */
const AURORA_POSTGRESQL = "aurora-postgresql";

/** PostgreSQL's port; the security group opens only this one. */
export const POSTGRES_PORT = 5432;

/** What a client needs to reach the writer: the recording indexer, the reconcile and the migration tasks take it. */
export interface DatabaseConnection {
  /** The cluster (writer) endpoint: follows the writer through a failover. */
  readonly host: string;
  readonly port: number;
  /** Database holding live_sessions. */
  readonly name: string;
  /** Secrets Manager secret with {"username","password"} (the RDS-managed master secret): migrations only. */
  readonly secretArn: string;
  /** The cluster's resource id (`cluster-...`): IAM database authentication grants name it (see databaseUserArn). */
  readonly resourceId: string;
}

/**
 * What `rds-db:connect` is granted on for one database role: `arn:aws:rds-db:<region>:<account>:
 * dbuser:<resource id>/<role>` (SAR, Amazon RDS IAM Authentication, resource type db-user). For an
 * Aurora cluster the resource id is the cluster's, `cluster-ABCDEFGHIJKL01234`, and covers every
 * endpoint of the cluster, the reader's included (Aurora User Guide, "Creating and using an IAM
 * policy for IAM database access").
 */
export function databaseUserArn(region: string, accountId: string, resourceId: string, role: string): string {
  return `arn:aws:rds-db:${region}:${accountId}:dbuser:${resourceId}/${role}`;
}

/**
 * The design's master/slave pair as an Aurora PostgreSQL cluster: a writer for writes and readers
 * (Aurora Replicas) for reads and failover, on one encrypted cluster volume. RDS for PostgreSQL
 * cannot do this with an RDS-managed master password: it refuses a read replica of a source whose
 * master password Secrets Manager manages; Aurora lists only cross-Region replicas, global databases,
 * Serverless v1 and blue/green deployments as out of reach (RDS and Aurora User Guides, "Password
 * management with ... and AWS Secrets Manager", Limitations).
 *
 * Everything sits in isolated subnets behind a security group with no ingress until `allowFrom`
 * adds one; storage, the master secret, Performance Insights and logs are encrypted with the
 * platform key; the cluster parameter group refuses connections without TLS; clients other than
 * the migration task log in with IAM database authentication.
 */
export class Database extends Construct {
  /** Security group of the cluster (no ingress unless allowFrom is called). */
  readonly securityGroupId: string;
  /** Cluster (writer) endpoint: writes; follows the writer through a failover. */
  readonly writerEndpoint: string;
  /** Reader endpoint: balances connections over the readers (the writer when there is none). */
  readonly readerEndpoint: string;
  readonly port: number = POSTGRES_PORT;
  readonly databaseName: string;
  /** Secrets Manager secret (managed by RDS) with the master user's credentials. */
  readonly masterSecretArn: string;
  /** Writer endpoint, port, name, master secret and resource id, in one piece. */
  readonly primaryConnection: DatabaseConnection;
  /** Cluster identifier (CloudWatch `DBClusterIdentifier` dimension). */
  readonly clusterIdentifier: string;
  readonly clusterArn: string;
  /** The cluster's resource id (`cluster-...`), which `rds-db:connect` ARNs name. */
  readonly clusterResourceId: string;
  /** Identifiers of the instances: the one created as the writer first, then the readers. */
  readonly instanceIdentifiers: readonly string[];
  /** Readers in the cluster (0: the reader endpoint reaches the writer). */
  readonly readers: number;
  /** The `aurora-postgresql<major>` parameter family in use. */
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
      readerInstanceClass: props.readerInstanceClass ?? instanceClass,
      readers: props.readers ?? d.readers,
      serverless: props.serverless ?? d.serverless,
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
    const clusterIdentifier = `${p.namePrefix}-postgres`;

    const subnetGroup = new DbSubnetGroup(this, "subnet-group", {
      name: clusterIdentifier,
      description: `${p.namePrefix} Aurora PostgreSQL: isolated subnets`,
      subnetIds: p.subnetIds,
    });
    // No rules here: Terraform removes the default allow-all egress, and ingress comes from allowFrom.
    this.securityGroup = new SecurityGroup(this, "security-group", {
      name: clusterIdentifier,
      description: "Aurora PostgreSQL cluster: ingress only from named security groups",
      vpcId: p.vpcId,
      tags: { Name: clusterIdentifier },
    });
    const parameters = new ClusterParameterGroup(this, "parameters", {
      namePrefix: p.namePrefix,
      majorVersion: Number(p.engineVersion.split(".")[0]),
      slowStatementMs: p.slowStatementMs,
    });
    const monitoringRole = new EnhancedMonitoringRole(this, "monitoring-role", { namePrefix: p.namePrefix, accountId: p.accountId });
    const logs = new ClusterLogGroups(this, "logs", { clusterIdentifier, kmsKeyArn: p.kmsKeyArn, retentionDays: p.logRetentionDays });
    const serverless = [p.instanceClass, ...(p.readers > 0 ? [p.readerInstanceClass] : [])].includes(AURORA_SERVERLESS_CLASS);

    const cluster = new RdsCluster(this, "cluster", {
      clusterIdentifier,
      engine: AURORA_POSTGRESQL,
      engineMode: "provisioned",
      // A minor pinned in config: provider 5.x plans a downgrade after an automatic minor upgrade
      // (hashicorp/terraform-provider-aws#48936), so the runbook raises the pin after each one.
      engineVersion: p.engineVersion,
      databaseName: p.databaseName,
      masterUsername: p.masterUsername,
      // RDS generates and rotates the password in Secrets Manager; it never passes through Terraform.
      // Aurora allows this together with Aurora Replicas (Aurora User Guide, "Password management
      // with Amazon Aurora and AWS Secrets Manager", Limitations).
      manageMasterUserPassword: true,
      masterUserSecretKmsKeyId: p.kmsKeyArn,
      storageEncrypted: true,
      kmsKeyId: p.kmsKeyArn,
      port: POSTGRES_PORT,
      dbSubnetGroupName: subnetGroup.name,
      vpcSecurityGroupIds: [this.securityGroup.id],
      dbClusterParameterGroupName: parameters.name,
      iamDatabaseAuthenticationEnabled: true,
      enabledCloudwatchLogsExports: [...AURORA_LOG_EXPORTS],
      backupRetentionPeriod: p.backupRetentionDays,
      preferredBackupWindow: p.backupWindow,
      preferredMaintenanceWindow: p.maintenanceWindow,
      copyTagsToSnapshot: true,
      deletionProtection: p.deletionProtection,
      skipFinalSnapshot: !p.deletionProtection,
      finalSnapshotIdentifier: p.deletionProtection ? `${clusterIdentifier}-final` : undefined,
      // Keep automated backups after a deliberate delete when the cluster is protected.
      deleteAutomatedBackups: !p.deletionProtection,
      ...(serverless ? { serverlessv2ScalingConfiguration: { minCapacity: p.serverless.minAcu, maxCapacity: p.serverless.maxAcu } } : {}),
      tags: { Name: clusterIdentifier },
      dependsOn: logs.groups,
    });

    // The writer first, then each reader in another AZ than the writer's. CreateDBCluster makes an empty
    // cluster and its first instance becomes the writer (RDS API Reference, "CreateDBCluster"), so the
    // readers wait for it: the writer is the instance meant to be, in the AZ meant for it.
    const azs = p.availabilityZones;
    const azOf = (n: number) => (azs ? azs[n === 0 ? 0 : 1 + ((n - 1) % (azs.length - 1))] : undefined);
    const instanceIds: string[] = [];
    let writer: RdsClusterInstance | undefined;
    for (let n = 0; n <= p.readers; n++) {
      const identifier = `${clusterIdentifier}-${n + 1}`;
      const instance = new RdsClusterInstance(this, n === 0 ? "writer" : `reader-${n}`, {
        identifier,
        clusterIdentifier: cluster.id,
        engine: AURORA_POSTGRESQL,
        instanceClass: n === 0 ? p.instanceClass : p.readerInstanceClass,
        availabilityZone: azOf(n),
        publiclyAccessible: false,
        autoMinorVersionUpgrade: true,
        // Failover goes to the lowest tier first: readers are tier 1, the writer tier 0 (to fail back to).
        promotionTier: n === 0 ? 0 : 1,
        copyTagsToSnapshot: true,
        preferredMaintenanceWindow: p.maintenanceWindow,
        performanceInsightsEnabled: true,
        performanceInsightsKmsKeyId: p.kmsKeyArn,
        performanceInsightsRetentionPeriod: 7, // the free tier
        monitoringInterval: 60,
        monitoringRoleArn: monitoringRole.arn,
        // The role an instance was created for; after a failover Aurora swaps them (describe-db-clusters shows the current one).
        tags: { Name: identifier, [DB_ROLE_TAG]: n === 0 ? "writer" : "reader" },
        dependsOn: writer ? [writer] : undefined,
      });
      writer ??= instance;
      instanceIds.push(instance.identifier);
    }

    this.securityGroupId = this.securityGroup.id;
    this.writerEndpoint = cluster.endpoint;
    this.readerEndpoint = cluster.readerEndpoint;
    this.databaseName = p.databaseName;
    this.masterSecretArn = cluster.masterUserSecret.get(0).secretArn;
    this.clusterIdentifier = cluster.clusterIdentifier;
    this.clusterArn = cluster.arn;
    this.clusterResourceId = cluster.clusterResourceId;
    this.primaryConnection = { host: this.writerEndpoint, port: this.port, name: this.databaseName, secretArn: this.masterSecretArn, resourceId: this.clusterResourceId };
    this.instanceIdentifiers = instanceIds;
    this.readers = p.readers;
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
