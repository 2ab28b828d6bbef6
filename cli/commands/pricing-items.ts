/**
 * What `ops pricing refresh` asks the Price List API for: one GetProducts query per catalog price.
 * Usage types carry a region prefix (APS1-, USE1- ...); CloudFront prices by edge location group.
 * The filters are TERM_MATCH on product attributes; a query must match exactly one product.
 */

export interface PricedItem {
  /** Catalog key, e.g. `fargate.x86.vcpu`. */
  readonly key: string;
  readonly serviceCode: string;
  /** Attribute filters (TERM_MATCH). */
  readonly filters: Readonly<Record<string, string>>;
  readonly unit: string;
  /** Units the API's per-unit price is multiplied by to give the catalog price (e.g. 10,000 requests). */
  readonly quantity?: number;
  /** Keep every price dimension as a tier (CloudFront egress). */
  readonly tiered?: boolean;
  /** Region the price applies to when not the catalog's (Route 53 is global). */
  readonly region?: string;
}

/** Usage-type prefixes of the regions this project prices. */
export const USAGE_PREFIX: Readonly<Record<string, string>> = {
  "us-east-1": "USE1",
  "us-west-2": "USW2",
  "eu-west-1": "EU",
  "eu-central-1": "EUC1",
  "ap-southeast-1": "APS1",
  "ap-southeast-2": "APS2",
  "ap-northeast-1": "APN1",
  "ap-south-1": "APS3",
};

/** CloudFront's usage-type prefix for the edge locations that serve a region's viewers. */
const CLOUDFRONT_PREFIX: Readonly<Record<string, string>> = { "us-east-1": "US", "us-west-2": "US", "eu-west-1": "EU", "eu-central-1": "EU", "ap-northeast-1": "JP", "ap-south-1": "IN" };

const RDS_CLASSES = ["db.t4g.micro", "db.t4g.medium", "db.m6g.large"];

export function pricedItems(region: string): PricedItem[] {
  const p = USAGE_PREFIX[region];
  if (!p) throw new RangeError(`no usage-type prefix known for region '${region}' (known: ${Object.keys(USAGE_PREFIX).join(", ")})`);
  const cf = CLOUDFRONT_PREFIX[region] ?? "AP";
  const r = { regionCode: region };
  return [
    { key: "fargate.x86.vcpu", serviceCode: "AmazonECS", filters: { ...r, usagetype: `${p}-Fargate-vCPU-Hours:perCPU` }, unit: "vCPU-hour" },
    { key: "fargate.x86.memory", serviceCode: "AmazonECS", filters: { ...r, usagetype: `${p}-Fargate-GB-Hours` }, unit: "GB-hour" },
    { key: "fargate.arm.vcpu", serviceCode: "AmazonECS", filters: { ...r, usagetype: `${p}-Fargate-ARM-vCPU-Hours:perCPU` }, unit: "vCPU-hour" },
    { key: "fargate.arm.memory", serviceCode: "AmazonECS", filters: { ...r, usagetype: `${p}-Fargate-ARM-GB-Hours` }, unit: "GB-hour" },
    { key: "alb.hour", serviceCode: "AWSELB", filters: { ...r, usagetype: `${p}-LoadBalancerUsage`, productFamily: "Load Balancer-Application" }, unit: "ALB-hour" },
    { key: "alb.lcu", serviceCode: "AWSELB", filters: { ...r, usagetype: `${p}-LCUUsage`, productFamily: "Load Balancer-Application" }, unit: "LCU-hour" },
    { key: "nat.hour", serviceCode: "AmazonEC2", filters: { ...r, usagetype: `${p}-NatGateway-Hours` }, unit: "NAT-gateway-hour" },
    { key: "nat.data", serviceCode: "AmazonEC2", filters: { ...r, usagetype: `${p}-NatGateway-Bytes` }, unit: "GB" },
    { key: "vpce.hour", serviceCode: "AmazonVPC", filters: { ...r, usagetype: `${p}-VpcEndpoint-Hours` }, unit: "endpoint-AZ-hour" },
    { key: "vpce.data", serviceCode: "AmazonVPC", filters: { ...r, usagetype: `${p}-VpcEndpoint-Bytes` }, unit: "GB" },
    { key: "s3.storage", serviceCode: "AmazonS3", filters: { ...r, usagetype: `${p}-TimedStorage-ByteHrs` }, unit: "GB-month" },
    { key: "s3.put", serviceCode: "AmazonS3", filters: { ...r, usagetype: `${p}-Requests-Tier1` }, unit: "request", quantity: 1000 },
    { key: "cloudfront.egress", serviceCode: "AmazonCloudFront", filters: { usagetype: `${cf}-DataTransfer-Out-Bytes` }, unit: "GB", tiered: true, region: `CloudFront ${cf}` },
    { key: "cloudfront.https-requests", serviceCode: "AmazonCloudFront", filters: { usagetype: `${cf}-Requests-Tier2-HTTPS` }, unit: "request", quantity: 10000, region: `CloudFront ${cf}` },
    { key: "medialive.input.hd", serviceCode: "AWSElementalMediaLive", filters: { ...r, usagetype: `${p}-Input-HD-AVC-SinglePipeline` }, unit: "input-hour" },
    { key: "medialive.output.hd", serviceCode: "AWSElementalMediaLive", filters: { ...r, usagetype: `${p}-Output-HD-AVC-SinglePipeline` }, unit: "output-hour" },
    { key: "mediapackage.ingest", serviceCode: "AWSElementalMediaPackage", filters: { ...r, usagetype: `${p}-Ingest-Bytes` }, unit: "GB" },
    { key: "mediapackage.origination", serviceCode: "AWSElementalMediaPackage", filters: { ...r, usagetype: `${p}-Origination-Bytes` }, unit: "GB" },
    ...RDS_CLASSES.map((cls) => ({
      key: `rds.${cls}`,
      serviceCode: "AmazonRDS",
      filters: { ...r, instanceType: cls, databaseEngine: "PostgreSQL", deploymentOption: "Single-AZ" },
      unit: "instance-hour",
    })),
    { key: "rds.storage", serviceCode: "AmazonRDS", filters: { ...r, usagetype: `${p}-RDS:GP3-Storage` }, unit: "GB-month" },
    { key: "logs.ingest", serviceCode: "AmazonCloudWatch", filters: { ...r, usagetype: `${p}-DataProcessing-Bytes` }, unit: "GB" },
    { key: "sqs.requests", serviceCode: "AWSQueueService", filters: { ...r, usagetype: `${p}-Requests-RBP` }, unit: "request", quantity: 1e6 },
    { key: "sns.mobile-push", serviceCode: "AmazonSNS", filters: { ...r, usagetype: `${p}-DeliveryAttempts-APNS` }, unit: "notification", quantity: 1e6 },
    { key: "lambda.requests", serviceCode: "AWSLambda", filters: { ...r, usagetype: `${p}-Request` }, unit: "request", quantity: 1e6 },
    { key: "lambda.gb-second", serviceCode: "AWSLambda", filters: { ...r, usagetype: `${p}-Lambda-GB-Second` }, unit: "GB-second" },
    { key: "route53.zone", serviceCode: "AmazonRoute53", filters: { usagetype: "HostedZone" }, unit: "hosted-zone-month", region: "global" },
    { key: "route53.queries", serviceCode: "AmazonRoute53", filters: { usagetype: "DNS-Queries" }, unit: "query", quantity: 1e6, region: "global" },
  ];
}
