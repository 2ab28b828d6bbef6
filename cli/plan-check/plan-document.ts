/**
 * The parts of `terraform show -json <planfile>` the apply check reads (Terraform's "JSON Output
 * Format": format_version, resource_changes[].change.{actions,before,after,after_unknown},
 * configuration.provider_config), validated once so the rules below can trust the shape.
 */
import { UsageError } from "../errors";

/** Terraform's planned action on one resource instance. */
export type PlanAction = "no-op" | "create" | "read" | "update" | "delete" | "forget";

export interface ResourceChange {
  /** e.g. `aws_medialive_channel.media-channel-pool_channel-0_1A2B3C4D`. */
  readonly address: string;
  readonly type: string;
  /** `["update"]`, `["delete"]`, `["delete","create"]` / `["create","delete"]` (replace), ... */
  readonly actions: readonly PlanAction[];
  /** Attribute values in state before the change; null for a create. */
  readonly before: Record<string, unknown> | null;
  /** Planned values; null for a delete. Unknown values are absent here and marked in afterUnknown. */
  readonly after: Record<string, unknown> | null;
  /** Same shape as `after`, `true` where a value is known only after apply. */
  readonly afterUnknown: Record<string, unknown>;
}

export interface PlanDocument {
  readonly formatVersion: string;
  readonly terraformVersion?: string;
  /** When the plan was made (Terraform >= 1.5 writes it), ISO 8601. */
  readonly timestamp?: string;
  /** Region of the default `aws` provider when it is a constant in the configuration. */
  readonly awsRegion?: string;
  /** Managed resources only: data source reads change nothing in AWS. */
  readonly changes: readonly ResourceChange[];
}

const ACTIONS = new Set<string>(["no-op", "create", "read", "update", "delete", "forget"]);

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** Validates a parsed plan document; every problem is named at once (exit 2, nothing called). */
export function parsePlanDocument(doc: unknown, source: string): PlanDocument {
  const fail = (problems: string[]) =>
    new UsageError(
      `${source} is not the JSON of a Terraform plan: ${problems.join("; ")}`,
      'make it with `terraform show -json <planfile> > plan.json` (a saved plan, not the state and not `terraform plan -json`\'s log)',
    );
  if (!isRecord(doc)) throw fail(["expected a JSON object"]);
  const problems: string[] = [];
  const formatVersion = doc.format_version;
  if (typeof formatVersion !== "string" || !/^1\.\d+$/.test(formatVersion)) problems.push(`format_version must be 1.x, got ${JSON.stringify(formatVersion)}`);
  if (!("resource_changes" in doc) && !("planned_values" in doc)) problems.push("no resource_changes or planned_values (a state file?)");
  const raw = doc.resource_changes ?? [];
  if (!Array.isArray(raw)) problems.push("resource_changes must be an array");
  const changes: ResourceChange[] = [];
  for (const [i, rc] of (Array.isArray(raw) ? raw : []).entries()) {
    const where = `resource_changes[${i}]`;
    if (!isRecord(rc) || !isRecord(rc.change)) {
      problems.push(`${where} has no change object`);
      continue;
    }
    const { address, type, mode } = rc;
    const { actions, before, after, after_unknown: afterUnknown } = rc.change;
    if (typeof address !== "string" || typeof type !== "string") problems.push(`${where} has no address or type`);
    else if (!Array.isArray(actions) || !actions.length || actions.some((a) => !ACTIONS.has(a as string))) problems.push(`${address}: unknown actions ${JSON.stringify(actions)}`);
    else if ((before !== null && before !== undefined && !isRecord(before)) || (after !== null && after !== undefined && !isRecord(after))) problems.push(`${address}: before/after must be objects or null`);
    else if (mode !== "data") {
      changes.push({
        address,
        type,
        actions: actions as PlanAction[],
        before: (before as Record<string, unknown> | undefined) ?? null,
        after: (after as Record<string, unknown> | undefined) ?? null,
        afterUnknown: isRecord(afterUnknown) ? afterUnknown : {},
      });
    }
  }
  if (problems.length) throw fail(problems);
  return {
    formatVersion: formatVersion as string,
    terraformVersion: typeof doc.terraform_version === "string" ? doc.terraform_version : undefined,
    timestamp: typeof doc.timestamp === "string" ? doc.timestamp : undefined,
    awsRegion: providerRegion(doc),
    changes,
  };
}

/** configuration.provider_config.aws.expressions.region.constant_value, if the region is a literal. */
function providerRegion(doc: Record<string, unknown>): string | undefined {
  const configuration = isRecord(doc.configuration) ? doc.configuration : {};
  const providers = isRecord(configuration.provider_config) ? configuration.provider_config : {};
  const aws = isRecord(providers.aws) ? providers.aws : {};
  const expressions = isRecord(aws.expressions) ? aws.expressions : {};
  const region = isRecord(expressions.region) ? expressions.region.constant_value : undefined;
  return typeof region === "string" ? region : undefined;
}

/** Replace (delete and create, in either order) or delete: the resource as it is now goes away. */
export function removesResource(change: ResourceChange): boolean {
  return change.actions.includes("delete");
}

/** An in-place update. */
export function updatesInPlace(change: ResourceChange): boolean {
  return change.actions.length === 1 && change.actions[0] === "update";
}

/** Whether a value is marked unknown anywhere inside (after_unknown nests like the value). */
function containsUnknown(marker: unknown): boolean {
  if (marker === true) return true;
  if (Array.isArray(marker)) return marker.some(containsUnknown);
  if (isRecord(marker)) return Object.values(marker).some(containsUnknown);
  return false;
}

function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(canonical(a) ?? null) === JSON.stringify(canonical(b) ?? null);
}

/**
 * For comparison only: key order does not matter, and null, "", [] and {} are all "not set" (the
 * provider SDK compares zero values, so a null list in state and an empty one planned are no change).
 */
function canonical(v: unknown): unknown {
  if (Array.isArray(v)) return v.length ? v.map((x) => canonical(x) ?? null) : undefined;
  if (isRecord(v)) {
    const entries = Object.keys(v)
      .sort()
      .map((k) => [k, canonical(v[k])] as const)
      .filter(([, x]) => x !== undefined);
    return entries.length ? Object.fromEntries(entries) : undefined;
  }
  return v === null || v === "" ? undefined : v;
}

/**
 * Top-level attributes an in-place update changes, leaving out `ignored` (e.g. tags, which the
 * provider updates through TagResource without touching the resource itself). A value known only
 * after apply counts as changed: the check cannot prove it is not.
 */
export function changedAttributes(change: ResourceChange, ignored: readonly string[] = []): string[] {
  const before = change.before ?? {};
  const after = change.after ?? {};
  const keys = new Set([...Object.keys(before), ...Object.keys(after), ...Object.keys(change.afterUnknown)]);
  return [...keys].filter((k) => !ignored.includes(k) && (containsUnknown(change.afterUnknown[k]) || !sameValue(before[k], after[k]))).sort();
}
