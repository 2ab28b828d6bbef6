import { Construct } from "constructs";
import { SecurityGroup } from "@cdktf/provider-aws/lib/security-group";
import { VpcEndpoint } from "@cdktf/provider-aws/lib/vpc-endpoint";
import { VpcSecurityGroupIngressRule } from "@cdktf/provider-aws/lib/vpc-security-group-ingress-rule";

/** Interface endpoints the services need so their AWS traffic skips the NAT (and its per-GB fee). */
export const DEFAULT_INTERFACE_ENDPOINTS = ["ecr.api", "ecr.dkr", "logs", "secretsmanager", "sqs"] as const;

export interface VpcEndpointsProps {
  /** Prefix of every name, e.g. `livestream-dev`. */
  readonly namePrefix: string;
  /** Region of the VPC (endpoint service names are `com.amazonaws.<region>.<service>`). */
  readonly region: string;
  readonly vpcId: string;
  /** VPC CIDR: the only source the endpoints accept HTTPS from. */
  readonly vpcCidr: string;
  /** Subnets that get an endpoint network interface (one per AZ). */
  readonly subnetIds: string[];
  /** Route tables that get the S3 gateway endpoint route. */
  readonly gatewayRouteTableIds: string[];
  /** Interface endpoint services, e.g. `ecr.api`. @default ecr.api, ecr.dkr, logs, secretsmanager, sqs */
  readonly interfaceServices?: readonly string[];
}

/** An S3 gateway endpoint and private-DNS interface endpoints reachable on 443 from the VPC only. */
export class VpcEndpoints extends Construct {
  /** Security group of the interface endpoints. */
  readonly securityGroupId: string;
  /** Endpoint id per service name (`s3` included). */
  readonly endpointIds: Record<string, string> = {};

  constructor(scope: Construct, id: string, props: VpcEndpointsProps) {
    super(scope, id);
    const services = props.interfaceServices ?? DEFAULT_INTERFACE_ENDPOINTS;
    const bad = services.filter((s) => !/^[a-z0-9][a-z0-9.-]*$/.test(s) || s === "s3");
    if (bad.length) {
      throw new Error(`VpcEndpoints: interfaceServices has invalid entries (${bad.join(", ")}); use service names such as ecr.api (S3 is always a gateway endpoint)`);
    }

    // Gateway endpoints are free; ECR image layers come from S3 through this one too.
    const s3 = new VpcEndpoint(this, "s3", {
      vpcId: props.vpcId,
      serviceName: `com.amazonaws.${props.region}.s3`,
      vpcEndpointType: "Gateway",
      routeTableIds: props.gatewayRouteTableIds,
      tags: { Name: `${props.namePrefix}-s3` },
    });
    this.endpointIds.s3 = s3.id;

    // No egress rules: Terraform drops the default allow-all, and endpoints only answer.
    const sg = new SecurityGroup(this, "security-group", {
      name: `${props.namePrefix}-vpc-endpoints`,
      description: "Interface VPC endpoints: HTTPS from inside the VPC only",
      vpcId: props.vpcId,
      tags: { Name: `${props.namePrefix}-vpc-endpoints` },
    });
    new VpcSecurityGroupIngressRule(this, "https-from-vpc", {
      securityGroupId: sg.id,
      description: "HTTPS from the VPC",
      ipProtocol: "tcp",
      fromPort: 443,
      toPort: 443,
      cidrIpv4: props.vpcCidr,
    });
    this.securityGroupId = sg.id;

    for (const service of services) {
      const endpoint = new VpcEndpoint(this, service.replace(/\./g, "-"), {
        vpcId: props.vpcId,
        serviceName: `com.amazonaws.${props.region}.${service}`,
        vpcEndpointType: "Interface",
        privateDnsEnabled: true,
        subnetIds: props.subnetIds,
        securityGroupIds: [sg.id],
        tags: { Name: `${props.namePrefix}-${service}` },
      });
      this.endpointIds[service] = endpoint.id;
    }
  }
}
