import { block } from "../../engine/attributes";
import type { Rule } from "../../engine/types";

export const functionTracing: Rule = {
  id: "LS-LAMBDA-004",
  title: "Lambda function has active X-Ray tracing",
  level: "warning",
  checkov: ["CKV_AWS_50"],
  trivy: ["AVD-AWS-0066"],
  resourceTypes: ["aws_lambda_function"],
  rationale: "Traces show where a slow or failing invocation spends its time (cold start, VPC, database).",
  fix: "Set tracing_config { mode = \"Active\" } and allow xray:PutTraceSegments in the function's role.",
  check(fn) {
    return block(fn.attributes.tracing_config).mode === "Active" ? [] : [{ message: "tracing_config.mode is not Active" }];
  },
};
