/**
 * Helpers for rule tests: a throwaway stack, the findings one rule reports on it, and the check that
 * every rule a test file covers was seen both passing and firing.
 */
import { TerraformStack, Testing } from "cdktf";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { evaluateStack } from "./engine/evaluate";
import type { Finding, Rule, Tier } from "./engine/types";

/** A stack with an AWS provider, ready for small example resources. */
export function testStack(id = "test"): TerraformStack {
  const stack = new TerraformStack(Testing.app(), id);
  new AwsProvider(stack, "aws", { region: "ap-southeast-1" });
  return stack;
}

/** What findingsOf saw per rule in this test file: a compliant example (no finding) and a non-compliant one. */
const outcomes = new Map<string, { compliant: boolean; nonCompliant: boolean }>();

/** Unsuppressed findings of one rule on a stack built by `build`. */
export function findingsOf(rule: Rule, build: (stack: TerraformStack) => void, tier: Tier = "prod"): Finding[] {
  const stack = testStack();
  build(stack);
  const findings = evaluateStack(stack, { rules: [rule], tier }).findings.filter((f) => !f.suppressedBy);
  const seen = outcomes.get(rule.id) ?? { compliant: false, nonCompliant: false };
  outcomes.set(rule.id, findings.length ? { ...seen, nonCompliant: true } : { ...seen, compliant: true });
  return findings;
}

/**
 * Declares the rules a test file covers. Call it once, at the end of the file: it adds a test, run
 * after the file's others, that fails unless findingsOf ran each rule on at least one compliant
 * example (no finding) and one non-compliant example (a finding). policies/rules/rules.test.ts
 * checks that every rule of the pack is declared by exactly one test file.
 */
export function requireBothOutcomes(rules: readonly Rule[]): void {
  test(`each of ${rules.map((r) => r.id).join(", ")} has a compliant and a non-compliant example`, () => {
    const missing = rules.flatMap((r) => {
      const seen = outcomes.get(r.id);
      return [...(seen?.compliant ? [] : [`${r.id}: no compliant example`]), ...(seen?.nonCompliant ? [] : [`${r.id}: no non-compliant example`])];
    });
    expect(missing).toEqual([]);
  });
}
