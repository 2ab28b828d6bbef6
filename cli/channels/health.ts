/**
 * Channel health and running time from CloudWatch. MediaLive's API does not say since when a channel
 * runs; its per-minute metrics do: the newest unbroken run of `ActiveAlerts` datapoints (emitted
 * every minute while a pipeline runs) starts when the channel started.
 */
import { DescribeAlarmsCommand, GetMetricDataCommand, type CloudWatchClient, type MetricDataQuery } from "@aws-sdk/client-cloudwatch";
import { remoteError } from "./pool";

const NAMESPACE = "AWS/MediaLive";

const query = (id: string, channelId: string, metric: string, stat: string, period = 60): MetricDataQuery => ({
  Id: id,
  MetricStat: {
    Metric: { Namespace: NAMESPACE, MetricName: metric, Dimensions: [{ Name: "ChannelId", Value: channelId }, { Name: "Pipeline", Value: "0" }] },
    Period: period,
    Stat: stat,
  },
});

/** Start of the newest unbroken per-minute run of timestamps (ms), or undefined. */
export function runStart(timestamps: readonly number[], periodMs = 60_000): number | undefined {
  const sorted = [...timestamps].sort((a, b) => b - a);
  if (!sorted.length) return undefined;
  let start = sorted[0]!;
  for (const t of sorted.slice(1)) {
    if (start - t > periodMs * 1.5) break;
    start = t;
  }
  return start;
}

/** Since when each channel runs, from the last `lookbackMs` of metrics; unknown ids are absent. */
export async function runningSince(client: CloudWatchClient, channelIds: readonly string[], now: number, lookbackMs = 24 * 3_600_000): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  if (!channelIds.length) return out;
  try {
    const res = await client.send(
      new GetMetricDataCommand({
        StartTime: new Date(now - lookbackMs),
        EndTime: new Date(now),
        MetricDataQueries: channelIds.map((id, i) => query(`c${i}`, id, "ActiveAlerts", "SampleCount")),
      }),
    );
    for (const r of res.MetricDataResults ?? []) {
      const id = channelIds[Number(r.Id?.slice(1))];
      const start = runStart((r.Timestamps ?? []).map((t) => t.getTime()));
      if (id && start !== undefined) out.set(id, start);
    }
  } catch (err) {
    throw remoteError("CloudWatch GetMetricData", err);
  }
  return out;
}

export interface ChannelHealth {
  /** Alarms on this channel's metrics that are in ALARM. */
  readonly alarms: { name: string; reason?: string }[];
  /** Latest value of each metric over the window, or null when it reported nothing. */
  readonly metrics: Record<string, number | null>;
}

const HEALTH_METRICS: [string, string][] = [
  ["ActiveAlerts", "Maximum"],
  ["InputVideoFrameRate", "Average"],
  ["NetworkIn", "Average"],
  ["DroppedFrames", "Sum"],
];

export async function channelHealth(client: CloudWatchClient, channelId: string, now: number, windowMs = 15 * 60_000): Promise<ChannelHealth> {
  try {
    const [data, alarms] = await Promise.all([
      client.send(
        new GetMetricDataCommand({
          StartTime: new Date(now - windowMs),
          EndTime: new Date(now),
          MetricDataQueries: HEALTH_METRICS.map(([m, stat], i) => query(`m${i}`, channelId, m, stat)),
        }),
      ),
      client.send(new DescribeAlarmsCommand({ StateValue: "ALARM", MaxRecords: 100 })),
    ]);
    const metrics: Record<string, number | null> = {};
    for (const r of data.MetricDataResults ?? []) {
      const [name] = HEALTH_METRICS[Number(r.Id?.slice(1))] ?? [];
      if (!name) continue;
      const pairs = (r.Timestamps ?? []).map((t, i) => [t.getTime(), r.Values?.[i] ?? 0] as const).sort((a, b) => b[0] - a[0]);
      metrics[name] = pairs[0]?.[1] ?? null;
    }
    const mine = (alarms.MetricAlarms ?? []).filter((a) => (a.Dimensions ?? []).some((d) => d.Name === "ChannelId" && d.Value === channelId));
    return { alarms: mine.map((a) => ({ name: a.AlarmName ?? "", reason: a.StateReason })), metrics };
  } catch (err) {
    throw remoteError("CloudWatch health query", err);
  }
}
