import { z } from "zod";
import { DEFAULT_RECONCILE_SETTINGS } from "../../contracts/settings-defaults";
import { boundedDuration, scheduleExpression } from "../fields";

const DEFAULTS = DEFAULT_RECONCILE_SETTINGS;

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/**
 * The scheduled `ops sessions reconcile` task: which image runs it and how it treats sessions.
 * The pool is the environment's name (channels tagged livestream:pool=<env>).
 */
export const reconcileSchema = z
  .strictObject({
    /**
     * Image with the ops CLI as entrypoint, by digest (`<repo>@sha256:...`, what the pipeline records)
     * or by an immutable tag; `latest` and untagged references are refused (prod repositories reject
     * a second push of a tag, and a moving tag would run an unknown build).
     */
    image: z
      .string()
      .regex(/^[a-z0-9][a-z0-9._/:-]*(@sha256:[a-f0-9]{64}|:(?!latest$)[\w][\w.-]{0,127})$/, "expected the ops image by digest (<repo>@sha256:<64 hex>, recorded by the ops-image pipeline) or by an immutable tag other than latest"),
    /** How long before a session its channel starts. */
    lead: boundedDuration(0, 2 * HOUR).default(DEFAULTS.lead),
    /** How long after a session its channel keeps running. */
    grace: boundedDuration(0, 2 * HOUR).default(DEFAULTS.grace),
    /** A channel start or stop unsettled this long after its first call is a failure (exit 4, Errors alarm) and the session moves. */
    transitionTimeout: boundedDuration(MINUTE, HOUR).default(DEFAULTS.transitionTimeout),
    /**
     * Pause the loop (the schedule is disabled and its alarms stop paging) to run the pool by hand
     * with `ops channels start|stop`; set back to false to hand the pool back to the loop.
     */
    paused: z.boolean().default(DEFAULTS.paused),
    /** EventBridge Scheduler expression. */
    scheduleExpression: scheduleExpression.default(DEFAULTS.scheduleExpression),
  });
