import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { Aspects, TerraformStack } from "cdktf";
import type { IAspect } from "cdktf";
import type { IConstruct } from "constructs";
import { evaluateJson, resolveTier } from "./evaluate";
import type { SynthesizedStack } from "./stack-index";
import { writeFileAtomic } from "../../lib/atomic-write";
import { reuseSynthesizedJsonOnce } from "../../lib/cdktf-speedups";
import { collectSuppressions, registerRuleIds } from "./suppressions";
import { failsSynth, formatFailure, toJsonReport } from "./report";
import type { Rule, StackReport, Tier } from "./types";

export interface PolicyPackOptions {
  /** The rules to run. */
  readonly rules: readonly Rule[];
  /** `enforce` fails synth on unsuppressed errors; `report` only records them. @default "enforce" */
  readonly mode?: "enforce" | "report";
  /** Tier for every stack; each stack's own tier is used when absent. */
  readonly tier?: Tier;
  /** JSON report of every stack checked so far, rewritten after each stack. @default none */
  readonly reportFile?: string;
}

/**
 * The policy pack as a cdktf Aspect (cdk-nag's design): added to a stack, it registers a validation
 * that runs during synth, after every construct exists, evaluates all rules once on the stack's
 * synthesized JSON (escape-hatch overrides included) and fails synth on unsuppressed errors and on
 * stale suppressions (exceptions whose rule ran and excused nothing).
 */
export class PolicyPack implements IAspect {
  /** Reports of the stacks checked so far, in synth order (one per stack). */
  readonly reports: StackReport[] = [];
  private readonly registered = new WeakSet<IConstruct>();

  constructor(readonly options: PolicyPackOptions) {
    registerRuleIds(options.rules.map((r) => r.id));
  }

  /** The pack added to a stack, if any. */
  static of(stack: TerraformStack): PolicyPack | undefined {
    return Aspects.of(stack).all.find((a): a is PolicyPack => a instanceof PolicyPack);
  }

  visit(node: IConstruct): void {
    if (!TerraformStack.isStack(node) || this.registered.has(node)) return;
    this.registered.add(node);
    node.node.addValidation({ validate: () => this.validate(node) });
  }

  /** Evaluates one stack, records its report and returns the synth failure, if any. */
  validate(stack: TerraformStack): string[] {
    const json = stack.toTerraform();
    const report = evaluateJson(json as SynthesizedStack, stack.node.path, this.options.tier ?? resolveTier(stack), this.options.rules, collectSuppressions(stack));
    // Validations run right before the synthesizer resolves the stack: it may reuse this JSON.
    reuseSynthesizedJsonOnce(stack, json);
    const at = this.reports.findIndex((r) => r.stack === report.stack);
    if (at >= 0) this.reports[at] = report;
    else this.reports.push(report);
    if (this.options.reportFile) {
      mkdirSync(dirname(this.options.reportFile), { recursive: true });
      // Readers (the CLI, CI) never see half a report, even if synth dies mid-write.
      writeFileAtomic(this.options.reportFile, `${JSON.stringify(toJsonReport(this.reports), null, 2)}\n`);
    }
    if ((this.options.mode ?? "enforce") === "enforce" && failsSynth(report)) return [formatFailure(report)];
    return [];
  }
}
