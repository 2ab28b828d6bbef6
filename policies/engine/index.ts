export * from "./types";
export * from "./attributes";
export { StackIndex } from "./stack-index";
export { suppress, suppressByPath, collectSuppressions, SUPPRESSION_METADATA } from "./suppressions";
export { evaluateStack, evaluateJson, resolveTier, TIER_CONTEXT } from "./evaluate";
export { formatFailure, formatTable, toJsonReport, toSarif } from "./report";
export { PolicyPack, type PolicyPackOptions } from "./policy-pack";
