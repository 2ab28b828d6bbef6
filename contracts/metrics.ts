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
  /** Pool channels that may take new sessions (not failed, not failing to start). */
  healthyChannels: "HealthyChannels",
  /** Most sessions on air at once in the next hour: the channels that hour needs. */
  channelsNeededNextHour: "ChannelsNeededNextHour",
  /** ChannelsNeededNextHour minus HealthyChannels, at least 0: the failover alarm's metric. */
  channelShortfallNextHour: "ChannelShortfallNextHour",
  /**
   * Sessions whose recording was lost for good (recording_failed): by the pass, not harvested within
   * the startover window; by the recording sweep, no manifest within it. One alarm watches both.
   */
  recordingsMissing: "RecordingsMissing",
} as const;
export type OpsMetricName = (typeof OPS_METRICS)[keyof typeof OPS_METRICS];

/** Metric names of the recording sweep (same namespace and Pool dimension as the pass). */
export const RECORDING_SWEEP_METRICS = {
  /** Sessions the sweep could not check or index in one pass (S3 or database failures, rejected rows). */
  failures: "RecordingSweepFailures",
  /** Recordings the sweep found in S3 and indexed because their event never arrived. */
  indexed: "RecordingsIndexedBySweep",
  /** Sessions marked recording_failed because no master manifest appeared within the look-back window. */
  expired: OPS_METRICS.recordingsMissing,
} as const;
