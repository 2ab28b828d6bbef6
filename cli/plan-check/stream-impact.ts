/**
 * Which planned changes would interrupt (or half-apply against) a live MediaLive channel, and how to
 * find the channels each one reaches. Pure: reads the plan only. Creations never interrupt anything;
 * tag-only updates neither (the provider tags through TagResource and skips the update call).
 *
 * Per resource type, what AWS or the hashicorp/aws provider does (provider source
 * internal/service/medialive/*.go; MediaLive User Guide, "Editing an input"; MediaPackage and
 * CloudFormation user guides):
 * - aws_medialive_channel update (anything but tags): resourceChannelUpdate stops a RUNNING channel
 *   before UpdateChannel and starts it again only when start_channel is true; the pool keeps it false,
 *   so the broadcast ends. A start_channel change starts or stops the channel itself. Delete or
 *   replace: the provider stops it, then deletes it.
 * - aws_medialive_input update: UpdateInput, which MediaLive refuses while an attached channel is not
 *   idle; the apply fails half-done. Delete or replace: an attached input cannot be deleted.
 * - aws_medialive_input_security_group: an allow-list change applies to inputs in use at once
 *   (no restart), so removing a range cuts off an encoder pushing from it; adding ranges is harmless.
 *   Delete or replace: its inputs have to move to another group (UpdateInput, idle channels only).
 * - aws_media_package_channel delete or replace: the channel's MediaPackage output loses its
 *   destination and the session's startover window (its recording) goes with it. Updates change
 *   only the description.
 * - aws_cloudformation_stack holding an AWS::MediaPackage::OriginEndpoint, deleted, replaced or
 *   updated without the endpoint: the endpoint and its startover window are deleted, so the live
 *   session's recording cannot be harvested. In-place stack updates otherwise keep the endpoint
 *   (properties that need a replacement fail for a custom-named resource instead of replacing it).
 */
import { changedAttributes, removesResource, updatesInPlace, type PlanAction, type ResourceChange } from "./plan-document";

/** How a change reaches MediaLive channels: directly, through inputs, or through MediaPackage channels. */
export type ChannelPath =
  | { readonly via: "channel"; readonly ids: readonly string[] }
  | { readonly via: "input"; readonly ids: readonly string[] }
  | { readonly via: "mediapackage-channel"; readonly ids: readonly string[] };

export interface StreamImpact {
  readonly address: string;
  readonly type: string;
  readonly actions: readonly PlanAction[];
  /** What AWS or the provider does to a live channel when this change is applied. */
  readonly effect: string;
  readonly reaches: ChannelPath;
}

/** Resource types whose changes can reach a live channel (everything else passes untouched). */
export const STREAM_RESOURCE_TYPES = [
  "aws_medialive_channel",
  "aws_medialive_input",
  "aws_medialive_input_security_group",
  "aws_media_package_channel",
  "aws_cloudformation_stack",
] as const;

const TAGS = ["tags", "tags_all"];

type Rule = (change: ResourceChange) => Omit<StreamImpact, "address" | "type" | "actions"> | undefined;

const str = (v: unknown): string | undefined => (typeof v === "string" && v !== "" ? v : undefined);
const strings = (v: unknown): string[] => (Array.isArray(v) ? v.map(str).filter((s): s is string => !!s) : []);
/** The last segment of an ARN or the id itself (the provider stores input ids; older states ARNs). */
const idOf = (v: string) => v.split(/[:/]/).pop() ?? v;
const replaced = (c: ResourceChange) => (c.actions.includes("create") ? "replaced" : "deleted");

const RULES: Record<(typeof STREAM_RESOURCE_TYPES)[number], Rule> = {
  aws_medialive_channel(c) {
    const ids = [str(c.before?.channel_id) ?? str(c.before?.id)].filter((s): s is string => !!s);
    if (removesResource(c)) return { effect: `the channel is ${replaced(c)}: the provider stops it first if it is running`, reaches: { via: "channel", ids } };
    const changed = updatesInPlace(c) ? changedAttributes(c, TAGS) : [];
    if (!changed.length) return undefined;
    if (changed.includes("start_channel")) {
      return { effect: "start_channel changes: the provider itself starts or stops the channel, behind the reconcile loop's back", reaches: { via: "channel", ids } };
    }
    return {
      effect: `UpdateChannel (${changed.join(", ")}): the provider stops a RUNNING channel first and, with start_channel = false, leaves it stopped`,
      reaches: { via: "channel", ids },
    };
  },
  aws_medialive_input(c) {
    const ids = [str(c.before?.id)].filter((s): s is string => !!s);
    if (removesResource(c)) return { effect: `the input is ${replaced(c)}: MediaLive refuses to delete an input attached to a channel`, reaches: { via: "input", ids } };
    const changed = updatesInPlace(c) ? changedAttributes(c, TAGS) : [];
    if (!changed.length) return undefined;
    return { effect: `UpdateInput (${changed.join(", ")}): MediaLive refuses it while the attached channel is not idle, and the apply stops half-done`, reaches: { via: "input", ids } };
  },
  aws_medialive_input_security_group(c) {
    const ids = strings(c.before?.inputs).map(idOf);
    if (removesResource(c)) {
      return { effect: `the input security group is ${replaced(c)}: its inputs must move to another group (UpdateInput, idle channels only)`, reaches: { via: "input", ids } };
    }
    if (!updatesInPlace(c) || !changedAttributes(c, TAGS).includes("whitelist_rules")) return undefined;
    const cidrs = (v: unknown) => (Array.isArray(v) ? v.map((r) => str((r as { cidr?: unknown })?.cidr)).filter((s): s is string => !!s) : []);
    const after = new Set(cidrs(c.after?.whitelist_rules));
    const unknown = c.afterUnknown.whitelist_rules !== undefined && JSON.stringify(c.afterUnknown.whitelist_rules).includes("true");
    const removed = unknown ? ["(known after apply)"] : cidrs(c.before?.whitelist_rules).filter((cidr) => !after.has(cidr));
    if (!removed.length) return undefined; // only ranges added: nobody pushing now is refused
    return { effect: `the allow list loses ${removed.join(", ")} at once (no restart): an encoder pushing from there is cut off`, reaches: { via: "input", ids } };
  },
  aws_media_package_channel(c) {
    if (!removesResource(c)) return undefined;
    const ids = [str(c.before?.channel_id) ?? str(c.before?.id)].filter((s): s is string => !!s);
    return {
      effect: `the MediaPackage channel is ${replaced(c)}: the MediaLive channel's MediaPackage output loses its destination and the live recording (startover window) is lost`,
      reaches: { via: "mediapackage-channel", ids },
    };
  },
  aws_cloudformation_stack(c) {
    const before = originEndpoints(c.before?.template_body);
    if (!before.size) return undefined;
    let gone = [...before.keys()];
    if (!removesResource(c)) {
      if (!updatesInPlace(c)) return undefined;
      const unknown = JSON.stringify(c.afterUnknown.template_body ?? false).includes("true");
      const after = unknown ? new Map<string, string | undefined>() : originEndpoints(c.after?.template_body);
      gone = gone.filter((logicalId) => !after.has(logicalId));
      if (!gone.length) return undefined;
    }
    const ids = [...new Set(gone.map((l) => before.get(l)).filter((s): s is string => !!s))];
    return {
      effect: `the MediaPackage origin endpoint is ${removesResource(c) ? replaced(c) : "removed from the stack"} with its startover window: live and not yet harvested recordings are lost`,
      reaches: { via: "mediapackage-channel", ids },
    };
  },
};

/** Logical id -> MediaPackage channel id of each origin endpoint in a JSON template body. */
function originEndpoints(templateBody: unknown): Map<string, string | undefined> {
  const found = new Map<string, string | undefined>();
  if (typeof templateBody !== "string") return found;
  let template: { Resources?: Record<string, { Type?: unknown; Properties?: { ChannelId?: unknown } }> };
  try {
    template = JSON.parse(templateBody);
  } catch {
    return found; // the stacks this project plans hold JSON templates; YAML ones hold no endpoint of ours
  }
  for (const [logicalId, resource] of Object.entries(template?.Resources ?? {})) {
    if (resource?.Type === "AWS::MediaPackage::OriginEndpoint") found.set(logicalId, str(resource.Properties?.ChannelId));
  }
  return found;
}

/** The plan's changes that can interrupt a live channel, in plan order. */
export function streamImpacts(changes: readonly ResourceChange[]): StreamImpact[] {
  const impacts: StreamImpact[] = [];
  for (const change of changes) {
    const rule = RULES[change.type as keyof typeof RULES];
    const impact = rule?.(change);
    if (impact) impacts.push({ address: change.address, type: change.type, actions: change.actions, ...impact });
  }
  return impacts;
}
