/**
 * Values that two or more layers of the project must agree on (constructs, the ops CLI, the
 * recording indexer Lambda, the cost model, the policy pack). Each lives here once; the layers
 * import it instead of repeating the literal. One file per concern.
 */
export * from "./storage";
export * from "./metrics";
export * from "./tags";
export * from "./sessions";
export * from "./logs";
export * from "./limits";
export * from "./terraform";
export * from "./aws-regions";
export * from "./security";
export * from "./network";
export * from "./recordings";
export * from "./ingest";
export * from "./services";
export * from "./channels";
export * from "./database";
export * from "./stacks";
