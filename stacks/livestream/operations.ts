import { CostBudget } from "../../constructs/budget";
import { MigrationTask } from "../../constructs/migration-task";
import type { Network } from "../../constructs/network";
import { ReconcileSchedule } from "../../constructs/reconcile-schedule";
import { RecordingIndexer } from "../../constructs/recording-indexer";
import { opsImage } from "../images";
import type { ApiArea } from "./api";
import type { DataArea } from "./data";
import type { Platform } from "./foundation";
import type { MediaArea } from "./media";

export interface OperationsArea {
  /** Design steps 19-20: a landed recording manifest puts its S3 URI and playback URL on the session's row. */
  readonly recordingIndexer: RecordingIndexer;
  /** Every minute, `ops sessions reconcile` runs the channel pool around the sessions in live_sessions. */
  readonly reconcile: ReconcileSchedule;
  /** `ops db migrate` as a one-off task, the only holder of the master credentials. */
  readonly migration: MigrationTask;
}

/** What runs the platform: the recording indexer, the reconcile loop, schema migrations and the budget. */
export function buildOperations(p: Platform, areas: { network: Network; data: DataArea; api: ApiArea; media: MediaArea }): OperationsArea {
  const { config } = p;
  const { network, data, api, media } = areas;
  // All three run inside the VPC, encrypt with the platform key and reach the database through its writer endpoint.
  const common = {
    namePrefix: p.namePrefix,
    accountId: config.accountId,
    region: config.region,
    vpcId: network.vpcId,
    vpcCidr: network.vpcCidr,
    database: data.database.primaryConnection,
    kmsKeyArn: p.kmsKeyArn,
  };
  const recordingIndexer = new RecordingIndexer(p.stack, "recording-indexer", {
    ...common,
    privateSubnetIds: network.privateSubnetIds,
    recordedBucketName: media.buckets.recorded.name,
    recordedBucketArn: media.buckets.recorded.arn,
    mediaDomainName: media.cdn.mediaDomainName,
    alarmTopicArn: p.alarmTopicArn,
    sweepPool: config.name,
    reservedConcurrency: config.recordingIndexer.reservedConcurrency,
  });

  // A monthly AWS Budget whose planned limits are this stack's own forecast, month by month.
  const budget = config.budget;
  new CostBudget(p.stack, "cost-budget", {
    namePrefix: p.namePrefix,
    alertTopicArn: p.alarmTopicArn,
    dau: budget.dau,
    monthlyGrowth: budget.monthlyGrowth,
    startMonth: budget.startMonth,
    headroomPercent: budget.headroomPercent,
    limitUsd: budget.limitUsd,
  });

  const reconcile = new ReconcileSchedule(p.stack, "reconcile-schedule", {
    ...common,
    pool: config.name,
    image: opsImage(config),
    clusterArn: api.services.clusterArn,
    privateSubnetIds: network.privateSubnetIds,
    recordedBucketName: media.buckets.recorded.name,
    harvestRoleArn: media.packaging.harvestRoleArn,
    alarmTopicArn: p.alarmTopicArn,
    scheduleExpression: config.reconcile.scheduleExpression,
    paused: config.reconcile.paused,
    lead: config.reconcile.lead,
    grace: config.reconcile.grace,
    mediaDomainName: media.cdn.mediaDomainName,
    transitionTimeout: config.reconcile.transitionTimeout,
    startoverWindowHours: config.media.startoverWindowHours,
  });

  const migration = new MigrationTask(p.stack, "migration-task", { ...common, image: opsImage(config) });
  return { recordingIndexer, reconcile, migration };
}
