/**
 * The MediaLive channel pool's shape, shared by the environment config (media.channelClass), the
 * cost model's default scenario and the ops CLI (`ops sessions plan --channel-class`).
 */

/** MediaLive channel classes: STANDARD runs two pipelines (billed twice), SINGLE_PIPELINE one. */
export const CHANNEL_CLASSES = ["SINGLE_PIPELINE", "STANDARD"] as const;
export type ChannelClassName = (typeof CHANNEL_CLASSES)[number];

/**
 * The class the pool deploys unless an environment says otherwise: half the price of STANDARD, and
 * STANDARD only helps when the encoder pushes to both ingest URLs (a mobile app pushes once).
 */
export const DEFAULT_CHANNEL_CLASS: ChannelClassName = "SINGLE_PIPELINE";

/**
 * Output groups every pool channel encodes its ladder into: HLS to hls-bucket and MediaPackage
 * (constructs/media-channel-pool/encoder-settings.ts); MediaLive bills every encode of every group.
 */
export const CHANNEL_OUTPUT_GROUPS = 2;
