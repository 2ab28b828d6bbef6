import { AWS_COMMERCIAL_REGIONS, isAwsCommercialRegion } from "./aws-regions";

test("the region list is the SDK's own `aws` partition (a new region shows up here first)", () => {
  // The endpoint rule set the pinned SDK resolves endpoints with; "aws-global" is a pseudo-region.
  const partitions = require("@aws-sdk/util-endpoints/dist-cjs/lib/aws/partitions.json") as { partitions: { id: string; regions: Record<string, unknown> }[] };
  const aws = partitions.partitions.find((p) => p.id === "aws")!;
  const sdkRegions = Object.keys(aws.regions).filter((r) => !r.endsWith("-global")).sort();
  expect([...AWS_COMMERCIAL_REGIONS].sort()).toEqual(sdkRegions);
});

test("other partitions and made-up names are not commercial regions", () => {
  expect(isAwsCommercialRegion("ap-southeast-1")).toBe(true);
  for (const r of ["ap-southeast-9", "cn-north-1", "us-gov-west-1", "eusc-de-east-1", "AP-SOUTHEAST-1", ""]) expect(isAwsCommercialRegion(r)).toBe(false);
});
