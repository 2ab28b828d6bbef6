/** The NAT-gateways-per-AZ quota leaves room in every AZ the environment puts a NAT gateway in. */
import { belongsTo, natGatewayZones } from "./network-needs";
import { quotaIncreaseHint, readQuota, type QuotaRef } from "./quota";
import type { PreflightCheck } from "./types";

/**
 * Service Quotas: service `vpc`, "NAT gateways per Availability Zone" (Amazon VPC User Guide,
 * "Amazon VPC quotas"; gateways in the pending, active and deleting states count). Default 5.
 */
export const NAT_GATEWAYS_PER_AZ_QUOTA: QuotaRef = { serviceCode: "vpc", quotaCode: "L-FE5A380F", name: 'VPC "NAT gateways per Availability Zone"' };
const COUNTED_STATES = new Set(["pending", "available", "deleting"]);

export const natGatewaysCheck: PreflightCheck = {
  id: "nat-gateways",
  title: "NAT gateways per AZ quota leaves room for this environment's NAT gateway(s) in each of its AZs",
  actions: ["servicequotas:GetServiceQuota", "servicequotas:GetAWSDefaultServiceQuota", "ec2:DescribeNatGateways", "ec2:DescribeSubnets"],
  async run({ config, clients }) {
    const { DescribeSubnetsCommand, paginateDescribeNatGateways } = await import("@aws-sdk/client-ec2");
    const quota = await readQuota(await clients.serviceQuotas(), NAT_GATEWAYS_PER_AZ_QUOTA);
    const ec2 = await clients.ec2();
    const subnetsOfOthers: string[] = [];
    for await (const page of paginateDescribeNatGateways({ client: ec2, pageSize: 1000 }, {})) {
      for (const nat of page.NatGateways ?? []) {
        if (COUNTED_STATES.has(nat.State ?? "") && !belongsTo(config, nat.Tags) && nat.SubnetId) subnetsOfOthers.push(nat.SubnetId);
      }
    }
    // NAT gateways carry a subnet, not an AZ: the subnets say where they are.
    const zoneOf = new Map<string, string>();
    const unique = [...new Set(subnetsOfOthers)];
    if (unique.length) {
      const { Subnets = [] } = await ec2.send(new DescribeSubnetsCommand({ SubnetIds: unique }));
      for (const s of Subnets) if (s.SubnetId && s.AvailabilityZone) zoneOf.set(s.SubnetId, s.AvailabilityZone);
    }
    const zones = natGatewayZones(config);
    const usedIn = Object.fromEntries(zones.map((z) => [z, subnetsOfOthers.filter((s) => zoneOf.get(s) === z).length]));
    const short = zones.filter((z) => usedIn[z]! + 1 > quota.value);
    const data = { quota: quota.value, quotaSource: quota.source, usedByOthersPerZone: usedIn, zones };
    const busiest = Math.max(...zones.map((z) => usedIn[z]!));
    const summary = `quota ${quota.value} per AZ (${quota.source}), one needed in each of ${zones.join(", ")} (${config.network.natGateways}); at most ${busiest} of other workloads in one of them`;
    if (!short.length) return { status: "pass", summary, data };
    return {
      status: "fail",
      summary: `${summary}: no room in ${short.join(", ")}`,
      fix: `${quotaIncreaseHint(NAT_GATEWAYS_PER_AZ_QUOTA, busiest + 1, config.region)}, delete unused NAT gateways, or choose network.availabilityZones with room`,
      data,
    };
  },
};
