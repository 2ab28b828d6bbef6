/**
 * Pure address planning for the Network construct: which AZs, and which slice of the VPC block each
 * subnet gets. The CIDR arithmetic itself is Terraform's `cidrsubnet`, evaluated at plan time.
 */

/** The three subnet tiers, in address order. */
export const SUBNET_TIERS = ["public", "private", "isolated"] as const;
export type SubnetTier = (typeof SUBNET_TIERS)[number];

/**
 * Address slots reserved per tier. Each tier owns a fixed run of slots whatever the AZ count, so
 * growing from 2 to 3 AZs adds subnets without renumbering the existing ones.
 */
export const SLOTS_PER_TIER = 4;

export { resolveAvailabilityZones } from "../../contracts/network";

/** `cidrsubnet` netnum of the subnet of `tier` in the AZ at `azIndex`. */
export function subnetNetnum(tier: SubnetTier, azIndex: number): number {
  return SUBNET_TIERS.indexOf(tier) * SLOTS_PER_TIER + azIndex;
}

/** Prefix length of a literal IPv4 CIDR such as 10.20.0.0/16, or undefined when it is not one. */
export function cidrPrefixLength(cidr: string): number | undefined {
  const match = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/.exec(cidr);
  if (!match) return undefined;
  if (match.slice(1, 5).some((octet) => Number(octet) > 255)) return undefined;
  const prefix = Number(match[5]);
  return prefix <= 32 ? prefix : undefined;
}
