/**
 * The default of every ops flag that has one, declared once. The commands resolve their options with
 * these; cli/main.ts only prints them in --help (it imports this file and contracts/, nothing heavier,
 * so `ops --help` stays cheap). Values the stacks must agree with (lead, grace, deadlines, the
 * startover window, the metrics namespace) come from contracts/.
 */
import {
  DEFAULT_CHANNEL_CLASS,
  DEFAULT_GRACE,
  DEFAULT_LEAD,
  DEFAULT_MAX_SESSION_LENGTH,
  DEFAULT_PASS_DEADLINE,
  DEFAULT_STARTOVER_WINDOW_HOURS,
  DEFAULT_TRANSITION_TIMEOUT,
  OPS_METRICS_NAMESPACE,
} from "../../contracts";

/** `ops forecast` and `ops capacity plan`. */
export const FORECAST_DEFAULTS = { scenario: "architecture", format: "table" } as const;

/** `ops pricing refresh`. */
export const PRICING_REFRESH_DEFAULTS = { region: "ap-southeast-1" } as const;

/** `ops channels start|stop`: a start or stop waited for as long as the reconcile pass allows one. */
export const CHANNEL_CHANGE_DEFAULTS = { timeout: DEFAULT_TRANSITION_TIMEOUT, pollInterval: "5s" } as const;

/** `ops sessions plan`: --pool-size channels are of the class the pool deploys. */
export const SESSIONS_PLAN_DEFAULTS = { lead: DEFAULT_LEAD, grace: DEFAULT_GRACE, maxSessionLength: DEFAULT_MAX_SESSION_LENGTH, channelClass: DEFAULT_CHANNEL_CLASS } as const;

/** `ops sessions reconcile`. */
export const RECONCILE_DEFAULTS = {
  lead: DEFAULT_LEAD,
  grace: DEFAULT_GRACE,
  horizon: "1h",
  deadline: DEFAULT_PASS_DEADLINE,
  wait: "0s",
  transitionTimeout: DEFAULT_TRANSITION_TIMEOUT,
  callTimeout: "10s",
  startoverWindow: `${DEFAULT_STARTOVER_WINDOW_HOURS}h`,
  concurrency: 8,
  pollInterval: "10s",
  metricsNamespace: OPS_METRICS_NAMESPACE,
} as const;

/** `ops recordings sweep`: the look-back is the startover window; a run fits the one-minute task as a reconcile pass does. */
export const SWEEP_DEFAULTS = { lookBack: `${DEFAULT_STARTOVER_WINDOW_HOURS}h`, limit: 25, timeout: DEFAULT_PASS_DEADLINE, metricsNamespace: OPS_METRICS_NAMESPACE } as const;

/** `ops recordings replay`. */
export const REPLAY_DEFAULTS = { max: 100 } as const;
