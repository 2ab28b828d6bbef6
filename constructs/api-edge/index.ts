import { Construct } from "constructs";
import { Token, type ITerraformDependable } from "cdktf";
import { Lb } from "@cdktf/provider-aws/lib/lb";
import { LbListener } from "@cdktf/provider-aws/lib/lb-listener";
import { LbListenerRule } from "@cdktf/provider-aws/lib/lb-listener-rule";
import { LbTargetGroup } from "@cdktf/provider-aws/lib/lb-target-group";
import { Route53Record } from "@cdktf/provider-aws/lib/route53-record";
import { Route53Zone } from "@cdktf/provider-aws/lib/route53-zone";
import { AccessLogBucket } from "./access-log-bucket";
import { DnsValidatedCertificate } from "../dns-validated-certificate";
import { LoadBalancerSecurityGroup } from "./load-balancer-security-group";
import { validateRoutes } from "./routes";
import { API_EDGE_DEFAULTS, type ApiEdgeProps } from "./props";

export { LIVESTREAM_PATHS, type ApiRoute } from "./routes";
export { ELB_LOG_ACCOUNTS } from "./access-log-bucket";
export { API_EDGE_DEFAULTS, type ApiEdgeProps } from "./props";

/** TLS 1.3 with TLS 1.2 fallback, forward-secret ciphers only. */
export const API_TLS_POLICY = "ELBSecurityPolicy-TLS13-1-2-2021-06";

/** A target group other constructs register targets in and scale on. */
export interface ApiTargetGroup {
  /** Target group ARN. */
  readonly arn: string;
  /** ARN suffix, the `TargetGroup` CloudWatch dimension and half of ALBRequestCountPerTarget's label. */
  readonly arnSuffix: string;
  /** Container port of the targets. */
  readonly port: number;
}

/**
 * The public face of the API: a hosted zone, a DNS-validated certificate for `<apiRecord>.<zone>`,
 * and an internet-facing ALB that terminates TLS, redirects HTTP, drops malformed headers, logs
 * every request to S3 and routes the design's paths to one target group per backend. Anything
 * that matches no route gets a JSON 404 from the load balancer itself.
 */
export class ApiEdge extends Construct {
  /** Hosted zone id. */
  readonly zoneId: string;
  /** Hosted zone name. */
  readonly zoneName: string;
  /** Fully qualified API name, e.g. api.dev.mentoring.example.com. */
  readonly apiDomainName: string;
  /** Name servers of the new zone (delegate to them from the parent); empty for an existing zone. */
  readonly nameServers: string[];
  /** Validated certificate ARN. */
  readonly certificateArn: string;
  /** HTTPS listener ARN. */
  readonly listenerArn: string;
  /** Security group of the load balancer; targets admit traffic from it. */
  readonly albSecurityGroupId: string;
  /** Load balancer ARN. */
  readonly albArn: string;
  /** Load balancer ARN suffix (`app/<name>/<id>`), the `LoadBalancer` CloudWatch dimension. */
  readonly albArnSuffix: string;
  /** Load balancer DNS name. */
  readonly albDnsName: string;
  /** Load balancer canonical hosted zone id (for alias records). */
  readonly albZoneId: string;
  /** Access-log bucket name. */
  readonly logBucketName: string;
  /** Target groups by route name. */
  readonly targetGroups: Readonly<Record<string, ApiTargetGroup>>;
  /**
   * The listener rules. ECS rejects a target group that no load balancer uses yet, so services
   * registering in these target groups should depend on them.
   */
  readonly routingRules: ITerraformDependable[];

  constructor(scope: Construct, id: string, props: ApiEdgeProps) {
    super(scope, id);
    validateProps(props);
    const d = API_EDGE_DEFAULTS;
    const apiRecord = props.apiRecord ?? d.apiRecord;
    const ipAddressType = props.ipAddressType ?? d.ipAddressType;
    const ports = props.routes.map((r) => r.port);

    if (props.existingZoneId) {
      this.zoneId = props.existingZoneId;
      this.nameServers = [];
    } else {
      const zone = new Route53Zone(this, "zone", { name: props.zoneName, comment: `${props.namePrefix} API and media names` });
      this.zoneId = zone.zoneId;
      this.nameServers = zone.nameServers;
    }
    this.zoneName = props.zoneName;
    this.apiDomainName = `${apiRecord}.${props.zoneName}`;

    const certificate = new DnsValidatedCertificate(this, "certificate", { domainName: this.apiDomainName, zoneId: this.zoneId });
    this.certificateArn = certificate.arn;

    const securityGroup = new LoadBalancerSecurityGroup(this, "security-group", {
      name: `${props.namePrefix}-alb`,
      vpcId: props.vpcId,
      vpcCidr: props.vpcCidr,
      targetPortRange: [Math.min(...ports), Math.max(...ports)],
      ipv6: ipAddressType === "dualstack",
    });
    this.albSecurityGroupId = securityGroup.securityGroupId;

    const logPrefix = "alb";
    const logs = new AccessLogBucket(this, "access-logs", {
      bucketName: `${props.namePrefix}-alb-logs-${props.accountId}-${props.region}`,
      accountId: props.accountId,
      region: props.region,
      prefix: logPrefix,
      retentionDays: props.accessLogRetentionDays ?? d.accessLogRetentionDays,
    });
    this.logBucketName = logs.bucketName;

    const alb = new Lb(this, "alb", {
      name: `${props.namePrefix}-api`,
      loadBalancerType: "application",
      internal: false,
      ipAddressType,
      subnets: props.publicSubnetIds,
      securityGroups: [securityGroup.securityGroupId],
      dropInvalidHeaderFields: true,
      desyncMitigationMode: "strictest",
      enableDeletionProtection: props.deletionProtection ?? d.deletionProtection,
      idleTimeout: props.idleTimeoutSeconds ?? d.idleTimeoutSeconds,
      accessLogs: { bucket: logs.bucketName, prefix: logPrefix, enabled: true },
      // ELB checks write access when logging is turned on: the bucket policy must exist first.
      dependsOn: [logs.policy],
    });
    this.albArn = alb.arn;
    this.albArnSuffix = alb.arnSuffix;
    this.albDnsName = alb.dnsName;
    this.albZoneId = alb.zoneId;

    const https = new LbListener(this, "https", {
      loadBalancerArn: alb.arn,
      port: 443,
      protocol: "HTTPS",
      sslPolicy: API_TLS_POLICY,
      certificateArn: certificate.arn,
      defaultAction: [
        {
          type: "fixed-response",
          fixedResponse: { statusCode: "404", contentType: "application/json", messageBody: '{"message":"Not Found"}' },
        },
      ],
    });
    this.listenerArn = https.arn;

    new LbListener(this, "http-redirect", {
      loadBalancerArn: alb.arn,
      port: 80,
      protocol: "HTTP",
      defaultAction: [{ type: "redirect", redirect: { protocol: "HTTPS", port: "443", statusCode: "HTTP_301" } }],
    });

    const targetGroups: Record<string, ApiTargetGroup> = {};
    this.routingRules = [];
    for (const route of props.routes) {
      const group = new LbTargetGroup(this, `target-group-${route.name}`, {
        name: `${props.namePrefix}-${route.name}`,
        targetType: "ip",
        protocol: "HTTP",
        port: route.port,
        vpcId: props.vpcId,
        // Tasks finish in-flight API calls quickly; the 300 s default slows every deployment.
        deregistrationDelay: "30",
        healthCheck: {
          enabled: true,
          protocol: "HTTP",
          path: route.healthCheckPath,
          port: "traffic-port",
          matcher: "200-399",
          interval: 15,
          timeout: 5,
          healthyThreshold: 2,
          unhealthyThreshold: 3,
        },
      });
      targetGroups[route.name] = { arn: group.arn, arnSuffix: group.arnSuffix, port: route.port };
      this.routingRules.push(
        new LbListenerRule(this, `rule-${route.name}`, {
          listenerArn: https.arn,
          priority: route.priority,
          condition: [{ pathPattern: { values: [...route.pathPatterns] } }],
          action: [{ type: "forward", targetGroupArn: group.arn }],
        }),
      );
    }
    this.targetGroups = targetGroups;

    const aliasTypes = ipAddressType === "dualstack" ? ["A", "AAAA"] : ["A"];
    for (const type of aliasTypes) {
      new Route53Record(this, `api-alias-${type.toLowerCase()}`, {
        zoneId: this.zoneId,
        name: this.apiDomainName,
        type,
        alias: { name: alb.dnsName, zoneId: alb.zoneId, evaluateTargetHealth: true },
      });
    }
  }

  /** The target group of a route; throws for a route name that was not configured. */
  targetGroup(name: string): ApiTargetGroup {
    const group = this.targetGroups[name];
    if (!group) throw new Error(`ApiEdge: no route named '${name}' (routes: ${Object.keys(this.targetGroups).join(", ")})`);
    return group;
  }
}

function validateProps(props: ApiEdgeProps): void {
  if (!/^[a-z][a-z0-9-]*$/.test(props.namePrefix)) {
    throw new Error(`ApiEdge: props.namePrefix '${props.namePrefix}' must be lower-case letters, digits and dashes`);
  }
  validateRoutes(props.routes);
  // Load balancer and target group names are limited to 32 characters.
  const longest = Math.max(3, ...props.routes.map((r) => r.name.length));
  if (props.namePrefix.length + 1 + longest > 32) {
    throw new Error(
      `ApiEdge: props.namePrefix '${props.namePrefix}' plus route name must fit 32 characters (load balancer and target group names)`,
    );
  }
  const bucketName = `${props.namePrefix}-alb-logs-${props.accountId}-${props.region}`;
  if (bucketName.length > 63) {
    throw new Error(`ApiEdge: props.namePrefix, accountId and region make the log bucket name '${bucketName}' longer than 63 characters`);
  }
  if (props.existingZoneId !== undefined && !/^Z[A-Z0-9]{4,32}$/.test(props.existingZoneId)) {
    throw new Error(`ApiEdge: props.existingZoneId '${props.existingZoneId}' is not a Route 53 hosted zone id (Z...)`);
  }
  if (!Token.isUnresolved(props.publicSubnetIds) && props.publicSubnetIds.length < 2) {
    throw new Error(`ApiEdge: props.publicSubnetIds needs subnets in at least 2 AZs for an ALB, got ${props.publicSubnetIds.length}`);
  }
  const days = props.accessLogRetentionDays;
  if (days !== undefined && (!Number.isInteger(days) || days < 1)) {
    throw new Error(`ApiEdge: props.accessLogRetentionDays must be a positive integer, got ${days}`);
  }
  const idle = props.idleTimeoutSeconds;
  if (idle !== undefined && (!Number.isInteger(idle) || idle < 1 || idle > 4000)) {
    throw new Error(`ApiEdge: props.idleTimeoutSeconds must be 1-4000, got ${idle}`);
  }
}
