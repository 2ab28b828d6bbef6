import { Construct } from "constructs";
import { Token } from "cdktf";
import { SecurityGroup } from "@cdktf/provider-aws/lib/security-group";
import { VpcSecurityGroupEgressRule } from "@cdktf/provider-aws/lib/vpc-security-group-egress-rule";
import { VpcSecurityGroupIngressRule } from "@cdktf/provider-aws/lib/vpc-security-group-ingress-rule";

export interface ServicesSecurityGroupProps {
  /** Security group name. */
  readonly name: string;
  readonly vpcId: string;
  /** VPC CIDR; database connections may go only there. */
  readonly vpcCidr: string;
  /** The load balancer's security group, the only source admitted. */
  readonly albSecurityGroupId: string;
  /** Container ports the load balancer reaches. */
  readonly containerPorts: readonly number[];
  /** PostgreSQL port. */
  readonly databasePort: number | string;
}

/**
 * Shared by all service tasks. In: only the load balancer, only on container ports. Out: HTTPS to
 * AWS APIs (through the VPC endpoints or the NAT gateway) and PostgreSQL inside the VPC.
 */
export class ServicesSecurityGroup extends Construct {
  readonly securityGroupId: string;

  constructor(scope: Construct, id: string, props: ServicesSecurityGroupProps) {
    super(scope, id);
    const group = new SecurityGroup(this, "group", {
      name: props.name,
      description: "API service tasks: from the load balancer in; HTTPS and PostgreSQL out",
      vpcId: props.vpcId,
      tags: { Name: props.name },
    });
    this.securityGroupId = group.id;

    for (const port of [...new Set(props.containerPorts)].sort((a, b) => a - b)) {
      new VpcSecurityGroupIngressRule(this, `from-alb-${port}`, {
        securityGroupId: group.id,
        description: "API traffic and health checks from the load balancer",
        ipProtocol: "tcp",
        fromPort: port,
        toPort: port,
        referencedSecurityGroupId: props.albSecurityGroupId,
      });
    }
    new VpcSecurityGroupEgressRule(this, "https-out", {
      securityGroupId: group.id,
      description: "AWS APIs (VPC endpoints or NAT) and image pulls",
      ipProtocol: "tcp",
      fromPort: 443,
      toPort: 443,
      cidrIpv4: "0.0.0.0/0",
    });
    const p = props.databasePort;
    const dbPort = typeof p === "number" ? p : Token.isUnresolved(p) ? Token.asNumber(p) : Number(p);
    new VpcSecurityGroupEgressRule(this, "postgres-out", {
      securityGroupId: group.id,
      description: "PostgreSQL (Aurora writer and reader endpoints)",
      ipProtocol: "tcp",
      fromPort: dbPort,
      toPort: dbPort,
      cidrIpv4: props.vpcCidr,
    });
  }
}
