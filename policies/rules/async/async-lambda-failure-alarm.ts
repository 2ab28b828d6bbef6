import type { Rule } from "../../engine/types";
import { alarmsOn, isInvokedAsynchronously, lambdaFailureTarget } from "../support";

export const asyncLambdaFailureAlarm: Rule = {
  id: "LS-ASYNC-002",
  title: "Asynchronously invoked Lambda has a failure alarm",
  level: "error",
  checkov: [],
  trivy: [],
  resourceTypes: ["aws_lambda_function"],
  rationale: "Async failures are invisible to the caller (S3 does not retry a lost recording event): someone must be told.",
  fix: "Add an aws_cloudwatch_metric_alarm on AWS/Lambda Errors with dimensions { FunctionName = fn.function_name } (or on its DLQ's depth) sending to the ops topic.",
  check(fn, { index }) {
    if (!isInvokedAsynchronously(index, fn)) return [];
    if (alarmsOn(index, "FunctionName", fn).length) return [];
    const target = lambdaFailureTarget(index, fn);
    const dlqs = index.referencedResources(target).filter((r) => r.type === "aws_sqs_queue");
    if (dlqs.some((q) => alarmsOn(index, "QueueName", q).length)) return [];
    return [{ message: "no alarm on the function's Errors metric or on its dead-letter queue" }];
  },
};
