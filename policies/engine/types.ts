/**
 * The policy pack's vocabulary: rules check synthesized Terraform resources (the JSON cdktf writes,
 * tokens resolved to `${type.name.attr}` references) and return violations; the engine turns them
 * into findings, applies suppressions and builds a report.
 */
import type { StackIndex } from "./stack-index";
import type { SynthesizedResource } from "./synthesized-resource";

export type { SynthesizedResource } from "./synthesized-resource";

/** `error` fails synth; `warning` and `info` are reported only. */
export type Level = "error" | "warning" | "info";

/** The resilience profile of the stack being checked (EnvironmentConfig.tier). */
export type Tier = "dev" | "prod";

/** What a rule found wrong with one resource. */
export interface Violation {
  /** What is wrong, naming the attribute or the missing companion resource. */
  readonly message: string;
  /** How to fix this instance; the rule's general `fix` is used when absent. */
  readonly fix?: string;
}

/** What a rule can see besides the resource: the whole stack and its environment tier. */
export interface RuleContext {
  readonly tier: Tier;
  readonly stackName: string;
  readonly index: StackIndex;
}

export interface Rule {
  /** Stable id, `LS-<AREA>-<NNN>`, used in reports and suppressions. */
  readonly id: string;
  /** One line saying what compliant infrastructure looks like. */
  readonly title: string;
  readonly level: Level;
  /** Equivalent Checkov check ids (CKV_AWS_*, CKV2_AWS_*), each verified; empty means "no equivalent" (reports say so). */
  readonly checkov: readonly string[];
  /** Equivalent Trivy (formerly tfsec) AVD ids, each verified; empty means "no equivalent". */
  readonly trivy: readonly string[];
  /** Terraform types checked; data sources as `data.<type>`. */
  readonly resourceTypes: readonly string[];
  /** Tiers the rule applies to. @default every tier */
  readonly tiers?: readonly Tier[];
  /** Why the rule exists, for the report's help text. */
  readonly rationale: string;
  /** How to fix a violation, in terms of the provider's attributes. */
  readonly fix: string;
  check(resource: SynthesizedResource, context: RuleContext): Violation[];
}

/** A reasoned exception attached to a construct (and inherited by everything below it). */
export interface Suppression {
  readonly ruleId: string;
  readonly reason: string;
  /** Path of the construct the suppression was attached to. */
  readonly path: string;
}

export interface Finding {
  readonly ruleId: string;
  readonly level: Level;
  readonly title: string;
  readonly message: string;
  readonly fix: string;
  readonly address: string;
  readonly path: string;
  readonly checkov: readonly string[];
  readonly trivy: readonly string[];
  /** Present when a suppression covers this finding. */
  readonly suppressedBy?: Suppression;
  /** Present when the rule threw on this resource: the error, reported as an error-level finding that no suppression covers. */
  readonly ruleError?: string;
}

/** A declared suppression with what it covered in one stack. */
export type SuppressionUse = Suppression & {
  /** Findings it covered. */
  readonly matched: number;
  /** Its rule was evaluated on the stack and it covered nothing: a leftover exception that fails synth. */
  readonly stale: boolean;
};

export interface StackReport {
  readonly stack: string;
  readonly tier: Tier;
  readonly rulesEvaluated: number;
  readonly resourcesChecked: number;
  readonly findings: readonly Finding[];
  /** Every suppression declared in the stack, with the number of findings it covered and whether it is stale. */
  readonly suppressions: readonly SuppressionUse[];
  /** Unsuppressed findings per level. */
  readonly counts: Readonly<Record<Level, number>> & { readonly suppressed: number };
}
