export { MediaBuckets, type MediaBucketsProps } from "./media-buckets";
export { MediaBucketPolicies, type MediaBucketPoliciesProps } from "./bucket-policies";
export { PrivateBucket, type PrivateBucketProps } from "./private-bucket";
