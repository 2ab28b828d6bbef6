import { Construct } from "constructs";
import { SecurityGroup } from "@cdktf/provider-aws/lib/security-group";
import { VpcSecurityGroupEgressRule } from "@cdktf/provider-aws/lib/vpc-security-group-egress-rule";
import { VpcSecurityGroupIngressRule } from "@cdktf/provider-aws/lib/vpc-security-group-ingress-rule";

export interface LoadBalancerSecurityGroupProps {
  /** Security group name. */
  readonly name: string;
  /** VPC of the load balancer. */
  readonly vpcId: string;
  /** VPC CIDR; the load balancer may only talk to targets inside it. */
  readonly vpcCidr: string;
  /** Lowest and highest target port. */
  readonly targetPortRange: readonly [number, number];
  /** Also admit IPv6 clients (dual-stack load balancer). */
  readonly ipv6: boolean;
}

/**
 * The only internet ingress of the platform: HTTPS (and HTTP, which just redirects) from anywhere.
 * Egress reaches only the VPC, on the target ports, for forwarding and health checks.
 */
export class LoadBalancerSecurityGroup extends Construct {
  /** Security group id. */
  readonly securityGroupId: string;

  constructor(scope: Construct, id: string, props: LoadBalancerSecurityGroupProps) {
    super(scope, id);
    const group = new SecurityGroup(this, "group", {
      name: props.name,
      description: "Internet-facing API load balancer: HTTPS/HTTP in, target ports to the VPC out",
      vpcId: props.vpcId,
      tags: { Name: props.name },
    });
    this.securityGroupId = group.id;

    const sources: { label: string; cidr: { cidrIpv4?: string; cidrIpv6?: string } }[] = [
      { label: "ipv4", cidr: { cidrIpv4: "0.0.0.0/0" } },
      ...(props.ipv6 ? [{ label: "ipv6", cidr: { cidrIpv6: "::/0" } }] : []),
    ];
    for (const port of [443, 80]) {
      for (const source of sources) {
        new VpcSecurityGroupIngressRule(this, `ingress-${port}-${source.label}`, {
          securityGroupId: group.id,
          description: port === 443 ? "HTTPS from clients" : "HTTP from clients, redirected to HTTPS",
          ipProtocol: "tcp",
          fromPort: port,
          toPort: port,
          ...source.cidr,
        });
      }
    }
    new VpcSecurityGroupEgressRule(this, "egress-targets", {
      securityGroupId: group.id,
      description: "Forwarding and health checks to the service tasks",
      ipProtocol: "tcp",
      fromPort: props.targetPortRange[0],
      toPort: props.targetPortRange[1],
      cidrIpv4: props.vpcCidr,
    });
  }
}
