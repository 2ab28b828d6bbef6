/** Tag keys the stacks set and the ops CLI reads. */

/** Every tag key of the platform starts with this; the environment config may not set such keys. */
export const TAG_PREFIX = "livestream:";

/** On MediaLive channels and inputs: the pool (environment) the channel belongs to. */
export const POOL_TAG = `${TAG_PREFIX}pool`;
/** On MediaLive channels: the channel's position in the pool (0-based). */
export const CHANNEL_INDEX_TAG = `${TAG_PREFIX}channel-index`;
/** On MediaLive channels: the MediaPackage channel its recording output feeds. */
export const MEDIAPACKAGE_CHANNEL_TAG = `${TAG_PREFIX}mediapackage-channel`;
/** On MediaLive channels: the MediaPackage origin endpoint harvest jobs read from. */
export const ORIGIN_ENDPOINT_TAG = `${TAG_PREFIX}origin-endpoint`;
/** On every resource (the provider's default tags): the environment it belongs to. */
export const ENVIRONMENT_TAG = `${TAG_PREFIX}environment`;
/** On every resource (the provider's default tags): what manages it (`cdktf`); the runbook filters on it. */
export const MANAGED_BY_TAG = `${TAG_PREFIX}managed-by`;
/** On subnets: `public`, `private` or `isolated`; the runbook finds the private subnets by it. */
export const SUBNET_TIER_TAG = `${TAG_PREFIX}subnet-tier`;
/**
 * On the Aurora instances: `writer` or `reader`, the role each was created for. A failover swaps the
 * roles, the tags stay: `aws rds describe-db-clusters` (DBClusterMembers[].IsClusterWriter) tells the current one.
 */
export const DB_ROLE_TAG = `${TAG_PREFIX}db-role`;

/**
 * A value AWS accepts as a tag value (the pool's, on channels and inputs): 0-256 Unicode letters,
 * digits, spaces and `_ . : / = + - @` (Tagging AWS resources, "Tag naming limits"), narrowed
 * here to ASCII without spaces and at least one character, as pool names are written.
 */
export function isTagValue(value: string): boolean {
  return /^[A-Za-z0-9_.:/=+@-]{1,256}$/.test(value);
}
