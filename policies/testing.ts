/** Helpers for rule tests: a throwaway stack and the findings one rule reports on it. */
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

/** Unsuppressed findings of one rule on a stack built by `build`. */
export function findingsOf(rule: Rule, build: (stack: TerraformStack) => void, tier: Tier = "prod"): Finding[] {
  const stack = testStack();
  build(stack);
  return evaluateStack(stack, { rules: [rule], tier }).findings.filter((f) => !f.suppressedBy);
}
