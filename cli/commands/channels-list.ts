/** `ops channels list`: the pool's channels with state, class, pipelines and, when running, since when and cost so far. */
import { createCloudWatchClient, createMediaLiveClient } from "../aws/clients";
import { billedMinutes, costUsd } from "../channels/billing";
import { runningSince } from "../channels/health";
import { listPoolChannels } from "../channels/pool";
import { emptyPoolError } from "../channels/pool-names";
import { channelHourUsd, loadChannelPrice } from "../channels/price";
import { formatElapsed } from "../support/duration";
import { awsOptions, print, printJson, resolvePool, table, type AwsCommandOptions } from "./ops-context";

export interface ChannelsListOptions extends AwsCommandOptions {
  readonly pool?: string;
  readonly priceCatalog?: string;
}

export async function channelsList(opts: ChannelsListOptions): Promise<void> {
  const pool = resolvePool(opts.pool);
  const medialive = await createMediaLiveClient(awsOptions(opts));
  const channels = await listPoolChannels(medialive, pool);
  const running = channels.filter((c) => c.state === "RUNNING" || c.state === "RECOVERING");
  const now = Date.now();
  let since = new Map<string, number>();
  let sinceError: string | undefined;
  if (running.length) {
    try {
      since = await runningSince(await createCloudWatchClient(awsOptions(opts)), running.map((c) => c.id), now);
    } catch (err) {
      sinceError = (err as Error).message; // listing still works without CloudWatch
    }
  }
  const price = loadChannelPrice({ region: await medialive.config.region(), catalogPath: opts.priceCatalog });
  const rows = channels.map((c) => {
    const s = since.get(c.id);
    const minutes = s === undefined ? undefined : billedMinutes(now - s);
    return {
      id: c.id,
      name: c.name,
      state: c.state,
      channelClass: c.channelClass,
      pipelinesRunning: c.pipelinesRunningCount,
      runningSince: s === undefined ? null : new Date(s).toISOString(),
      billedMinutes: minutes ?? null,
      costSoFarUsd: minutes === undefined ? null : costUsd(minutes, channelHourUsd(price, c.channelClass)),
    };
  });
  if (opts.json) return printJson({ pool, channels: rows, priceSource: price.source, ...(sinceError ? { warning: sinceError } : {}) });
  if (!rows.length) {
    // An empty listing is an answer (exit 0), but say which pools do exist: it is usually a typo.
    const hint = await emptyPoolError(medialive, pool);
    print(`no channels: ${hint.message}`);
    if (hint.hint) process.stderr.write(`hint: ${hint.hint}\n`);
    return;
  }
  print(
    table(
      ["ID", "NAME", "STATE", "CLASS", "PIPELINES", "RUNNING FOR", "COST SO FAR"],
      rows.map((r) => [
        r.id,
        r.name,
        r.state,
        r.channelClass,
        String(r.pipelinesRunning),
        r.runningSince ? `${formatElapsed(now - Date.parse(r.runningSince))} (since ${r.runningSince})` : "",
        r.costSoFarUsd === null ? "" : `$${r.costSoFarUsd.toFixed(2)}`,
      ]),
    ),
  );
  if (sinceError) process.stderr.write(`warning: running time unknown: ${sinceError}\n`);
}
