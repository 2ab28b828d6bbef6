/**
 * What a pool channel encodes, as MediaLive bills it: its class, its input resolution and every
 * output of every output group. Read from DescribeChannel's EncoderSettings (ListChannels does not
 * return them), or, for a channel the CLI has not described (`ops sessions plan --pool-size`), the
 * ladder the pool deploys by default (config/sections/media.ts) in each of the pool's output groups.
 */
import { CHANNEL_OUTPUT_GROUPS, type ChannelClassName } from "../../contracts";
import { outputsOfLadder, resolutionOf, RESOLUTIONS, type ChannelEncodes } from "../../cost-model/channel-hour";
import type { Resolution } from "../../cost-model/scenario-defaults";
import { DEFAULT_LADDER } from "../../contracts/settings-defaults";

export type { ChannelEncodes };

/** The part of DescribeChannel's answer that says what the channel encodes. */
export interface EncoderShape {
  readonly ChannelClass?: string;
  readonly InputSpecification?: { readonly Resolution?: string };
  readonly EncoderSettings?: {
    readonly VideoDescriptions?: readonly { readonly Name?: string; readonly Height?: number }[];
    readonly OutputGroups?: readonly { readonly Outputs?: readonly { readonly VideoDescriptionName?: string }[] }[];
  };
}

const classOf = (c: string | undefined): ChannelClassName => (c === "STANDARD" ? "STANDARD" : "SINGLE_PIPELINE");
const inputOf = (r: string | undefined): Resolution => ((RESOLUTIONS as readonly string[]).includes(r ?? "") ? (r as Resolution) : "HD");

/** The default ladder (contracts/settings-defaults.ts DEFAULT_LADDER) in each of the pool's output groups, HD input. */
export function defaultChannelEncodes(channelClass: string): ChannelEncodes {
  return { class: classOf(channelClass), inputResolution: "HD", outputs: outputsOfLadder(DEFAULT_LADDER.renditions.map((r) => r.height), CHANNEL_OUTPUT_GROUPS) };
}

/**
 * The channel's encodes from its encoder settings: each output that names a video description is one
 * encode at that description's height (a description without a height follows the input, HD here);
 * audio-only outputs are not priced as video. Undefined when the settings hold no video output.
 */
export function encodesOf(channel: EncoderShape): ChannelEncodes | undefined {
  const heights = new Map((channel.EncoderSettings?.VideoDescriptions ?? []).map((v) => [v.Name ?? "", v.Height ?? 720]));
  const outputs: Record<Resolution, number> = { SD: 0, HD: 0, UHD: 0 };
  let videoOutputs = 0;
  for (const group of channel.EncoderSettings?.OutputGroups ?? []) {
    for (const out of group.Outputs ?? []) {
      const height = out.VideoDescriptionName === undefined ? undefined : heights.get(out.VideoDescriptionName);
      if (height === undefined) continue;
      outputs[resolutionOf(height)] += 1;
      videoOutputs += 1;
    }
  }
  if (!videoOutputs) return undefined;
  return { class: classOf(channel.ChannelClass), inputResolution: inputOf(channel.InputSpecification?.Resolution), outputs };
}
