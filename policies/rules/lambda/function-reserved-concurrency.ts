import { asNumber } from "../../engine/attributes";
import type { Rule } from "../../engine/types";

export const functionReservedConcurrency: Rule = {
  id: "LS-LAMBDA-003",
  title: "Lambda function has reserved concurrency",
  level: "warning",
  checkov: ["CKV_AWS_115"],
  trivy: [],
  resourceTypes: ["aws_lambda_function"],
  rationale: "Caps the database connections a burst of events can open and keeps one function from starving the account's concurrency.",
  fix: "Set reserved_concurrent_executions to the most the downstream can take (e.g. 5 for the recording indexer).",
  check(fn) {
    const n = asNumber(fn.attributes.reserved_concurrent_executions);
    return n !== undefined && n >= 0 ? [] : [{ message: "reserved_concurrent_executions is not set" }];
  },
};
