/**
 * Field types the environment schema shares, each refusing what AWS or Terraform would refuse only
 * later (at plan, at apply, or at the first run): CIDR blocks with host bits, schedule expressions
 * EventBridge Scheduler does not take, tags AWS reserves or the stacks own, malformed image
 * references, origins with a path, durations out of range.
 */
import { z } from "zod";
import { TAG_PREFIX } from "../contracts";
import { parseRateExpression } from "../lib/rate-expression";
import { durationMs, formatDuration } from "../lib/duration";

/** An IPv4 CIDR whose address is the network address (`10.20.0.0/16`, not `10.20.5.0/16`): Terraform's aws provider refuses host bits. */
export const networkCidr = z.cidrv4().superRefine((cidr, ctx) => {
  const [address, prefixText] = cidr.split("/");
  const prefix = Number(prefixText);
  const value = address!.split(".").reduce((n, octet) => n * 256 + Number(octet), 0);
  const hostBits = prefix === 32 ? 0 : value % 2 ** (32 - prefix);
  if (hostBits !== 0) {
    const network = value - hostBits;
    const dotted = [24, 16, 8, 0].map((shift) => Math.floor(network / 2 ** shift) % 256).join(".");
    ctx.addIssue({ code: "custom", message: `${cidr} has host bits set: the block is ${dotted}/${prefix}` });
  }
});

/**
 * An EventBridge Scheduler recurring expression: `rate(<n> minute|minutes|hour|hours|day|days)` (at
 * least one minute; singular for 1) or `cron(<6 fields>)` (EventBridge Scheduler User Guide,
 * "Schedule types on EventBridge Scheduler").
 */
export const scheduleExpression = z.string().superRefine((expression, ctx) => {
  const rate = parseRateExpression(expression);
  if (rate) {
    const n = rate.value;
    const singular = !rate.plural;
    if (n < 1) ctx.addIssue({ code: "custom", message: `${expression}: a rate needs a value of at least 1` });
    else if (singular !== (n === 1)) ctx.addIssue({ code: "custom", message: `${expression}: write ${n === 1 ? "minute, hour or day" : "minutes, hours or days"} for a value of ${n}` });
    return;
  }
  const cron = /^cron\((.+)\)$/.exec(expression);
  if (cron && cron[1]!.trim().split(/\s+/).length === 6) return;
  ctx.addIssue({ code: "custom", message: `'${expression}' is not a Scheduler expression: rate(1 minute), rate(5 minutes) or cron(minutes hours day-of-month month day-of-week year)` });
});

/**
 * Extra resource tags: AWS's limits (keys 1-128 characters, values up to 256, no `aws:` prefix: AWS
 * reserves it) and none of the stacks' own `livestream:` keys, which preflight, the ops CLI and the
 * runbook rely on (a config tag would override the provider's default tags).
 */
export const extraTags = z.record(z.string(), z.string()).superRefine((tags, ctx) => {
  for (const [key, value] of Object.entries(tags)) {
    if (key.length < 1 || key.length > 128) ctx.addIssue({ code: "custom", path: [key], message: "tag keys are 1-128 characters" });
    if (value.length > 256) ctx.addIssue({ code: "custom", path: [key], message: "tag values are at most 256 characters" });
    if (key.toLowerCase().startsWith("aws:")) ctx.addIssue({ code: "custom", path: [key], message: "the aws: prefix is reserved for AWS's own tags" });
    if (key.startsWith(TAG_PREFIX)) ctx.addIssue({ code: "custom", path: [key], message: `${TAG_PREFIX} keys belong to the stacks (pool, environment, ...); choose another key` });
  }
});

/**
 * A container image reference: `<registry>/<repository>` with a tag (`:1.2.3`) or a digest
 * (`@sha256:<64 hex>`), in the OCI distribution grammar's character sets.
 */
export const containerImage = z
  .string()
  .regex(
    /^[a-z0-9]+([._-][a-z0-9]+)*(:\d+)?(\/[a-z0-9]+([._-][a-z0-9]+)*)+(:[\w][\w.-]{0,127}|@sha256:[a-f0-9]{64})$/,
    "expected <registry>/<repository>:<tag> or <registry>/<repository>@sha256:<digest>, e.g. 123456789012.dkr.ecr.ap-southeast-1.amazonaws.com/mentee-service:1.4.2",
  );

/** A web origin (`https://host[:port]`): what a browser sends in Origin and CORS compares, so no path or trailing slash. */
export const httpsOrigin = z.url({ protocol: /^https$/ }).superRefine((url, ctx) => {
  if (new URL(url).origin !== url) {
    ctx.addIssue({ code: "custom", message: `'${url}' is not an origin: write it as ${safeOrigin(url)} (scheme, host and port only, no path or trailing slash)` });
  }
});

const safeOrigin = (url: string) => {
  try {
    return new URL(url).origin;
  } catch {
    return "https://host";
  }
};

/** A duration with its unit (`10m`, `90s`), between `min` and `max` milliseconds. */
export function boundedDuration(minMs: number, maxMs: number) {
  return z.string().superRefine((text, ctx) => {
    const ms = durationMs(text);
    if (ms === undefined) ctx.addIssue({ code: "custom", message: `'${text}' is not a duration: write it with a unit, e.g. 10m or 90s` });
    else if (ms < minMs || ms > maxMs) ctx.addIssue({ code: "custom", message: `${text} is out of range: between ${formatDuration(minMs) || "0s"} and ${formatDuration(maxMs)}` });
  });
}
