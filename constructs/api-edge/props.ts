import { DEFAULT_DNS_SETTINGS } from "../../contracts/settings-defaults";
import type { ApiRoute } from "./routes";

export interface ApiEdgeProps {
  /** Prefix of every resource name, e.g. `livestream-dev`. */
  readonly namePrefix: string;
  /** Account that owns the load balancer (access-log bucket name and policy). */
  readonly accountId: string;
  /** Region of the load balancer (picks the ELB log-delivery account). */
  readonly region: string;
  /** Hosted zone name, e.g. dev.mentoring.example.com. */
  readonly zoneName: string;
  /** Id of an existing hosted zone for zoneName; used as is, without a lookup. @default a new hosted zone */
  readonly existingZoneId?: string;
  /** Label of the API name inside the zone. @default "api" */
  readonly apiRecord?: string;
  /** VPC of the load balancer and its targets. */
  readonly vpcId: string;
  /** VPC CIDR; the load balancer sends traffic only there. */
  readonly vpcCidr: string;
  /** Public subnets, at least two AZs, where the load balancer lives. */
  readonly publicSubnetIds: string[];
  /** Path routes to backends, each with its own target group and listener rule. */
  readonly routes: readonly ApiRoute[];
  /**
   * "dualstack" also serves IPv6 (AAAA record, ::/0 ingress); the public subnets need IPv6 CIDRs.
   * @default "ipv4"
   */
  readonly ipAddressType?: "ipv4" | "dualstack";
  /** Refuse deletion of the load balancer through the API (turn on for prod). @default true */
  readonly deletionProtection?: boolean;
  /** Days ALB access logs are kept. @default 90 */
  readonly accessLogRetentionDays?: number;
  /** Seconds an idle client connection stays open. @default 60 */
  readonly idleTimeoutSeconds?: number;
}

/** What ApiEdge does when a prop is left out. */
export const API_EDGE_DEFAULTS = {
  apiRecord: DEFAULT_DNS_SETTINGS.apiRecord,
  ipAddressType: "ipv4",
  deletionProtection: true,
  accessLogRetentionDays: 90,
  idleTimeoutSeconds: 60,
} as const;
