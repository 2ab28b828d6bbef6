import { TerraformOutput } from "cdktf";
import type { ApiArea } from "./api";
import type { DataArea } from "./data";
import type { EdgeSecurityArea } from "./edge-security";
import type { Platform } from "./foundation";
import type { MediaArea } from "./media";
import type { OperationsArea } from "./operations";

interface Output {
  readonly value: unknown;
  readonly description: string;
}

/** What operators and the apps need after apply (`terraform output`), by output name. */
export function platformOutputs(
  p: Platform,
  areas: { data: DataArea; api: ApiArea; media: MediaArea; operations: OperationsArea; edgeSecurity: EdgeSecurityArea },
): Record<string, Output> {
  const { data, api, media, operations, edgeSecurity } = areas;
  const { zoneSecurity, unsignedZoneReason } = edgeSecurity;
  const channels = media.channelPool.channels;
  return {
    api_url: { value: `https://${api.edge.apiDomainName}`, description: "Base URL of the mentee, mentor and social APIs" },
    media_domain_name: { value: media.cdn.mediaDomainName, description: "CloudFront name for live and recorded playback" },
    name_servers: { value: api.edge.nameServers, description: "Delegate the hosted zone to these from its parent zone" },
    channel_ids: { value: channels.map((c) => c.channelId), description: "MediaLive channels of the pool (ops channels list finds them by tag)" },
    input_ids: { value: channels.map((c) => c.inputId), description: "RTMP push inputs; each session's ingest URLs (with its own stream key) are in live_sessions.ingest_urls" },
    ingest_pipelines: {
      value: p.config.media.channelClass === "STANDARD" ? 2 : 1,
      description: "Ingest URLs per input (describe-input Destinations: pipeline 0, then 1); a STANDARD channel needs the encoder to push to both",
    },
    harvest_role_arn: { value: media.packaging.harvestRoleArn, description: "Role MediaPackage assumes to write harvested recordings" },
    recorded_bucket: { value: media.buckets.recorded.name, description: "recorded-media-bucket" },
    database_secret_arn: { value: data.database.masterSecretArn, description: "RDS-managed master credentials (only the ops db migrate task reads them)" },
    migration_task_family: { value: operations.migration.family, description: "aws ecs run-task --task-definition <this>: applies db/migrations (runbook §2.5)" },
    migration_security_group_id: { value: operations.migration.securityGroupId, description: "security group of the migration task (aws ecs run-task --network-configuration)" },
    cdn_signing_key_id: { value: media.cdn.signingKeyId, description: "CloudFront public key id the backend signs playback URLs with" },
    ops_topic_arn: { value: p.alarmTopicArn, description: "Ops alert topic (confirm the e-mail subscription once)" },
    dnssec_ds_record: { value: zoneSecurity?.dsRecord ?? unsignedZoneReason, description: "DS record to add to the parent zone once the zone is signed (docs/operations.md §2.4, DNSSEC: hand the DS record to the parent)" },
    ...(zoneSecurity ? { dnssec_alarm_topic_arn: { value: zoneSecurity.alertTopicArn, description: "us-east-1 topic of the DNSSEC alarms (confirm the e-mail subscription once)" } } : {}),
  };
}

/** Adds the outputs to the stack. */
export function addOutputs(p: Platform, outputs: Record<string, Output>): void {
  for (const [id, output] of Object.entries(outputs)) new TerraformOutput(p.stack, id, output);
}
