import { DEFAULT_NETWORK_SETTINGS } from "../../contracts/settings-defaults";

export interface NetworkProps {
  /** Prefix of every name, e.g. `livestream-dev`. */
  readonly namePrefix: string;
  /** Region of the VPC. */
  readonly region: string;
  /** Account id (scopes the flow-logs role). */
  readonly accountId: string;
  /** IPv4 block of the VPC, /16 to /24, e.g. 10.20.0.0/16. */
  readonly cidr: string;
  /** KMS key ARN encrypting the flow-log group. */
  readonly kmsKeyArn: string;
  /** Number of AZs to spread subnets over (2-4). @default 2 */
  readonly azCount?: number;
  /** AZ names, one per AZ. @default `<region>a`, `<region>b`, ... cut to azCount */
  readonly availabilityZones?: readonly string[];
  /** `single`: one NAT gateway (cheap); `per-az`: one per AZ (survives an AZ loss). @default "single" */
  readonly natGateways?: "single" | "per-az";
  /** Extra prefix bits of each subnet over the VPC block (4 turns a /16 into /20 subnets). @default 4 */
  readonly subnetNewBits?: number;
  /** Days flow logs are kept (a CloudWatch Logs retention value). @default DEFAULT_LOG_RETENTION_DAYS (30) */
  readonly flowLogRetentionDays?: number;
  /** Interface endpoint services. @default ecr.api, ecr.dkr, logs, secretsmanager, sqs */
  readonly interfaceEndpoints?: readonly string[];
}

/** What Network does when a prop is left out (the environment config's defaults too: contracts/settings-defaults.ts). */
export const NETWORK_DEFAULTS = {
  ...DEFAULT_NETWORK_SETTINGS,
  subnetNewBits: 4,
} as const;
