export { MediaBuckets } from "./media-buckets";
export { MEDIA_BUCKETS_DEFAULTS, type MediaBucketsProps } from "./props";
export { MediaBucketPolicies, type MediaBucketPoliciesProps } from "./bucket-policies";
export { PrivateBucket, type PrivateBucketProps } from "./private-bucket";
