/**
 * `ops channels list`: the pool's channels with state, class, pipelines, what an hour of each costs
 * (its encoder settings priced as the forecast prices them) and, when running, since when and the
 * cost so far.
 */
import { createCloudWatchClient, createMediaLiveClient } from "../aws/clients";
import { billedMinutes, costUsd } from "../channels/billing";
import { runningSince } from "../channels/health";
import { listPoolChannels } from "../channels/pool";
import { emptyPoolError } from "../channels/pool-names";
import { channelHourUsd, loadChannelPriceCatalog } from "../channels/price";
import { defaultChannelEncodes } from "../channels/encodes";
import { describeChannel } from "../channels/pool";
import { mapLimited } from "../support/map-limited";
import { describeOutputs } from "../../cost-model/channel-hour";
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
  const prices = await loadChannelPriceCatalog({ region: await medialive.config.region(), catalogPath: opts.priceCatalog });
  // ListChannels has no encoder settings: DescribeChannel says what each channel encodes.
  // A channel that cannot be described is still listed, priced with the default ladder.
  const describeErrors: string[] = [];
  const described = await mapLimited(channels, 5, (c) =>
    describeChannel(medialive, c.id).catch((err: Error) => {
      describeErrors.push(`${c.id}: ${err.message}`);
      return { encodes: undefined };
    }),
  );
  const rows = channels.map((c, i) => {
    const s = since.get(c.id);
    const minutes = s === undefined ? undefined : billedMinutes(now - s);
    const encodes = described[i]!.encodes ?? defaultChannelEncodes(c.channelClass);
    const usdPerHour = channelHourUsd(prices, encodes);
    return {
      id: c.id,
      name: c.name,
      state: c.state,
      channelClass: c.channelClass,
      pipelinesRunning: c.pipelinesRunningCount,
      outputs: describeOutputs(encodes.outputs),
      outputsFrom: described[i]!.encodes ? "encoder settings" : "default ladder",
      usdPerHour: Math.round(usdPerHour * 10_000) / 10_000,
      runningSince: s === undefined ? null : new Date(s).toISOString(),
      billedMinutes: minutes ?? null,
      costSoFarUsd: minutes === undefined ? null : costUsd(minutes, usdPerHour),
    };
  });
  const warnings = [...(sinceError ? [`running time unknown: ${sinceError}`] : []), ...describeErrors.map((e) => `priced with the default ladder: ${e}`)];
  if (opts.json) return printJson({ pool, channels: rows, priceSource: prices.source, ...(warnings.length ? { warnings } : {}) });
  if (!rows.length) {
    // An empty listing is an answer (exit 0), but say which pools do exist: it is usually a typo.
    const hint = await emptyPoolError(medialive, pool);
    print(`no channels: ${hint.message}`);
    if (hint.hint) process.stderr.write(`hint: ${hint.hint}\n`);
    return;
  }
  print(
    table(
      ["ID", "NAME", "STATE", "CLASS", "PIPELINES", "OUTPUTS", "PER HOUR", "RUNNING FOR", "COST SO FAR"],
      rows.map((r) => [
        r.id,
        r.name,
        r.state,
        r.channelClass,
        String(r.pipelinesRunning),
        r.outputs,
        `$${r.usdPerHour.toFixed(2)}`,
        r.runningSince ? `${formatElapsed(now - Date.parse(r.runningSince))} (since ${r.runningSince})` : "",
        r.costSoFarUsd === null ? "" : `$${r.costSoFarUsd.toFixed(2)}`,
      ]),
    ),
  );
  print(`prices: ${prices.source}`);
  for (const w of warnings) process.stderr.write(`warning: ${w}\n`);
}
