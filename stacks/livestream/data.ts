import { Database } from "../../constructs/database";
import { Messaging } from "../../constructs/messaging";
import type { Network } from "../../constructs/network";
import type { Platform } from "./foundation";

export interface DataArea {
  /** Aurora PostgreSQL cluster in the isolated subnets: writer endpoint (writes), reader endpoint (reads). */
  readonly database: Database;
  /** Session announcements: notification queue -> EventBridge Pipe -> SNS topic -> mobile push. */
  readonly messaging: Messaging;
}

/** Where the platform keeps its state: the database and the notification pipeline (design steps 4-8). */
export function buildData(p: Platform, network: Network): DataArea {
  const { config } = p;
  const messaging = new Messaging(p.stack, "messaging", {
    namePrefix: p.namePrefix,
    accountId: config.accountId,
    region: config.region,
    kmsKeyArn: p.kmsKeyArn,
    pushPlatforms: config.notifications.platforms,
    logRetentionDays: config.services.logRetentionDays,
  });
  const db = config.database;
  const database = new Database(p.stack, "database", {
    namePrefix: p.namePrefix,
    accountId: config.accountId,
    vpcId: network.vpcId,
    subnetIds: network.isolatedSubnetIds,
    availabilityZones: network.availabilityZones,
    kmsKeyArn: p.kmsKeyArn,
    engineVersion: db.engineVersion,
    instanceClass: db.instanceClass,
    readerInstanceClass: db.readerInstanceClass,
    readers: db.readers,
    serverless: db.serverless,
    backupRetentionDays: db.backupRetentionDays,
    databaseName: db.databaseName,
    deletionProtection: config.tier === "prod",
  });
  return { database, messaging };
}
