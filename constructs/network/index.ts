import { Construct } from "constructs";
import { Fn } from "cdktf";
import { DefaultSecurityGroup } from "@cdktf/provider-aws/lib/default-security-group";
import { Eip } from "@cdktf/provider-aws/lib/eip";
import { InternetGateway } from "@cdktf/provider-aws/lib/internet-gateway";
import { NatGateway } from "@cdktf/provider-aws/lib/nat-gateway";
import { Route } from "@cdktf/provider-aws/lib/route";
import { RouteTable } from "@cdktf/provider-aws/lib/route-table";
import { RouteTableAssociation } from "@cdktf/provider-aws/lib/route-table-association";
import { Subnet } from "@cdktf/provider-aws/lib/subnet";
import { Vpc } from "@cdktf/provider-aws/lib/vpc";
import { DEFAULT_INTERFACE_ENDPOINTS, VpcEndpoints } from "./endpoints";
import { VpcFlowLog } from "./flow-log";
import { NETWORK_DEFAULTS, type NetworkProps } from "./props";
import { isLogRetentionDays, LOG_RETENTION_DAYS, SUBNET_TIER_TAG } from "../../contracts";
import { SLOTS_PER_TIER, cidrPrefixLength, resolveAvailabilityZones, subnetNetnum, type SubnetTier } from "./layout";

export { DEFAULT_INTERFACE_ENDPOINTS } from "./endpoints";
export { NETWORK_DEFAULTS, type NetworkProps } from "./props";


/**
 * The platform VPC: per AZ a public subnet (ALB, NAT), a private one (services; out through NAT) and an
 * isolated one (database; no route out). S3 and interface endpoints keep AWS traffic off the NAT,
 * flow logs record all traffic, and the default security group is emptied so nothing uses it by accident.
 */
export class Network extends Construct {
  readonly vpcId: string;
  /** The VPC block as given (a literal, usable in security group rules). */
  readonly vpcCidr: string;
  readonly availabilityZones: string[];
  /** Subnet ids in AZ order, per tier. */
  readonly publicSubnetIds: string[];
  readonly privateSubnetIds: string[];
  readonly isolatedSubnetIds: string[];
  /** Route tables of the private subnets, in AZ order. */
  readonly privateRouteTableIds: string[];
  /** Route table(s) of the isolated subnets: local routes and the S3 gateway only. */
  readonly isolatedRouteTableIds: string[];
  /** Security group of the interface endpoints. */
  readonly endpointsSecurityGroupId: string;
  /** Log group receiving the VPC flow logs. */
  readonly flowLogGroupName: string;

  constructor(scope: Construct, id: string, props: NetworkProps) {
    super(scope, id);
    const d = NETWORK_DEFAULTS;
    const azCount = props.azCount ?? props.availabilityZones?.length ?? d.azCount;
    const natGateways = props.natGateways ?? d.natGateways;
    const newBits = props.subnetNewBits ?? d.subnetNewBits;
    const flowLogRetentionDays = props.flowLogRetentionDays ?? d.flowLogRetentionDays;
    validate(props, azCount, natGateways, newBits, flowLogRetentionDays);
    const prefix = props.namePrefix;
    const azs = resolveAvailabilityZones(props.region, azCount, props.availabilityZones);
    this.availabilityZones = azs;
    this.vpcCidr = props.cidr;

    const vpc = new Vpc(this, "vpc", {
      cidrBlock: props.cidr,
      enableDnsSupport: true,
      enableDnsHostnames: true, // private DNS of interface endpoints needs both
      tags: { Name: prefix },
    });
    this.vpcId = vpc.id;

    // Closed: no ingress, no egress. Resources must name a purpose-built group instead.
    new DefaultSecurityGroup(this, "default-security-group", {
      vpcId: vpc.id,
      ingress: [],
      egress: [],
      tags: { Name: `${prefix}-default-closed` },
    });

    const subnet = (tier: SubnetTier, az: string, index: number) =>
      new Subnet(this, `${tier}-${az}`, {
        vpcId: vpc.id,
        availabilityZone: az,
        cidrBlock: Fn.cidrsubnet(props.cidr, newBits, subnetNetnum(tier, index)),
        mapPublicIpOnLaunch: false, // public subnets hold the ALB and NAT; nothing gets a public IP by default
        tags: { Name: `${prefix}-${tier}-${az}`, [SUBNET_TIER_TAG]: tier },
      });
    const publicSubnets = azs.map((az, i) => subnet("public", az, i));
    const privateSubnets = azs.map((az, i) => subnet("private", az, i));
    const isolatedSubnets = azs.map((az, i) => subnet("isolated", az, i));
    this.publicSubnetIds = publicSubnets.map((s) => s.id);
    this.privateSubnetIds = privateSubnets.map((s) => s.id);
    this.isolatedSubnetIds = isolatedSubnets.map((s) => s.id);

    // Public tier: default route to the internet gateway.
    const igw = new InternetGateway(this, "internet-gateway", { vpcId: vpc.id, tags: { Name: prefix } });
    const publicRouteTable = new RouteTable(this, "public-route-table", { vpcId: vpc.id, tags: { Name: `${prefix}-public` } });
    new Route(this, "public-default-route", { routeTableId: publicRouteTable.id, destinationCidrBlock: "0.0.0.0/0", gatewayId: igw.id });
    publicSubnets.forEach((s, i) => new RouteTableAssociation(this, `public-${azs[i]}-association`, { subnetId: s.id, routeTableId: publicRouteTable.id }));

    // NAT in the first AZ only, or in every AZ so an AZ outage does not cut the others off.
    const natAzCount = natGateways === "per-az" ? azs.length : 1;
    const nats = azs.slice(0, natAzCount).map((az, i) => {
      const eip = new Eip(this, `nat-eip-${az}`, { domain: "vpc", tags: { Name: `${prefix}-nat-${az}` } });
      return new NatGateway(this, `nat-${az}`, {
        allocationId: eip.allocationId,
        subnetId: publicSubnets[i].id,
        connectivityType: "public",
        tags: { Name: `${prefix}-nat-${az}` },
        dependsOn: [igw],
      });
    });

    // Private tier: one route table per AZ (so switching to per-AZ NAT only changes routes).
    const privateRouteTables = azs.map((az, i) => {
      const table = new RouteTable(this, `private-route-table-${az}`, { vpcId: vpc.id, tags: { Name: `${prefix}-private-${az}` } });
      const nat = nats[natGateways === "per-az" ? i : 0];
      new Route(this, `private-default-route-${az}`, { routeTableId: table.id, destinationCidrBlock: "0.0.0.0/0", natGatewayId: nat.id });
      new RouteTableAssociation(this, `private-${az}-association`, { subnetId: privateSubnets[i].id, routeTableId: table.id });
      return table;
    });
    this.privateRouteTableIds = privateRouteTables.map((t) => t.id);

    // Isolated tier: local routes only (plus the S3 gateway endpoint below), no way to the internet.
    const isolatedRouteTable = new RouteTable(this, "isolated-route-table", { vpcId: vpc.id, tags: { Name: `${prefix}-isolated` } });
    isolatedSubnets.forEach((s, i) => new RouteTableAssociation(this, `isolated-${azs[i]}-association`, { subnetId: s.id, routeTableId: isolatedRouteTable.id }));
    this.isolatedRouteTableIds = [isolatedRouteTable.id];

    const endpoints = new VpcEndpoints(this, "endpoints", {
      namePrefix: prefix,
      region: props.region,
      vpcId: vpc.id,
      vpcCidr: props.cidr,
      subnetIds: this.privateSubnetIds,
      gatewayRouteTableIds: [...this.privateRouteTableIds, ...this.isolatedRouteTableIds],
      interfaceServices: props.interfaceEndpoints ?? DEFAULT_INTERFACE_ENDPOINTS,
    });
    this.endpointsSecurityGroupId = endpoints.securityGroupId;

    const flowLog = new VpcFlowLog(this, "flow-log", {
      namePrefix: prefix,
      vpcId: vpc.id,
      kmsKeyArn: props.kmsKeyArn,
      accountId: props.accountId,
      region: props.region,
      retentionDays: flowLogRetentionDays,
    });
    this.flowLogGroupName = flowLog.logGroupName;
  }
}

function validate(props: NetworkProps, azCount: number, natGateways: string, newBits: number, flowLogRetentionDays: number): void {
  const prefixLength = cidrPrefixLength(props.cidr);
  if (prefixLength === undefined || prefixLength < 16 || prefixLength > 24) {
    throw new Error(`Network: cidr '${props.cidr}' must be a literal IPv4 block from /16 to /24, e.g. 10.20.0.0/16`);
  }
  if (!Number.isInteger(azCount) || azCount < 2 || azCount > SLOTS_PER_TIER) {
    throw new Error(`Network: azCount must be 2 to ${SLOTS_PER_TIER} (load balancer and database subnet groups need two AZs), got ${azCount}`);
  }
  if (props.availabilityZones) {
    if (props.availabilityZones.length !== azCount) {
      throw new Error(`Network: availabilityZones lists ${props.availabilityZones.length} zones but azCount is ${azCount}`);
    }
    if (new Set(props.availabilityZones).size !== azCount) {
      throw new Error(`Network: availabilityZones repeats a zone (${props.availabilityZones.join(", ")})`);
    }
    const foreign = props.availabilityZones.filter((az) => !new RegExp(`^${props.region}[a-z]$`).test(az));
    if (foreign.length) {
      throw new Error(`Network: availabilityZones ${foreign.join(", ")} are not zones of region ${props.region}`);
    }
  }
  if (natGateways !== "single" && natGateways !== "per-az") {
    throw new Error(`Network: natGateways must be "single" or "per-az", got '${natGateways}'`);
  }
  if (!isLogRetentionDays(flowLogRetentionDays)) {
    throw new Error(`Network: flowLogRetentionDays ${flowLogRetentionDays} is not a CloudWatch Logs retention; use one of ${LOG_RETENTION_DAYS.join(", ")}`);
  }
  const badEndpoints = (props.interfaceEndpoints ?? []).filter((s) => !/^[a-z0-9][a-z0-9.-]*$/.test(s) || s === "s3");
  if (badEndpoints.length) {
    throw new Error(`Network: interfaceEndpoints has invalid entries (${badEndpoints.join(", ")}); use service names such as ecr.api (S3 is always a gateway endpoint)`);
  }
  // Three tiers of SLOTS_PER_TIER subnets must fit, and AWS subnets are /28 or larger.
  if (!Number.isInteger(newBits) || 2 ** newBits < 3 * SLOTS_PER_TIER || prefixLength + newBits > 28) {
    throw new Error(`Network: subnetNewBits ${newBits} must be at least 4 (3 tiers x ${SLOTS_PER_TIER} subnets) and, with cidr /${prefixLength}, give subnets of /28 or larger`);
  }
}
