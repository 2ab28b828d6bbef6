/**
 * What `ops pricing refresh` asks the Price List API for: one GetProducts query per catalog price.
 * Usage types carry a region prefix (APS1-, USE1- ...); CloudFront prices by edge location group.
 * The filters are TERM_MATCH on product attributes; when several products match, the first is used
 * and the catalog's source says so. MediaLive is matched on its billing operation (MediaLive user
 * guide, "Billing operations": CHANNEL_INPUT, CHANNEL_OUTPUT, INACTIVE_CHANNEL, INACTIVE_INPUT) and
 * the encode's codec, resolution and pipeline. Always-free allowances are not in the Price List API:
 * they are carried over from the free tier pages (`freePerMonth`).
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
  /** The always-free allowance a month (from AWS's free tier pages, not the Price List API). */
  readonly freePerMonth?: number;
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

/** RDS for PostgreSQL classes, for stacks that deploy aws_db_instance. */
const RDS_CLASSES = ["db.t4g.micro", "db.t4g.small", "db.t4g.medium", "db.t4g.large", "db.m6g.large", "db.m6g.xlarge", "db.m6g.2xlarge", "db.r6g.large", "db.r6g.xlarge"];
/** Aurora PostgreSQL classes the environments or the capacity plan's ladder may use (cost-model/capacity.ts). */
const AURORA_CLASSES = ["db.t4g.medium", "db.t4g.large", "db.r6g.large", "db.r6g.xlarge", "db.r6g.2xlarge", "db.r7g.large"];

export function pricedItems(region: string): PricedItem[] {
  const p = USAGE_PREFIX[region];
  if (!p) throw new RangeError(`no usage-type prefix known for region '${region}' (known: ${Object.keys(USAGE_PREFIX).join(", ")})`);
  const cf = CLOUDFRONT_PREFIX[region] ?? "AP";
  const r = { regionCode: region };
  const medialive = (key: string, operation: string, extra: Record<string, string>, unit: string): PricedItem => ({
    key,
    serviceCode: "AWSElementalMediaLive",
    filters: { ...r, operation, ...extra },
    unit,
  });
  return [
    { key: "fargate.x86.vcpu", serviceCode: "AmazonECS", filters: { ...r, usagetype: `${p}-Fargate-vCPU-Hours:perCPU` }, unit: "vCPU-hour" },
    { key: "fargate.x86.memory", serviceCode: "AmazonECS", filters: { ...r, usagetype: `${p}-Fargate-GB-Hours` }, unit: "GB-hour" },
    { key: "fargate.arm.vcpu", serviceCode: "AmazonECS", filters: { ...r, usagetype: `${p}-Fargate-ARM-vCPU-Hours:perCPU` }, unit: "vCPU-hour" },
    { key: "fargate.arm.memory", serviceCode: "AmazonECS", filters: { ...r, usagetype: `${p}-Fargate-ARM-GB-Hours` }, unit: "GB-hour" },
    { key: "fargate-spot.x86.vcpu", serviceCode: "AmazonECS", filters: { ...r, usagetype: `${p}-SpotUsage-Fargate-vCPU-Hours:perCPU` }, unit: "vCPU-hour" },
    { key: "fargate-spot.x86.memory", serviceCode: "AmazonECS", filters: { ...r, usagetype: `${p}-SpotUsage-Fargate-GB-Hours` }, unit: "GB-hour" },
    { key: "fargate-spot.arm.vcpu", serviceCode: "AmazonECS", filters: { ...r, usagetype: `${p}-SpotUsage-Fargate-ARM-vCPU-Hours:perCPU` }, unit: "vCPU-hour" },
    { key: "fargate-spot.arm.memory", serviceCode: "AmazonECS", filters: { ...r, usagetype: `${p}-SpotUsage-Fargate-ARM-GB-Hours` }, unit: "GB-hour" },
    { key: "alb.hour", serviceCode: "AWSELB", filters: { ...r, usagetype: `${p}-LoadBalancerUsage`, productFamily: "Load Balancer-Application" }, unit: "ALB-hour" },
    { key: "alb.lcu", serviceCode: "AWSELB", filters: { ...r, usagetype: `${p}-LCUUsage`, productFamily: "Load Balancer-Application" }, unit: "LCU-hour" },
    { key: "vpc.public-ipv4", serviceCode: "AmazonVPC", filters: { ...r, usagetype: `${p}-PublicIPv4:InUseAddress` }, unit: "IPv4-address-hour" },
    { key: "nat.hour", serviceCode: "AmazonEC2", filters: { ...r, usagetype: `${p}-NatGateway-Hours` }, unit: "NAT-gateway-hour" },
    { key: "nat.data", serviceCode: "AmazonEC2", filters: { ...r, usagetype: `${p}-NatGateway-Bytes` }, unit: "GB" },
    { key: "vpce.hour", serviceCode: "AmazonVPC", filters: { ...r, usagetype: `${p}-VpcEndpoint-Hours` }, unit: "endpoint-AZ-hour" },
    { key: "vpce.data", serviceCode: "AmazonVPC", filters: { ...r, usagetype: `${p}-VpcEndpoint-Bytes` }, unit: "GB" },
    { key: "s3.storage", serviceCode: "AmazonS3", filters: { ...r, usagetype: `${p}-TimedStorage-ByteHrs` }, unit: "GB-month" },
    { key: "s3.put", serviceCode: "AmazonS3", filters: { ...r, usagetype: `${p}-Requests-Tier1` }, unit: "request", quantity: 1000 },
    { key: "cloudfront.egress", serviceCode: "AmazonCloudFront", filters: { usagetype: `${cf}-DataTransfer-Out-Bytes` }, unit: "GB", tiered: true, region: `CloudFront ${cf}`, freePerMonth: 1024 },
    { key: "cloudfront.https-requests", serviceCode: "AmazonCloudFront", filters: { usagetype: `${cf}-Requests-Tier2-HTTPS` }, unit: "request", quantity: 10000, region: `CloudFront ${cf}`, freePerMonth: 10_000_000 },
    medialive("medialive.input.hd", "CHANNEL_INPUT", { codec: "AVC", resolution: "HD", pipeline: "Single" }, "pipeline-hour"),
    medialive("medialive.output.hd", "CHANNEL_OUTPUT", { codec: "AVC", resolution: "HD", pipeline: "Single" }, "output-hour"),
    medialive("medialive.output.sd", "CHANNEL_OUTPUT", { codec: "AVC", resolution: "SD", pipeline: "Single" }, "output-hour"),
    medialive("medialive.idle-channel", "INACTIVE_CHANNEL", {}, "channel-hour"),
    medialive("medialive.idle-push-input", "INACTIVE_INPUT", {}, "input-hour"),
    { key: "mediapackage.ingest", serviceCode: "AWSElementalMediaPackage", filters: { ...r, usagetype: `${p}-EMP-ingest-bytes` }, unit: "GB" },
    { key: "mediapackage.origination", serviceCode: "AWSElementalMediaPackage", filters: { ...r, usagetype: `${p}-EMP-origin-packaging-bytes` }, unit: "GB" },
    ...RDS_CLASSES.map((cls) => ({
      key: `rds.${cls}`,
      serviceCode: "AmazonRDS",
      filters: { ...r, instanceType: cls, databaseEngine: "PostgreSQL", deploymentOption: "Single-AZ" },
      unit: "instance-hour",
    })),
    { key: "rds.storage.gp3", serviceCode: "AmazonRDS", filters: { ...r, usagetype: `${p}-RDS:GP3-Storage` }, unit: "GB-month" },
    { key: "rds.storage.gp2", serviceCode: "AmazonRDS", filters: { ...r, usagetype: `${p}-RDS:GP2-Storage` }, unit: "GB-month" },
    // Aurora Standard: InstanceUsage (not InstanceUsageIOOptimized), ServerlessV2Usage, StorageUsage and StorageIOUsage.
    ...AURORA_CLASSES.map((cls) => ({
      key: `aurora.${cls}`,
      serviceCode: "AmazonRDS",
      filters: { ...r, usagetype: `${p}-InstanceUsage:${cls}`, databaseEngine: "Aurora PostgreSQL" },
      unit: "instance-hour",
    })),
    { key: "aurora.serverless.acu", serviceCode: "AmazonRDS", filters: { ...r, usagetype: `${p}-Aurora:ServerlessV2Usage`, databaseEngine: "Aurora PostgreSQL" }, unit: "ACU-hour" },
    { key: "aurora.storage", serviceCode: "AmazonRDS", filters: { ...r, usagetype: `${p}-Aurora:StorageUsage`, databaseEngine: "Aurora PostgreSQL" }, unit: "GB-month" },
    { key: "aurora.io", serviceCode: "AmazonRDS", filters: { ...r, usagetype: `${p}-Aurora:StorageIOUsage`, databaseEngine: "Aurora PostgreSQL" }, unit: "request", quantity: 1e6 },
    { key: "logs.ingest", serviceCode: "AmazonCloudWatch", filters: { ...r, usagetype: `${p}-DataProcessing-Bytes` }, unit: "GB", freePerMonth: 5 },
    { key: "logs.storage", serviceCode: "AmazonCloudWatch", filters: { ...r, usagetype: `${p}-TimedStorage-ByteHrs` }, unit: "GB-month" },
    { key: "cloudwatch.alarm", serviceCode: "AmazonCloudWatch", filters: { ...r, usagetype: `${p}-CW:AlarmMonitorUsage` }, unit: "alarm-month", freePerMonth: 10 },
    { key: "cloudwatch.dashboard", serviceCode: "AmazonCloudWatch", filters: { usagetype: "DashboardsUsageHour" }, unit: "dashboard-month", freePerMonth: 3 },
    { key: "kms.key", serviceCode: "awskms", filters: { ...r, usagetype: `${p}-KMS-Keys` }, unit: "key-month" },
    { key: "kms.requests", serviceCode: "awskms", filters: { ...r, usagetype: `${p}-KMS-Requests` }, unit: "request", quantity: 10000, freePerMonth: 20_000 },
    { key: "secretsmanager.secret", serviceCode: "AWSSecretsManager", filters: { ...r, usagetype: `${p}-AWSSecretsManager-Secrets` }, unit: "secret-month" },
    { key: "waf.web-acl", serviceCode: "awswaf", filters: { ...r, usagetype: `${p}-WebACL` }, unit: "web-ACL-month" },
    { key: "waf.rule", serviceCode: "awswaf", filters: { ...r, usagetype: `${p}-Rule` }, unit: "rule-month" },
    { key: "waf.requests", serviceCode: "awswaf", filters: { ...r, usagetype: `${p}-Request` }, unit: "request", quantity: 1e6 },
    { key: "scheduler.invocations", serviceCode: "AWSEvents", filters: { ...r, usagetype: `${p}-Scheduler-Invocation` }, unit: "invocation", quantity: 1e6, freePerMonth: 14_000_000 },
    { key: "pipes.requests", serviceCode: "AWSEvents", filters: { ...r, usagetype: `${p}-Pipes-Requests` }, unit: "request", quantity: 1e6 },
    { key: "sqs.requests", serviceCode: "AWSQueueService", filters: { ...r, usagetype: `${p}-Requests-RBP` }, unit: "request", quantity: 1e6, freePerMonth: 1_000_000 },
    { key: "sns.mobile-push", serviceCode: "AmazonSNS", filters: { ...r, usagetype: `${p}-DeliveryAttempts-APNS` }, unit: "notification", quantity: 1e6, freePerMonth: 1_000_000 },
    { key: "lambda.requests", serviceCode: "AWSLambda", filters: { ...r, usagetype: `${p}-Request` }, unit: "request", quantity: 1e6, freePerMonth: 1_000_000 },
    { key: "lambda.x86.gb-second", serviceCode: "AWSLambda", filters: { ...r, usagetype: `${p}-Lambda-GB-Second` }, unit: "GB-second", freePerMonth: 400_000 },
    { key: "lambda.arm.gb-second", serviceCode: "AWSLambda", filters: { ...r, usagetype: `${p}-Lambda-GB-Second-ARM` }, unit: "GB-second", freePerMonth: 400_000 },
    { key: "route53.zone", serviceCode: "AmazonRoute53", filters: { usagetype: "HostedZone" }, unit: "hosted-zone-month", region: "global" },
    { key: "route53.queries", serviceCode: "AmazonRoute53", filters: { usagetype: "DNS-Queries" }, unit: "query", quantity: 1e6, region: "global" },
    { key: "route53.query-logs", serviceCode: "AmazonCloudWatch", filters: { regionCode: "us-east-1", usagetype: "USE1-DataProcessing-Bytes" }, unit: "GB", region: "global" },
  ];
}
