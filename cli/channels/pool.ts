/**
 * The channel pool: MediaLive channels tagged `livestream:pool=<pool>`. ListChannels returns each
 * channel's tags, so finding the pool costs one paginated call, not one call per channel.
 */
import { DescribeChannelCommand, ListChannelsCommand, type MediaLiveClient } from "@aws-sdk/client-medialive";
import { awsErrorInfo } from "../aws/clients";
import { POOL_TAG } from "../../contracts";
import { RemoteError, UsageError } from "../errors";
import { encodesOf, type ChannelEncodes } from "./encodes";

export { POOL_TAG };

/** What the CLI needs of one channel, independent of the SDK's shapes. */
export interface PoolChannel {
  readonly id: string;
  readonly arn: string;
  readonly name: string;
  readonly state: string;
  readonly channelClass: string;
  readonly pipelinesRunningCount: number;
  readonly tags: Record<string, string>;
  /** Ids of the inputs attached to the channel (the pool's channels have one RTMP push input). */
  readonly inputIds: string[];
}

/** States a channel rests in; the CLI acts only from these. */
export const SETTLED_STATES = new Set(["IDLE", "RUNNING"]);
/** States no start or stop fixes; reported for a human. */
export const FAILED_STATES = new Set(["CREATE_FAILED", "UPDATE_FAILED", "DELETED"]);

interface ChannelShape {
  Id?: string;
  Arn?: string;
  Name?: string;
  State?: string;
  ChannelClass?: string;
  PipelinesRunningCount?: number;
  Tags?: Record<string, string>;
  InputAttachments?: { InputId?: string }[];
}

export function toPoolChannel(c: ChannelShape): PoolChannel {
  return {
    id: c.Id ?? "",
    arn: c.Arn ?? "",
    name: c.Name ?? "",
    state: c.State ?? "UNKNOWN",
    channelClass: c.ChannelClass ?? "STANDARD",
    pipelinesRunningCount: c.PipelinesRunningCount ?? 0,
    tags: c.Tags ?? {},
    inputIds: (c.InputAttachments ?? []).map((a) => a.InputId).filter((x): x is string => !!x),
  };
}

export function remoteError(what: string, err: unknown): RemoteError {
  const info = awsErrorInfo(err);
  return new RemoteError(`${what} failed: ${info.name}${info.status ? ` (HTTP ${info.status})` : ""}: ${info.message}`);
}

/** The pool's channels sorted by id, so every listing and plan is deterministic. */
export async function listPoolChannels(client: MediaLiveClient, pool: string, abortSignal?: AbortSignal): Promise<PoolChannel[]> {
  const channels: PoolChannel[] = [];
  let nextToken: string | undefined;
  do {
    let page;
    try {
      page = await client.send(new ListChannelsCommand({ MaxResults: 100, NextToken: nextToken }), { abortSignal });
    } catch (err) {
      throw remoteError("MediaLive ListChannels", err);
    }
    for (const c of page.Channels ?? []) {
      if (c.Tags?.[POOL_TAG] === pool) channels.push(toPoolChannel(c));
    }
    nextToken = page.NextToken;
  } while (nextToken);
  return channels.sort((a, b) => a.id.localeCompare(b.id));
}

export interface ChannelDetails extends PoolChannel {
  /** MediaPackage channel ids the channel's MediaPackage output group sends to. */
  readonly mediaPackageChannelIds: string[];
  /** What the channel encodes (its price); absent when its encoder settings hold no video output. */
  readonly encodes?: ChannelEncodes;
}

export async function describeChannel(client: MediaLiveClient, id: string, abortSignal?: AbortSignal): Promise<ChannelDetails> {
  try {
    const c = await client.send(new DescribeChannelCommand({ ChannelId: id }), { abortSignal });
    const mediaPackageChannelIds = (c.Destinations ?? []).flatMap((d) =>
      (d.MediaPackageSettings ?? []).map((m) => m.ChannelId).filter((x): x is string => !!x),
    );
    return { ...toPoolChannel(c), mediaPackageChannelIds, encodes: encodesOf(c) };
  } catch (err) {
    if (awsErrorInfo(err).name === "NotFoundException") throw new UsageError(`MediaLive channel '${id}' does not exist in this region`);
    throw remoteError(`MediaLive DescribeChannel ${id}`, err);
  }
}
