import { Construct } from "constructs";
import { CloudwatchLogGroup } from "@cdktf/provider-aws/lib/cloudwatch-log-group";

/**
 * Log types the cluster exports to CloudWatch Logs: the PostgreSQL log, and the IAM database
 * authentication errors of the services, the indexer and the reconcile task (Aurora User Guide,
 * "Aurora PostgreSQL database log files"; the API accepts instance, postgresql and iam-db-auth-error).
 */
export const AURORA_LOG_EXPORTS = ["postgresql", "iam-db-auth-error"] as const;

export interface ClusterLogGroupsProps {
  /** Aurora cluster identifier whose exports land here. */
  readonly clusterIdentifier: string;
  /** KMS key ARN encrypting the groups. */
  readonly kmsKeyArn: string;
  /** Days records are kept. */
  readonly retentionDays: number;
}

/**
 * The groups Aurora exports a cluster's logs to (`/aws/rds/cluster/<cluster>/<type>`, Aurora User
 * Guide, "Publishing Aurora PostgreSQL logs to Amazon CloudWatch Logs"), created ahead of the
 * cluster: left to RDS they would be unencrypted and kept forever.
 */
export class ClusterLogGroups extends Construct {
  /** The log groups, for the cluster to depend on. */
  readonly groups: CloudwatchLogGroup[];

  constructor(scope: Construct, id: string, props: ClusterLogGroupsProps) {
    super(scope, id);
    this.groups = AURORA_LOG_EXPORTS.map(
      (type) =>
        new CloudwatchLogGroup(this, type, {
          name: `/aws/rds/cluster/${props.clusterIdentifier}/${type}`,
          retentionInDays: props.retentionDays,
          kmsKeyId: props.kmsKeyArn,
        }),
    );
  }
}
