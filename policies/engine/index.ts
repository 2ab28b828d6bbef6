export * from "./types";
export * from "./attributes";
export { StackIndex } from "./stack-index";
export { suppress, suppressByPath, collectSuppressions, registerRuleIds, knownRuleIds, SUPPRESSION_METADATA } from "./suppressions";
export { evaluateStack, evaluateJson, resolveTier, TIER_CONTEXT } from "./evaluate";
export { formatFailure, formatTable, toJsonReport, toSarif, failsSynth, staleSuppressions, equivalents } from "./report";
export { PolicyPack, type PolicyPackOptions } from "./policy-pack";
