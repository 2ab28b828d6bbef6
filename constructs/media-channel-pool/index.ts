import { Construct } from "constructs";
import { Fn } from "cdktf";
import { MedialiveChannel } from "@cdktf/provider-aws/lib/medialive-channel";
import { MedialiveInput } from "@cdktf/provider-aws/lib/medialive-input";
import { MedialiveInputSecurityGroup } from "@cdktf/provider-aws/lib/medialive-input-security-group";
import { AUDIO_SELECTOR, HLS_DESTINATION, MEDIAPACKAGE_DESTINATION, encoderSettings, type Ladder } from "./encoder-settings";
import { MediaLiveRole } from "./medialive-role";
import { CHANNEL_INDEX_TAG, ingestStreamNames, POOL_TAG } from "../../contracts";

export type { Ladder, Rendition } from "./encoder-settings";

/** The MediaPackage channel and origin endpoint one pool channel feeds. */
export interface PoolMediaPackageTarget {
  readonly channelId: string;
  readonly channelArn: string;
  readonly endpointId: string;
}

export interface MediaChannelPoolProps {
  /** Prefix of every name, e.g. `livestream-dev`. */
  readonly namePrefix: string;
  /** Pool (environment) name, tagged `livestream:pool=<poolName>` so the ops CLI finds the channels. */
  readonly poolName: string;
  readonly accountId: string;
  readonly region: string;
  /** Channels in the pool, 1-5 (MediaLive's default regional quota is 5). */
  readonly channelCount: number;
  /** @default "SINGLE_PIPELINE" */
  readonly channelClass?: "SINGLE_PIPELINE" | "STANDARD";
  /** The adaptive-bitrate ladder. @default 720p 3.0 / 540p 1.8 / 360p 0.8 Mbps, AAC 128 kbps, 30 fps, 6 s segments */
  readonly ladder?: Ladder;
  /** CIDRs allowed to push RTMP. No default: ingest must be opened deliberately. */
  readonly inputAllowedCidrs: string[];
  /** Acknowledge a world-open (0.0.0.0/0) ingest. @default false (0.0.0.0/0 throws) */
  readonly allowWorldIngest?: boolean;
  /** Name of hls-bucket. */
  readonly hlsBucketName: string;
  /** ARN of hls-bucket. */
  readonly hlsBucketArn: string;
  /** One MediaPackage target per channel, in channel order. */
  readonly mediaPackageTargets: PoolMediaPackageTarget[];
  /** MediaLive log level. @default "WARNING" */
  readonly logLevel?: "ERROR" | "WARNING" | "INFO" | "DEBUG" | "DISABLED";
}

/** What the ops CLI and the recording indexer need about one pool channel. */
export interface PoolChannel {
  readonly index: number;
  readonly name: string;
  readonly channelId: string;
  readonly channelArn: string;
  readonly inputId: string;
  /** Key of the live master manifest in hls-bucket, e.g. live/livestream-dev-ch0/index.m3u8. */
  readonly hlsManifestKey: string;
  readonly mediaPackageChannelId: string;
  readonly originEndpointId: string;
}

export const DEFAULT_LADDER: Ladder = {
  renditions: [
    { name: "720p", width: 1280, height: 720, bitrateBps: 3_000_000 },
    { name: "540p", width: 960, height: 540, bitrateBps: 1_800_000 },
    { name: "360p", width: 640, height: 360, bitrateBps: 800_000 },
  ],
  audioBitrateBps: 128_000,
  framerate: 30,
  segmentSeconds: 6,
};

const WORLD = "0.0.0.0/0";
/** HLS base file names of pipelines 0 and 1 (`index.m3u8` is the master players open). */
export const PIPELINE_BASE_NAMES = ["index", "standby"] as const;
const LIVE_PREFIX = "live/";

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
    const channelClass = props.channelClass ?? "SINGLE_PIPELINE";
    const ladder = props.ladder ?? DEFAULT_LADDER;
    if (!Number.isInteger(props.channelCount) || props.channelCount < 1 || props.channelCount > 5) {
      throw new Error(`MediaChannelPool: channelCount must be 1-5 (MediaLive's default regional quota is 5 channels), got ${props.channelCount}`);
    }
    if (props.mediaPackageTargets.length !== props.channelCount) {
      throw new Error(`MediaChannelPool: mediaPackageTargets has ${props.mediaPackageTargets.length} entries but channelCount is ${props.channelCount}; give one per channel`);
    }
    if (props.inputAllowedCidrs.length === 0) {
      throw new Error("MediaChannelPool: inputAllowedCidrs is empty; list the CIDRs encoders push from");
    }
    if (props.inputAllowedCidrs.includes(WORLD)) {
      if (!props.allowWorldIngest) {
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
      tags: { Name: `${props.namePrefix}-rtmp-ingest`, "livestream:pool": props.poolName },
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
        logLevel: props.logLevel ?? "WARNING",
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
          "livestream:pool": props.poolName,
          "livestream:channel-index": String(index),
          "livestream:mediapackage-channel": target.channelId,
          "livestream:origin-endpoint": target.endpointId,
        },
      });

      return {
        index,
        name,
        channelId: channel.channelId,
        channelArn: channel.arn,
        inputId: input.id,
        hlsManifestKey: `${LIVE_PREFIX}${name}/index.m3u8`,
        mediaPackageChannelId: target.channelId,
        originEndpointId: target.endpointId,
      };
    });
  }
}
