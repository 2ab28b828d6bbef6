import type { IConstruct } from "constructs";
import type { Suppression } from "./types";

/** Construct metadata type under which suppressions are stored (visible in the construct tree). */
export const SUPPRESSION_METADATA = "livestream:policy:suppression";

const RULE_ID = /^LS-[A-Z0-9]+-\d{3}$/;
const MIN_REASON = 10;

/**
 * Records a reasoned exception: findings of `ruleId` on `construct` and everything below it are
 * reported as suppressed instead of failing synth. The reason is required and shown in every report.
 */
export function suppress(construct: IConstruct, ruleId: string, reason: string): void {
  if (!RULE_ID.test(ruleId)) {
    throw new Error(`suppress(${construct.node.path}): rule id '${ruleId}' is not a policy rule id (expected LS-<AREA>-<NNN>, e.g. LS-S3-001)`);
  }
  const why = (reason ?? "").trim();
  if (why.length < MIN_REASON) {
    throw new Error(
      `suppress(${construct.node.path}, ${ruleId}): a reason of at least ${MIN_REASON} characters is required, saying why the design needs this exception (got '${why}')`,
    );
  }
  construct.node.addMetadata(SUPPRESSION_METADATA, { ruleId, reason: why });
}

/**
 * Suppresses by construct path relative to `scope` (e.g. `media/channel-pool/input-security-group`),
 * for exceptions declared centrally rather than inside the construct. Throws when the path does not
 * exist, so a renamed construct cannot silently drop its exception.
 */
export function suppressByPath(scope: IConstruct, relativePath: string, ruleId: string, reason: string): void {
  let node: IConstruct = scope;
  for (const id of relativePath.split("/").filter(Boolean)) {
    const child = node.node.tryFindChild(id);
    if (!child) {
      throw new Error(`suppressByPath: no construct '${id}' under ${node.node.path} (looking for ${scope.node.path}/${relativePath})`);
    }
    node = child;
  }
  suppress(node, ruleId, reason);
}

/** Every suppression declared in the tree under root, by the path it was attached to. */
export function collectSuppressions(root: IConstruct): Suppression[] {
  const found: Suppression[] = [];
  for (const c of root.node.findAll()) {
    for (const entry of c.node.metadata) {
      if (entry.type !== SUPPRESSION_METADATA) continue;
      const data = entry.data as { ruleId: string; reason: string };
      found.push({ ruleId: data.ruleId, reason: data.reason, path: c.node.path });
    }
  }
  return found;
}

/** The suppression covering a finding on `path`: attached to it or to one of its ancestors. */
export function findSuppression(suppressions: readonly Suppression[], ruleId: string, path: string): Suppression | undefined {
  let best: Suppression | undefined;
  for (const s of suppressions) {
    if (s.ruleId !== ruleId) continue;
    if (path === s.path || path.startsWith(`${s.path}/`)) {
      if (!best || s.path.length > best.path.length) best = s; // the nearest one explains it best
    }
  }
  return best;
}
