import { Construct } from "constructs";
import { Fn } from "cdktf";
import { MedialiveChannel } from "@cdktf/provider-aws/lib/medialive-channel";
import { MedialiveInput } from "@cdktf/provider-aws/lib/medialive-input";
import { MedialiveInputSecurityGroup } from "@cdktf/provider-aws/lib/medialive-input-security-group";
import { AUDIO_SELECTOR, HLS_DESTINATION, MEDIAPACKAGE_DESTINATION, encoderSettings } from "./encoder-settings";
import { MediaLiveRole } from "./medialive-role";
import { CHANNEL_INDEX_TAG, ingestStreamNames, LIVE_PREFIX, MEDIAPACKAGE_CHANNEL_TAG, ORIGIN_ENDPOINT_TAG, POOL_TAG } from "../../contracts";
import { MEDIA_CHANNEL_POOL_DEFAULTS, type MediaChannelPoolProps, type PoolChannel } from "./props";

export type { Ladder, Rendition } from "./encoder-settings";
export { MEDIA_CHANNEL_POOL_DEFAULTS, type MediaChannelPoolProps, type PoolChannel, type PoolMediaPackageTarget } from "./props";

const WORLD = "0.0.0.0/0";
/** HLS base file names of pipelines 0 and 1 (`index.m3u8` is the master players open). */
export const PIPELINE_BASE_NAMES = ["index", "standby"] as const;

/**
 * A pool of MediaLive channels, each with its RTMP push input behind one input security group,
 * writing HLS to hls-bucket under `live/<channel-name>/` and feeding its MediaPackage channel.
 * Channels never start on deploy: the ops CLI starts and stops them around sessions.
 */
export class MediaChannelPool extends Construct {
  readonly channels: PoolChannel[];
  readonly roleArn: string;
  readonly inputSecurityGroupId: string;

  constructor(scope: Construct, id: string, props: MediaChannelPoolProps) {
    super(scope, id);
    const d = MEDIA_CHANNEL_POOL_DEFAULTS;
    const channelClass = props.channelClass ?? d.channelClass;
    const ladder = props.ladder ?? d.ladder;
    // The account's MediaLive channel quota is the environment's to check (media.channelQuota, ops preflight).
    if (!Number.isInteger(props.channelCount) || props.channelCount < 1) {
      throw new Error(`MediaChannelPool: channelCount must be a whole number of at least 1, got ${props.channelCount}`);
    }
    if (props.mediaPackageTargets.length !== props.channelCount) {
      throw new Error(`MediaChannelPool: mediaPackageTargets has ${props.mediaPackageTargets.length} entries but channelCount is ${props.channelCount}; give one per channel`);
    }
    if (props.inputAllowedCidrs.length === 0) {
      throw new Error("MediaChannelPool: inputAllowedCidrs is empty; list the CIDRs encoders push from");
    }
    if (props.inputAllowedCidrs.includes(WORLD)) {
      if (!(props.allowWorldIngest ?? d.allowWorldIngest)) {
        throw new Error(`MediaChannelPool: inputAllowedCidrs contains ${WORLD} (RTMP ingest open to the internet); set allowWorldIngest to acknowledge`);
      }
      console.warn(
        `\n!!! WARNING [${props.poolName}] media.inputAllowedCidrs contains ${WORLD}: anyone on the internet can reach the RTMP inputs; only the per-session stream keys protect them. !!!\n`,
      );
    }

    const role = new MediaLiveRole(this, "role", {
      roleName: `${props.namePrefix}-medialive`,
      accountId: props.accountId,
      region: props.region,
      hlsBucketArn: props.hlsBucketArn,
      livePrefix: LIVE_PREFIX,
      mediaPackageChannelArns: props.mediaPackageTargets.map((t) => t.channelArn),
    });
    this.roleArn = role.roleArn;

    const securityGroup = new MedialiveInputSecurityGroup(this, "input-security-group", {
      whitelistRules: props.inputAllowedCidrs.map((cidr) => ({ cidr })),
      tags: { Name: `${props.namePrefix}-rtmp-ingest`, [POOL_TAG]: props.poolName },
    });
    this.inputSecurityGroupId = securityGroup.id;

    // STANDARD channels run two pipelines and need two input destinations; single pipeline one.
    const pipelines = channelClass === "STANDARD" ? 2 : 1;
    const settings = encoderSettings(ladder, { redundantManifests: pipelines === 2 });

    this.channels = props.mediaPackageTargets.map((target, index) => {
      const name = `${props.namePrefix}-ch${index}`;
      const input = new MedialiveInput(this, `input-${index}`, {
        name: `${name}-rtmp`,
        type: "RTMP_PUSH",
        inputSecurityGroups: [securityGroup.id],
        // The key is per session: `ops sessions reconcile` gives the input a fresh one before every
        // channel run (UpdateInput while the channel is idle) and writes the ingest URLs to the
        // sessions' rows. Terraform creates the input with a random placeholder nobody knows
        // (uuid() at apply; MediaLive needs a stream name) and then leaves the destinations alone.
        destinations: ingestStreamNames(Fn.uuid(), pipelines).map((streamName) => ({ streamName })),
        lifecycle: { ignoreChanges: ["destinations"] },
        tags: { [POOL_TAG]: props.poolName, [CHANNEL_INDEX_TAG]: String(index) },
      });

      const hlsBase = `s3ssl://${props.hlsBucketName}/${LIVE_PREFIX}${name}`;
      // Each pipeline needs its own destination; with redundant manifests both write side by side in
      // one folder under different base names (MediaLive User Guide, "The media contents of an HLS
      // manifest"), so pipeline 0's `index.m3u8`, which players open, lists both pipelines' playlists.
      const hlsUrls = [`${hlsBase}/${PIPELINE_BASE_NAMES[0]}`, `${hlsBase}/${PIPELINE_BASE_NAMES[1]}`].slice(0, pipelines);

      const channel = new MedialiveChannel(this, `channel-${index}`, {
        name,
        channelClass,
        roleArn: role.roleArn,
        logLevel: props.logLevel ?? d.logLevel,
        inputSpecification: { codec: "AVC", inputResolution: "HD", maximumBitrate: "MAX_10_MBPS" },
        inputAttachments: [
          {
            inputAttachmentName: `${name}-rtmp`,
            inputId: input.id,
            inputSettings: { audioSelector: [{ name: AUDIO_SELECTOR }] },
          },
        ],
        destinations: [
          { id: HLS_DESTINATION, settings: hlsUrls.map((url) => ({ url })) },
          { id: MEDIAPACKAGE_DESTINATION, mediaPackageSettings: [{ channelId: target.channelId }] },
        ],
        encoderSettings: settings,
        // The ops CLI starts and stops channels; a deploy must never start (bill) or stop one.
        startChannel: false,
        lifecycle: { ignoreChanges: ["start_channel"] },
        tags: {
          [POOL_TAG]: props.poolName,
          [CHANNEL_INDEX_TAG]: String(index),
          [MEDIAPACKAGE_CHANNEL_TAG]: target.channelId,
          [ORIGIN_ENDPOINT_TAG]: target.endpointId,
        },
      });

      return {
        index,
        name,
        channelId: channel.channelId,
        channelArn: channel.arn,
        inputId: input.id,
        hlsManifestKey: `${LIVE_PREFIX}${name}/${PIPELINE_BASE_NAMES[0]}.m3u8`,
        mediaPackageChannelId: target.channelId,
        originEndpointId: target.endpointId,
      };
    });
  }
}
