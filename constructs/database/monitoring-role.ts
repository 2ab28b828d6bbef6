import { Construct } from "constructs";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicyAttachment } from "@cdktf/provider-aws/lib/iam-role-policy-attachment";
import { fromAccount, serviceTrustPolicy } from "../iam-policy";

/** AWS's managed policy for RDS enhanced monitoring (writes only to the RDSOSMetrics log group). */
export const ENHANCED_MONITORING_POLICY_ARN = "arn:aws:iam::aws:policy/service-role/AmazonRDSEnhancedMonitoringRole";

export interface EnhancedMonitoringRoleProps {
  /** Prefix of every name, e.g. `livestream-dev`. */
  readonly namePrefix: string;
  /** Account id; RDS may assume the role only on behalf of this account. */
  readonly accountId: string;
}

/** The role RDS assumes to publish OS-level (enhanced monitoring) metrics. */
export class EnhancedMonitoringRole extends Construct {
  readonly arn: string;

  constructor(scope: Construct, id: string, props: EnhancedMonitoringRoleProps) {
    super(scope, id);
    const role = new IamRole(this, "role", {
      name: `${props.namePrefix}-rds-monitoring`,
      description: "RDS enhanced monitoring publishes OS metrics",
      assumeRolePolicy: serviceTrustPolicy("monitoring.rds.amazonaws.com", fromAccount(props.accountId)),
    });
    new IamRolePolicyAttachment(this, "managed-policy", { role: role.name, policyArn: ENHANCED_MONITORING_POLICY_ARN });
    this.arn = role.arn;
  }
}
