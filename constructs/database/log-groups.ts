import { Construct } from "constructs";
import { CloudwatchLogGroup } from "@cdktf/provider-aws/lib/cloudwatch-log-group";

/** Log types the instances export to CloudWatch Logs. */
export const POSTGRES_LOG_EXPORTS = ["postgresql", "upgrade"] as const;

export interface InstanceLogGroupsProps {
  /** RDS instance identifier whose exports land here. */
  readonly instanceIdentifier: string;
  /** KMS key ARN encrypting the groups. */
  readonly kmsKeyArn: string;
  /** Days records are kept. */
  readonly retentionDays: number;
}

/**
 * The groups RDS exports an instance's logs to, created ahead of the instance: left to RDS they would
 * be unencrypted and kept forever.
 */
export class InstanceLogGroups extends Construct {
  /** The log groups, for the instance to depend on. */
  readonly groups: CloudwatchLogGroup[];

  constructor(scope: Construct, id: string, props: InstanceLogGroupsProps) {
    super(scope, id);
    this.groups = POSTGRES_LOG_EXPORTS.map(
      (type) =>
        new CloudwatchLogGroup(this, type, {
          name: `/aws/rds/instance/${props.instanceIdentifier}/${type}`,
          retentionInDays: props.retentionDays,
          kmsKeyId: props.kmsKeyArn,
        }),
    );
  }
}
