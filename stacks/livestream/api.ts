import { SERVICE_NAMES } from "../../contracts";
import { ApiEdge, LIVESTREAM_PATHS } from "../../constructs/api-edge";
import type { Network } from "../../constructs/network";
import { Services } from "../../constructs/services";
import type { DataArea } from "./data";
import type { Platform } from "./foundation";

export interface ApiArea {
  /** Hosted zone, certificate, ALB routing the design's paths to one target group each. */
  readonly edge: ApiEdge;
  /** The three Fargate services behind the ALB, scaled on load and on the prime-time schedule. */
  readonly services: Services;
}

/** The API (design steps 1-5, 21-35): the public edge and the mentee, mentor and social services. */
export function buildApi(p: Platform, network: Network, data: DataArea): ApiArea {
  const { config } = p;
  const edge = new ApiEdge(p.stack, "api-edge", {
    namePrefix: p.namePrefix,
    accountId: config.accountId,
    region: config.region,
    zoneName: config.dns.zoneName,
    existingZoneId: config.dns.existingZoneId,
    apiRecord: config.dns.apiRecord,
    vpcId: network.vpcId,
    vpcCidr: network.vpcCidr,
    publicSubnetIds: network.publicSubnetIds,
    routes: SERVICE_NAMES.map((name) => ({
      name,
      ...LIVESTREAM_PATHS[name],
      port: config.services[name].containerPort,
      healthCheckPath: config.services[name].healthCheckPath,
    })),
    deletionProtection: config.tier === "prod",
  });

  const { database, messaging } = data;
  const services = new Services(p.stack, "services", {
    namePrefix: p.namePrefix,
    accountId: config.accountId,
    region: config.region,
    services: config.services,
    capacityProvider: config.services.capacityProvider,
    logRetentionDays: config.services.logRetentionDays,
    primeTime: config.primeTime,
    vpcId: network.vpcId,
    vpcCidr: network.vpcCidr,
    privateSubnetIds: network.privateSubnetIds,
    albSecurityGroupId: edge.albSecurityGroupId,
    albArnSuffix: edge.albArnSuffix,
    targetGroups: { mentee: edge.targetGroup("mentee"), mentor: edge.targetGroup("mentor"), social: edge.targetGroup("social") },
    dependsOn: edge.routingRules,
    kmsKeyArn: p.kmsKeyArn,
    database: {
      writerEndpoint: database.writerEndpoint,
      readerEndpoint: database.readerEndpoint,
      port: database.port,
      databaseName: database.databaseName,
      clusterResourceId: database.clusterResourceId,
    },
    notificationQueueArn: messaging.notificationQueueArn,
    notificationQueueUrl: messaging.notificationQueueUrl,
  });
  return { edge, services };
}
