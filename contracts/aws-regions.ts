/**
 * The AWS commercial regions (partition `aws`): what `region` and `state.region` in an environment
 * file may name. Source: the `aws` partition of the endpoint rule set the AWS SDK ships
 * (`@aws-sdk/util-endpoints`, lib/aws/partitions.json, 3.995.0), which is the list in the AWS
 * General Reference, "AWS Regions". China (aws-cn), GovCloud (aws-us-gov), the European Sovereign
 * Cloud (aws-eusc) and the ISO partitions are other partitions with other ARNs: left out on purpose.
 * contracts/aws-regions.test.ts fails when the SDK's list changes, so a new region is one line here.
 */
export const AWS_COMMERCIAL_REGIONS = [
  "af-south-1",
  "ap-east-1",
  "ap-east-2",
  "ap-northeast-1",
  "ap-northeast-2",
  "ap-northeast-3",
  "ap-south-1",
  "ap-south-2",
  "ap-southeast-1",
  "ap-southeast-2",
  "ap-southeast-3",
  "ap-southeast-4",
  "ap-southeast-5",
  "ap-southeast-6",
  "ap-southeast-7",
  "ca-central-1",
  "ca-west-1",
  "eu-central-1",
  "eu-central-2",
  "eu-north-1",
  "eu-south-1",
  "eu-south-2",
  "eu-west-1",
  "eu-west-2",
  "eu-west-3",
  "il-central-1",
  "me-central-1",
  "me-south-1",
  "mx-central-1",
  "sa-east-1",
  "us-east-1",
  "us-east-2",
  "us-west-1",
  "us-west-2",
] as const;

export type AwsCommercialRegion = (typeof AWS_COMMERCIAL_REGIONS)[number];

export function isAwsCommercialRegion(region: string): region is AwsCommercialRegion {
  return (AWS_COMMERCIAL_REGIONS as readonly string[]).includes(region);
}

/** The design's region (Singapore): where an environment deploys unless it names another, and whose prices the forecast uses by default. */
export const DEFAULT_REGION: AwsCommercialRegion = "ap-southeast-1";
