/** CloudWatch metrics the ops CLI publishes and the stacks alarm on. */

/** Namespace of every metric the reconcile pass (and the recording sweep) publishes. */
export const OPS_METRICS_NAMESPACE = "Livestream/Ops";
/** Dimension naming the channel pool (the environment) on every ops metric. */
export const POOL_DIMENSION = "Pool";

/** Metric names of the reconcile pass. */
export const OPS_METRICS = {
  channelsRunning: "ChannelsRunning",
  sessionsLive: "SessionsLive",
  actions: "Actions",
  errors: "Errors",
} as const;
export type OpsMetricName = (typeof OPS_METRICS)[keyof typeof OPS_METRICS];
