/**
 * The livestream policy pack (cdk-nag's design for cdktf): rules checked on every stack at synth,
 * failing synth on unsuppressed errors. Apply with `applyPolicyPack(stack)`; record exceptions with
 * `suppress(construct, ruleId, reason)`.
 */
import { Aspects, type TerraformStack } from "cdktf";
import { PolicyPack, type PolicyPackOptions } from "./engine/policy-pack";
import { ALL_RULES } from "./rules";

export { ALL_RULES } from "./rules";
export { PolicyPack } from "./engine/policy-pack";
export { suppress, suppressByPath } from "./engine/suppressions";
export type { Finding, Rule, StackReport, Tier } from "./engine/types";

/** A pack with every rule. */
export function livestreamPolicyPack(options: Omit<PolicyPackOptions, "rules"> & { readonly rules?: PolicyPackOptions["rules"] } = {}): PolicyPack {
  return new PolicyPack({ rules: ALL_RULES, ...options });
}

/** Adds the pack to each stack as an Aspect (aspects on the App are not applied to stacks in cdktf). */
export function applyPolicyPack(stacks: readonly TerraformStack[], pack: PolicyPack): PolicyPack {
  for (const stack of stacks) Aspects.of(stack).add(pack);
  return pack;
}
