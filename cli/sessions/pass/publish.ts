/**
 * publish: the pass's metrics, one PutMetricData per pass, under the pool dimension. Besides the
 * loop's own health (ChannelsRunning, Actions, Errors) it publishes what the failover alarm needs:
 * healthy channels, the channels the next hour needs (most sessions on air at once), and the
 * shortfall between them; and the recording sweep's counts when it ran.
 */
import { PutMetricDataCommand } from "@aws-sdk/client-cloudwatch";
import { OPS_METRICS, POOL_DIMENSION, type OpsMetricName } from "../../../contracts";
import { awsErrorInfo } from "../../aws/clients";
import { sweepMetricData } from "../../recordings/sweep";
import { peakOverlap } from "../planner";
import { needsPool } from "../sticky-planner";
import { addError, passTime, type PassContext, type PassStep } from "./context";
import { isCarrying } from "./observe";

/** How far ahead the failover metrics look (ChannelsNeededNextHour); load reads at least this far. */
export const NEXT_HOUR_MS = 3_600_000;

/** Most sessions on air at once within [now, now + 1 h): the channels that hour needs. */
export function channelsNeededNextHour(ctx: PassContext, now: number): number {
  const clipped = ctx.sessions
    .filter((s) => needsPool(s, now, 0) && s.startsAt < now + NEXT_HOUR_MS)
    .map((s) => ({ ...s, startsAt: Math.max(s.startsAt, now), endsAt: Math.min(s.endsAt, now + NEXT_HOUR_MS) }));
  return peakOverlap(clipped);
}

export const publishStep: PassStep = {
  name: "publish",
  always: true,
  async run(ctx: PassContext): Promise<void> {
    // Skipped, or asked for something that cannot be (a pool that does not exist): nothing to report.
    if (ctx.report.skipped || ctx.report.errors.some((e) => e.kind === "usage")) return;
    const now = passTime(ctx);
    const loaded = ctx.report.stoppedAt !== "lock" && ctx.report.stoppedAt !== "load";
    const metrics: Partial<Record<OpsMetricName, number>> = {
      [OPS_METRICS.actions]: ctx.report.mutatingCalls,
      [OPS_METRICS.errors]: ctx.report.errors.length,
      // One RecordingsMissing data point: the pass's losses and the sweep's, when it ran.
      [OPS_METRICS.recordingsMissing]: ctx.report.recordingsLost + (ctx.recordingSweep?.expired.length ?? 0),
    };
    // Only what the pass actually knows: after a failed load there is no pool state to report.
    if (loaded) {
      const healthy = ctx.channels.filter((c) => c.usable).length;
      const needed = channelsNeededNextHour(ctx, now);
      Object.assign(metrics, {
        [OPS_METRICS.channelsRunning]: ctx.channels.filter((c) => isCarrying(c.state)).length,
        [OPS_METRICS.sessionsLive]: ctx.sessions.filter((s) => needsPool(s, now, 0) && s.startsAt <= now).length,
        [OPS_METRICS.healthyChannels]: healthy,
        [OPS_METRICS.channelsNeededNextHour]: needed,
        [OPS_METRICS.channelShortfallNextHour]: Math.max(0, needed - healthy),
      });
    }
    ctx.report.metrics = { ...metrics, published: false };
    if (ctx.settings.dryRun) return;
    try {
      await ctx.deadline.race(
        "CloudWatch PutMetricData",
        ctx.aws.cloudwatch.send(
          new PutMetricDataCommand({
            Namespace: ctx.settings.metricsNamespace,
            MetricData: [
              ...Object.entries(metrics).map(([MetricName, Value]) => ({
                MetricName,
                Dimensions: [{ Name: POOL_DIMENSION, Value: ctx.settings.pool }],
                Timestamp: new Date(now),
                Value,
                Unit: "Count" as const,
              })),
              ...(ctx.recordingSweep ? sweepMetricData(ctx.recordingSweep, ctx.settings.pool) : [])
                .filter((d) => d.MetricName !== OPS_METRICS.recordingsMissing)
                .map((d) => ({ ...d, Timestamp: new Date(now) })),
            ],
          }),
          { abortSignal: ctx.deadline.signal },
        ),
      );
      ctx.report.metrics.published = true;
    } catch (err) {
      const info = awsErrorInfo(err);
      addError(ctx, { kind: "remote", message: `CloudWatch PutMetricData failed: ${info.name}: ${info.message}` });
    }
  },
};
