import { Network } from "../../constructs/network";
import type { Platform } from "./foundation";

/** The VPC: public / private / isolated subnets per AZ, NAT, endpoints, flow logs. */
export function buildNetwork(p: Platform): Network {
  const { config } = p;
  return new Network(p.stack, "network", {
    namePrefix: p.namePrefix,
    region: config.region,
    accountId: config.accountId,
    cidr: config.network.cidr,
    azCount: config.network.azCount,
    availabilityZones: config.network.availabilityZones,
    natGateways: config.network.natGateways,
    flowLogRetentionDays: config.network.flowLogRetentionDays,
    kmsKeyArn: p.kmsKeyArn,
  });
}
