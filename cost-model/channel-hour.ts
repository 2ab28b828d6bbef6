/**
 * What a running MediaLive channel costs: each pipeline bills its input and every encoded output
 * (MediaLive pricing: per input and per output, per pipeline, per hour of running). One function
 * for the forecast (cost-model/architecture.ts) and the ops CLI (`ops sessions plan`, `ops channels
 * list`), so a channel-hour has one price wherever it is shown.
 */
import type { ChannelClass, Resolution } from "./scenario-defaults";

export const RESOLUTIONS: readonly Resolution[] = ["SD", "HD", "UHD"];

/** What MediaLive bills a running channel for. */
export interface ChannelEncodes {
  readonly class: ChannelClass;
  readonly inputResolution: Resolution;
  /** Encoded outputs by resolution, every output group counted. */
  readonly outputs: Readonly<Record<Resolution, number>>;
}

/** Pipelines of a channel class: STANDARD runs two, each billed. */
export const pipelinesOf = (channelClass: string): number => (channelClass === "STANDARD" ? 2 : 1);

/** MediaLive's output resolution classes: SD below 720 lines, HD up to 1080, UHD above. */
export const resolutionOf = (height: number): Resolution => (height < 720 ? "SD" : height <= 1080 ? "HD" : "UHD");

/** The outputs of a ladder (video heights) encoded into `groups` output groups. */
export function outputsOfLadder(heights: readonly number[], groups: number): Record<Resolution, number> {
  const outputs: Record<Resolution, number> = { SD: 0, HD: 0, UHD: 0 };
  for (const h of heights) outputs[resolutionOf(h)] += groups;
  return outputs;
}

/** Price keys of a channel's input and outputs, in the catalog's naming. */
export const inputPriceKey = (res: Resolution): string => `medialive.input.${res.toLowerCase()}`;
export const outputPriceKey = (res: Resolution): string => `medialive.output.${res.toLowerCase()}`;

/** The catalog keys a channel's running hours are priced with. */
export function channelPriceKeys(ch: ChannelEncodes): string[] {
  return [inputPriceKey(ch.inputResolution), ...RESOLUTIONS.filter((r) => ch.outputs[r] > 0).map(outputPriceKey)];
}

/**
 * USD for `hours` of one channel running: every pipeline bills its input and each output.
 * `cost(key, quantity)` prices `quantity` units of one catalog key (the forecast's MonthMeter).
 */
export function channelRunUsd(ch: ChannelEncodes, hours: number, cost: (key: string, quantity: number) => number): number {
  const pipelineHours = hours * pipelinesOf(ch.class);
  let usd = cost(inputPriceKey(ch.inputResolution), pipelineHours);
  for (const res of RESOLUTIONS) if (ch.outputs[res] > 0) usd += cost(outputPriceKey(res), pipelineHours * ch.outputs[res]);
  return usd;
}

/** "2 HD + 4 SD" (largest first), for reports. */
export function describeOutputs(outputs: Readonly<Record<Resolution, number>>): string {
  return (["UHD", "HD", "SD"] as Resolution[])
    .filter((r) => outputs[r] > 0)
    .map((r) => `${outputs[r]} ${r}`)
    .join(" + ");
}
