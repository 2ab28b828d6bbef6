/** The Elastic IP quota leaves one address per NAT gateway, next to the addresses already allocated. */
import { belongsTo, natGatewayZones } from "./network-needs";
import { quotaIncreaseHint, readQuota, type QuotaRef } from "./quota";
import type { PreflightCheck } from "./types";

/** Service Quotas: service `ec2`, "EC2-VPC Elastic IPs" (Amazon EC2 User Guide, "Elastic IP address quota"). Default 5 per region. */
export const ELASTIC_IPS_QUOTA: QuotaRef = { serviceCode: "ec2", quotaCode: "L-0263D0A3", name: 'EC2 "EC2-VPC Elastic IPs"' };

export const elasticIpsCheck: PreflightCheck = {
  id: "elastic-ips",
  title: "Elastic IP quota >= addresses already allocated + one per NAT gateway (network.natGateways, network.azCount)",
  actions: ["servicequotas:GetServiceQuota", "servicequotas:GetAWSDefaultServiceQuota", "ec2:DescribeAddresses"],
  async run({ config, clients }) {
    const { DescribeAddressesCommand } = await import("@aws-sdk/client-ec2");
    const quota = await readQuota(await clients.serviceQuotas(), ELASTIC_IPS_QUOTA);
    const { Addresses = [] } = await (await clients.ec2()).send(new DescribeAddressesCommand({}));
    // This environment's own NAT addresses (a re-run after an apply) are part of what it needs, not extra.
    const others = Addresses.filter((a) => a.Domain !== "standard" && !belongsTo(config, a.Tags)).length;
    const need = natGatewayZones(config).length;
    const data = { quota: quota.value, quotaSource: quota.source, allocatedByOthers: others, environmentNeeds: need };
    const spare = quota.value - others - need;
    const summary = `quota ${quota.value} Elastic IPs (${quota.source}), ${others} allocated by other workloads, ${need} needed for ${need} NAT gateway(s) (${config.network.natGateways})`;
    if (spare >= 0) return { status: "pass", summary: `${summary}: ${spare} to spare`, data };
    return { status: "fail", summary: `${summary}: ${-spare} short`, fix: `${quotaIncreaseHint(ELASTIC_IPS_QUOTA, others + need, config.region)}, or release unused addresses`, data };
  },
};
