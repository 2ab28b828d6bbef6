import type { TerraformStack } from "cdktf";
import { collectSuppressions, findSuppression } from "./suppressions";
import { StackIndex, type SynthesizedStack } from "./stack-index";
import type { Finding, Level, Rule, RuleContext, StackReport, SynthesizedResource, Tier } from "./types";

export interface EvaluateOptions {
  readonly rules: readonly Rule[];
  /** Environment tier; read from the stack when absent (see resolveTier). */
  readonly tier?: Tier;
}

/** Context key a stack (or the app) can set to declare its tier. */
export const TIER_CONTEXT = "livestream:tier";

/**
 * The stack's tier: a stack with a public `config.tier` (LivestreamStack), else the
 * `livestream:tier` context, else prod, so an unknown stack gets the strictest rules.
 */
export function resolveTier(stack: TerraformStack): Tier {
  const fromConfig = (stack as unknown as { config?: { tier?: unknown } }).config?.tier;
  const tier = fromConfig ?? stack.node.tryGetContext(TIER_CONTEXT);
  return tier === "dev" ? "dev" : "prod";
}

/** Evaluates rules against a stack's synthesized JSON; never throws for violations. */
export function evaluateStack(stack: TerraformStack, options: EvaluateOptions): StackReport {
  const json = stack.toTerraform() as SynthesizedStack;
  return evaluateJson(json, stack.node.path, options.tier ?? resolveTier(stack), options.rules, collectSuppressions(stack));
}

/** Evaluation on already-synthesized JSON (used by evaluateStack and by the CLI). */
export function evaluateJson(
  json: SynthesizedStack,
  stackName: string,
  tier: Tier,
  rules: readonly Rule[],
  suppressions: ReturnType<typeof collectSuppressions>,
): StackReport {
  const index = new StackIndex(json, stackName);
  const context: RuleContext = { tier, stackName, index };
  const findings: Finding[] = [];
  const matched = new Map<(typeof suppressions)[number], number>();
  const evaluated = new Set<string>();
  for (const rule of rules) {
    if (rule.tiers && !rule.tiers.includes(tier)) continue;
    evaluated.add(rule.id);
    for (const type of rule.resourceTypes) {
      for (const resource of index.ofType(type)) {
        let violations;
        try {
          violations = rule.check(resource, context);
        } catch (err) {
          // One broken rule must not hide every other finding: report it where it broke.
          findings.push(crashFinding(rule, resource, err));
          continue;
        }
        for (const v of violations) {
          const suppressedBy = findSuppression(suppressions, rule.id, resource.path);
          if (suppressedBy) matched.set(suppressedBy, (matched.get(suppressedBy) ?? 0) + 1);
          findings.push({
            ruleId: rule.id,
            level: rule.level,
            title: rule.title,
            message: v.message,
            fix: v.fix ?? rule.fix,
            address: resource.address,
            path: resource.path,
            checkov: rule.checkov,
            trivy: rule.trivy,
            ...(suppressedBy ? { suppressedBy } : {}),
          });
        }
      }
    }
  }
  const counts: Record<Level, number> & { suppressed: number } = { error: 0, warning: 0, info: 0, suppressed: 0 };
  for (const f of findings) {
    if (f.suppressedBy) counts.suppressed++;
    else counts[f.level]++;
  }
  return {
    stack: stackName,
    tier,
    rulesEvaluated: evaluated.size,
    resourcesChecked: index.resources.length,
    findings,
    suppressions: suppressions.map((s) => {
      const uses = matched.get(s) ?? 0;
      // Only a rule that ran can prove an exception unused; one skipped for this tier or pack proves nothing.
      return { ...s, matched: uses, stale: uses === 0 && evaluated.has(s.ruleId) };
    }),
    counts,
  };
}

/** The error-level finding that stands for a rule that threw on a resource. */
function crashFinding(rule: Rule, resource: SynthesizedResource, err: unknown): Finding {
  const error = err instanceof Error ? err.message : String(err);
  return {
    ruleId: rule.id,
    level: "error",
    title: rule.title,
    message: `rule ${rule.id} threw while checking ${resource.address} (${resource.path}): ${error}`,
    fix: `A bug in the rule (policies/rules), not a verdict on the resource: fix ${rule.id} so it can read this resource. No suppression covers a rule that could not run.`,
    address: resource.address,
    path: resource.path,
    checkov: rule.checkov,
    trivy: rule.trivy,
    ruleError: error,
  };
}
