/**
 * The pools present in a region (the values of the livestream:pool tag on its channels): for
 * "no channel carries livestream:pool=<typo>" messages, so an operator sees which pools exist.
 */
import { ListChannelsCommand, type MediaLiveClient } from "@aws-sdk/client-medialive";
import { UsageError } from "../errors";
import { didYouMean } from "../../lib/did-you-mean";
import { POOL_TAG } from "./pool";

export async function poolNamesInRegion(client: MediaLiveClient): Promise<string[]> {
  const names = new Set<string>();
  let nextToken: string | undefined;
  do {
    const page = await client.send(new ListChannelsCommand({ MaxResults: 100, NextToken: nextToken }));
    for (const c of page.Channels ?? []) if (c.Tags?.[POOL_TAG]) names.add(c.Tags[POOL_TAG]);
    nextToken = page.NextToken;
  } while (nextToken);
  return [...names].sort();
}

/** The error for a pool with no channels: names the tag, the region and the pools that do exist. */
export async function emptyPoolError(client: MediaLiveClient, pool: string): Promise<UsageError> {
  const region = await client.config.region();
  const pools = await poolNamesInRegion(client).catch(() => undefined);
  return new UsageError(
    `no channel carries ${POOL_TAG}=${pool} in ${region}${pools ? didYouMean(pool, pools) : ""}`,
    pools === undefined ? "check --pool, --region and --profile" : pools.length ? `pools in ${region}: ${pools.join(", ")}` : `no channel in ${region} carries a ${POOL_TAG} tag: check --region and --profile`,
  );
}
