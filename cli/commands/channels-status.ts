/** `ops channels status <id>`: one channel's details plus its health from CloudWatch. */
import { POOL_TAG } from "../../contracts";
import { createCloudWatchClient, createMediaLiveClient } from "../aws/clients";
import { channelHealth } from "../channels/health";
import { describeChannel } from "../channels/pool";
import { awsOptions, print, printJson, type AwsCommandOptions } from "./ops-context";

export interface ChannelsStatusOptions extends AwsCommandOptions {
  readonly id: string;
}

export async function channelsStatus(opts: ChannelsStatusOptions): Promise<void> {
  const [medialive, cloudwatch] = await Promise.all([createMediaLiveClient(awsOptions(opts)), createCloudWatchClient(awsOptions(opts))]);
  const channel = await describeChannel(medialive, opts.id);
  const health = await channelHealth(cloudwatch, opts.id, Date.now());
  if (opts.json) return printJson({ channel, health });
  print(`${channel.id}  ${channel.name}`);
  print(`  state      ${channel.state} (${channel.pipelinesRunningCount} pipeline(s) running, ${channel.channelClass})`);
  print(`  pool       ${channel.tags[POOL_TAG] ?? "(not in a pool)"}`);
  print(`  packaging  MediaPackage channel ${channel.mediaPackageChannelIds.join(", ") || "(none)"}`);
  print(`  alarms     ${health.alarms.length ? health.alarms.map((a) => `${a.name}${a.reason ? ` (${a.reason})` : ""}`).join("; ") : "none in ALARM"}`);
  for (const [name, value] of Object.entries(health.metrics)) print(`  ${name.padEnd(20)} ${value === null ? "no data in the last 15 min" : value}`);
}
