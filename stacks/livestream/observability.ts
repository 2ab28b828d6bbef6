import { SERVICE_NAMES } from "../../contracts";
import { Observability } from "../../constructs/observability";
import type { ApiArea } from "./api";
import type { DataArea } from "./data";
import type { Platform } from "./foundation";

/** Alarms on the core platform to the ops topic, and the on-call dashboard: last, it reads names and ids of the rest. */
export function buildObservability(p: Platform, api: ApiArea, data: DataArea): Observability {
  const { services, edge } = api;
  return new Observability(p.stack, "observability", {
    namePrefix: p.namePrefix,
    region: p.config.region,
    topicArn: p.alarmTopicArn,
    albArnSuffix: edge.albArnSuffix,
    clusterName: services.clusterName,
    services: Object.fromEntries(SERVICE_NAMES.map((name) => [name, services.byName[name].serviceName])),
    dbClusterId: data.database.clusterIdentifier,
    dbHasReaders: data.database.readers > 0,
    queueName: data.messaging.notificationQueueName,
    dlqName: data.messaging.notificationDlqName,
    pipeName: data.messaging.pipeName,
  });
}
