import { Annotations, LocalBackend, S3Backend, TerraformOutput, TerraformStack } from "cdktf";
import type { Construct } from "constructs";
import { SERVICE_NAMES, type EnvironmentConfig } from "../config/schema";
import { opsImage } from "./images";
import { platformProvider } from "./provider";
import { PlatformKey } from "../constructs/encryption";
import { Observability, OpsAlerts } from "../constructs/observability";
import { Network } from "../constructs/network";
import { Messaging } from "../constructs/messaging";
import { Database } from "../constructs/database";
import { ApiEdge, LIVESTREAM_PATHS } from "../constructs/api-edge";
import { Services } from "../constructs/services";
import type { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { MediaBucketPolicies, MediaBuckets } from "../constructs/media-storage";
import { MediaPackageRecording } from "../constructs/media-package";
import { MediaChannelPool } from "../constructs/media-channel-pool";
import { MediaCdn } from "../constructs/media-cdn";
import { RecordingIndexer } from "../constructs/recording-indexer";
import { CostBudget } from "../constructs/budget";
import { ReconcileSchedule } from "../constructs/reconcile-schedule";
import { ApiFirewall } from "../constructs/api-firewall";
import { HostedZoneSecurity } from "../constructs/hosted-zone-security";
import { MigrationTask } from "../constructs/migration-task";

export interface LivestreamStackProps {
  /** The validated configuration of the environment this stack deploys. */
  readonly config: EnvironmentConfig;
  /**
   * Plan without AWS: a local state backend and a provider that asks AWS nothing before planning.
   * @default false (S3 state with lock files; the provider checks credentials and the account id)
   */
  readonly offline?: boolean;
}

/** Stack name for an environment: `livestream-<env>`. */
export const stackName = (env: string) => `livestream-${env}`;

/**
 * One environment of the platform. Plans from an empty state on its own: it reads no other stack's
 * state and calls no data source that needs AWS.
 */
export class LivestreamStack extends TerraformStack {
  readonly config: EnvironmentConfig;
  /** AWS provider aliased to us-east-1 (CloudFront certificates; CloudFront metrics live there too). */
  readonly usEast1Provider: AwsProvider;
  /** hls-bucket, recorded-media-bucket, cdn-log-bucket (names, ARNs). */
  readonly mediaBuckets: MediaBuckets;
  /** The MediaLive channel pool (channel ids, names, HLS manifest keys). */
  readonly mediaChannelPool: MediaChannelPool;
  /** MediaPackage channels, origin endpoints and the harvest role. */
  readonly mediaPackage: MediaPackageRecording;
  /** CloudFront media delivery (distribution id/ARN, mediaDomainName). */
  readonly mediaCdn: MediaCdn;

  constructor(scope: Construct, id: string, props: LivestreamStackProps) {
    super(scope, id);
    const { config } = props;
    this.config = config;
    const offline = props.offline ?? false;

    platformProvider(this, "aws", config, { offline });

    if (offline) {
      new LocalBackend(this, { path: "terraform.tfstate" });
    } else {
      const backend = new S3Backend(this, {
        bucket: config.state.bucket,
        key: `livestream/${config.name}/terraform.tfstate`,
        region: config.state.region ?? config.region,
        encrypt: true,
      });
      // Native S3 lock files (Terraform >= 1.10): no DynamoDB table to run.
      backend.addOverride("use_lockfile", true);
    }

    const namePrefix = stackName(config.name);

    // 1. One customer-managed key encrypts the platform's data at rest.
    const key = new PlatformKey(this, "platform-key", { namePrefix, accountId: config.accountId, region: config.region });

    // 2. Ops alert topic: alarms and budgets publish here; on-call reads it by e-mail.
    const alerts = new OpsAlerts(this, "ops-alerts", { namePrefix, kmsKeyArn: key.arn, accountId: config.accountId, emails: [config.alarms.email] });

    // 3. VPC: public / private / isolated subnets per AZ, NAT, endpoints, flow logs.
    const network = new Network(this, "network", {
      namePrefix,
      region: config.region,
      accountId: config.accountId,
      cidr: config.network.cidr,
      azCount: config.network.azCount,
      availabilityZones: config.network.availabilityZones,
      natGateways: config.network.natGateways,
      flowLogRetentionDays: config.network.flowLogRetentionDays,
      kmsKeyArn: key.arn,
    });

    // 4. Session announcements: notification queue -> EventBridge Pipe -> SNS topic -> mobile push.
    const messaging = new Messaging(this, "messaging", {
      namePrefix,
      accountId: config.accountId,
      region: config.region,
      kmsKeyArn: key.arn,
      pushPlatforms: config.notifications.platforms,
      logRetentionDays: config.services.logRetentionDays,
    });

    // 5. PostgreSQL primary (writes) and read replica (reads) in the isolated subnets.
    const database = new Database(this, "database", {
      namePrefix,
      accountId: config.accountId,
      vpcId: network.vpcId,
      subnetIds: network.isolatedSubnetIds,
      kmsKeyArn: key.arn,
      engineVersion: config.database.engineVersion,
      instanceClass: config.database.instanceClass,
      replicaInstanceClass: config.database.replicaInstanceClass,
      allocatedStorageGb: config.database.allocatedStorageGb,
      maxAllocatedStorageGb: config.database.maxAllocatedStorageGb,
      multiAz: config.database.multiAz,
      backupRetentionDays: config.database.backupRetentionDays,
      databaseName: config.database.databaseName,
      deletionProtection: config.tier === "prod",
    });

    // 6. API edge: hosted zone, certificate, ALB routing the design's paths to one target group each.
    const apiEdge = new ApiEdge(this, "api-edge", {
      namePrefix,
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

    // 7. The three Fargate services behind the ALB, scaled on load and on the prime-time schedule.
    const services = new Services(this, "services", {
      namePrefix,
      accountId: config.accountId,
      region: config.region,
      services: config.services,
      primeTime: config.primeTime,
      vpcId: network.vpcId,
      vpcCidr: network.vpcCidr,
      privateSubnetIds: network.privateSubnetIds,
      albSecurityGroupId: apiEdge.albSecurityGroupId,
      albArnSuffix: apiEdge.albArnSuffix,
      targetGroups: { mentee: apiEdge.targetGroup("mentee"), mentor: apiEdge.targetGroup("mentor"), social: apiEdge.targetGroup("social") },
      dependsOn: apiEdge.routingRules,
      kmsKeyArn: key.arn,
      database: {
        primaryAddress: database.primaryAddress,
        replicaAddress: database.replicaAddress,
        port: database.port,
        databaseName: database.databaseName,
        secretArn: database.masterSecretArn,
      },
      notificationQueueArn: messaging.notificationQueueArn,
      notificationQueueUrl: messaging.notificationQueueUrl,
    });
    database.allowFrom("services", services.securityGroupId, "API services (mentee, mentor, social) on Fargate");

    // 8a. Media: buckets, MediaPackage recording, the MediaLive channel pool, CloudFront delivery.
    //     Design steps 12-18: mentors push RTMP -> MediaLive -> HLS in hls-bucket (live) and
    //     MediaPackage (startover window, harvested to recorded-media-bucket) -> CloudFront.
    const media = config.media;
    this.usEast1Provider = platformProvider(this, "aws-us-east-1", config, { offline, region: "us-east-1", alias: "us-east-1" });
    this.mediaBuckets = new MediaBuckets(this, "media-buckets", {
      namePrefix,
      accountId: config.accountId,
      hlsRetentionDays: media.hlsRetentionDays,
      cdnLogRetentionDays: media.cdnLogRetentionDays,
      recordedTransitionDays: media.recordedTransitionDays,
      recordedStorageClass: media.recordedStorageClass,
      recordedNoncurrentExpiryDays: media.recordedNoncurrentExpiryDays,
      forceDestroy: config.tier === "dev",
    });
    this.mediaPackage = new MediaPackageRecording(this, "media-package", {
      namePrefix,
      channelCount: media.channelCount,
      recordedBucketArn: this.mediaBuckets.recordedBucketArn,
      startoverWindowHours: media.startoverWindowHours,
      segmentDurationSeconds: media.ladder.segmentSeconds,
    });
    this.mediaChannelPool = new MediaChannelPool(this, "media-channel-pool", {
      namePrefix,
      poolName: config.name,
      accountId: config.accountId,
      region: config.region,
      channelCount: media.channelCount,
      channelClass: media.channelClass,
      ladder: media.ladder,
      inputAllowedCidrs: media.inputAllowedCidrs,
      allowWorldIngest: media.allowWorldIngest,
      hlsBucketName: this.mediaBuckets.hlsBucketName,
      hlsBucketArn: this.mediaBuckets.hlsBucketArn,
      mediaPackageTargets: this.mediaPackage.channels,
    });
    this.mediaCdn = new MediaCdn(this, "media-cdn", {
      namePrefix,
      zoneId: apiEdge.zoneId,
      zoneName: apiEdge.zoneName,
      mediaRecord: config.dns.mediaRecord,
      usEast1Provider: this.usEast1Provider,
      hlsBucketDomainName: this.mediaBuckets.hls.regionalDomainName,
      recordedBucketDomainName: this.mediaBuckets.recorded.regionalDomainName,
      logBucketDomainName: this.mediaBuckets.cdnLogs.domainName,
      logBucketAclsReady: this.mediaBuckets.cdnLogs.aclsReady,
      publicKeyPem: media.cdnPublicKeyPem,
      retiringPublicKeyPems: media.cdnRetiringPublicKeyPems,
      corsAllowedOrigins: media.corsAllowedOrigins,
      priceClass: media.priceClass,
      geoRestriction: media.geoRestriction,
    });
    new MediaBucketPolicies(this, "media-bucket-policies", {
      buckets: this.mediaBuckets,
      accountId: config.accountId,
      distributionArn: this.mediaCdn.distributionArn,
      hlsWriterRoleArns: [this.mediaChannelPool.roleArn],
      recordingWriterRoleArns: [this.mediaPackage.harvestRoleArn],
    });

    // 8b. Design steps 19-20: a recording manifest landing in recorded-media-bucket puts its S3 URI
    //     and playback URL on the session's row in the primary database.
    const recordingIndexer = new RecordingIndexer(this, "recording-indexer", {
      namePrefix,
      accountId: config.accountId,
      region: config.region,
      vpcId: network.vpcId,
      vpcCidr: network.vpcCidr,
      privateSubnetIds: network.privateSubnetIds,
      database: database.primaryConnection,
      kmsKeyArn: key.arn,
      recordedBucketName: this.mediaBuckets.recordedBucketName,
      recordedBucketArn: this.mediaBuckets.recordedBucketArn,
      mediaDomainName: this.mediaCdn.mediaDomainName,
      alarmTopicArn: alerts.topicArn,
      sweepPool: config.name,
      reservedConcurrency: config.recordingIndexer.reservedConcurrency,
    });
    database.allowFrom("recording-indexer", recordingIndexer.securityGroupId, "Recording indexer Lambda (writes live_sessions recordings)");

    // 8c. A monthly AWS Budget whose planned limits are this stack's own forecast, month by month.
    const budget = config.budget;
    new CostBudget(this, "cost-budget", {
      namePrefix,
      alertTopicArn: alerts.topicArn,
      dau: budget.dau,
      monthlyGrowth: budget.monthlyGrowth,
      startMonth: budget.startMonth,
      headroomPercent: budget.headroomPercent,
      limitUsd: budget.limitUsd,
    });

    // 8d. Every minute, `ops sessions reconcile` runs the channel pool around the sessions in
    //     live_sessions: starts channels ahead, stops them after, harvests each recording.
    const reconcileSchedule = new ReconcileSchedule(this, "reconcile-schedule", {
      namePrefix,
      accountId: config.accountId,
      region: config.region,
      pool: config.name,
      image: opsImage(config),
      clusterArn: services.clusterArn,
      vpcId: network.vpcId,
      vpcCidr: network.vpcCidr,
      privateSubnetIds: network.privateSubnetIds,
      database: database.primaryConnection,
      kmsKeyArn: key.arn,
      recordedBucketName: this.mediaBuckets.recordedBucketName,
      harvestRoleArn: this.mediaPackage.harvestRoleArn,
      alarmTopicArn: alerts.topicArn,
      scheduleExpression: config.reconcile.scheduleExpression,
      paused: config.reconcile.paused,
      lead: config.reconcile.lead,
      grace: config.reconcile.grace,
      mediaDomainName: this.mediaCdn.mediaDomainName,
      transitionTimeout: config.reconcile.transitionTimeout,
      startoverWindowHours: media.startoverWindowHours,
    });
    database.allowFrom("ops-reconcile", reconcileSchedule.securityGroupId, "ops sessions reconcile task (reads live_sessions)");
    // 8e. Schema changes run as a one-off task, the only holder of the master credentials.
    const migrationTask = new MigrationTask(this, "migration-task", {
      namePrefix,
      accountId: config.accountId,
      region: config.region,
      image: opsImage(config),
      vpcId: network.vpcId,
      vpcCidr: network.vpcCidr,
      database: database.primaryConnection,
      kmsKeyArn: key.arn,
    });
    database.allowFrom("ops-migrate", migrationTask.securityGroupId, "ops db migrate one-off task (master credentials)");

    // 8f. AWS WAF on the API load balancer; DNSSEC signing and query logs (us-east-1) for a zone
    //     this stack created (an adopted zone is secured where it is managed).
    new ApiFirewall(this, "api-firewall", {
      namePrefix,
      accountId: config.accountId,
      region: config.region,
      loadBalancerArn: apiEdge.albArn,
      reactionPathPatterns: LIVESTREAM_PATHS.social.pathPatterns,
      kmsKeyArn: key.arn,
      alarmTopicArn: alerts.topicArn,
      ...config.waf,
    });
    const zoneSecurity = config.dns.existingZoneId
      ? undefined
      : new HostedZoneSecurity(this, "zone-security", {
          namePrefix,
          accountId: config.accountId,
          zoneId: apiEdge.zoneId,
          zoneName: apiEdge.zoneName,
          usEast1Provider: this.usEast1Provider,
          alarmEmails: [config.alarms.email],
        });
    const unsignedZone = `not managed here: dns.existingZoneId ${config.dns.existingZoneId} is adopted, so DNSSEC signing and query logging are up to the zone's owner`;
    if (!zoneSecurity) Annotations.of(this).addWarning(unsignedZone);

    // 9. Alarms on the core platform to the ops topic, and the on-call dashboard. Last: it reads
    //    names and ids from everything above.
    new Observability(this, "observability", {
      namePrefix,
      region: config.region,
      topicArn: alerts.topicArn,
      albArnSuffix: apiEdge.albArnSuffix,
      clusterName: services.clusterName,
      services: Object.fromEntries(SERVICE_NAMES.map((name) => [name, services.byName[name].serviceName])),
      dbPrimaryId: database.primaryIdentifier,
      dbReplicaId: database.replicaIdentifier,
      queueName: messaging.notificationQueueName,
      dlqName: messaging.notificationDlqName,
      pipeName: messaging.pipeName,
    });

    // 10. What operators and the apps need after apply (`terraform output`).
    const outputs: Record<string, { value: unknown; description: string; sensitive?: boolean }> = {
      api_url: { value: `https://${apiEdge.apiDomainName}`, description: "Base URL of the mentee, mentor and social APIs" },
      media_domain_name: { value: this.mediaCdn.mediaDomainName, description: "CloudFront name for live and recorded playback" },
      name_servers: { value: apiEdge.nameServers, description: "Delegate the hosted zone to these from its parent zone" },
      channel_ids: { value: this.mediaChannelPool.channels.map((c) => c.channelId), description: "MediaLive channels of the pool (ops channels list finds them by tag)" },
      input_ids: { value: this.mediaChannelPool.channels.map((c) => c.inputId), description: "RTMP push inputs; each session's ingest URLs (with its own stream key) are in live_sessions.ingest_urls" },
      ingest_pipelines: {
        value: media.channelClass === "STANDARD" ? 2 : 1,
        description: "Ingest URLs per input (describe-input Destinations: pipeline 0, then 1); a STANDARD channel needs the encoder to push to both",
      },
      harvest_role_arn: { value: this.mediaPackage.harvestRoleArn, description: "Role MediaPackage assumes to write harvested recordings" },
      recorded_bucket: { value: this.mediaBuckets.recordedBucketName, description: "recorded-media-bucket" },
      database_secret_arn: { value: database.masterSecretArn, description: "RDS-managed master credentials (only the ops db migrate task reads them)" },
      migration_task_family: { value: migrationTask.family, description: "aws ecs run-task --task-definition <this>: applies db/migrations (runbook §2.5)" },
      migration_security_group_id: { value: migrationTask.securityGroupId, description: "security group of the migration task (aws ecs run-task --network-configuration)" },
      cdn_signing_key_id: { value: this.mediaCdn.signingKeyId, description: "CloudFront public key id the backend signs playback URLs with" },
      ops_topic_arn: { value: alerts.topicArn, description: "Ops alert topic (confirm the e-mail subscription once)" },
      dnssec_ds_record: { value: zoneSecurity?.dsRecord ?? unsignedZone, description: "DS record to add to the parent zone once the zone is signed (docs/operations.md, zone delegation)" },
      ...(zoneSecurity ? { dnssec_alarm_topic_arn: { value: zoneSecurity.alertTopicArn, description: "us-east-1 topic of the DNSSEC alarms (confirm the e-mail subscription once)" } } : {}),
    };
    for (const [id, output] of Object.entries(outputs)) new TerraformOutput(this, id, output);
  }
}
