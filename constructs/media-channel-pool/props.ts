import { DEFAULT_MEDIA_SETTINGS } from "../../contracts/settings-defaults";
import type { Ladder } from "./encoder-settings";

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
  /** Channels in the pool, at least 1 (the account's MediaLive quota must allow them: media.channelQuota). */
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

/** What MediaChannelPool does when a prop is left out (channel class, ladder and ingest: contracts/settings-defaults.ts). */
export const MEDIA_CHANNEL_POOL_DEFAULTS = {
  channelClass: DEFAULT_MEDIA_SETTINGS.channelClass,
  ladder: DEFAULT_MEDIA_SETTINGS.ladder satisfies Ladder,
  allowWorldIngest: DEFAULT_MEDIA_SETTINGS.allowWorldIngest,
  logLevel: "WARNING",
} as const;
