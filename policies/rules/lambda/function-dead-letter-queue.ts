import type { Rule } from "../../engine/types";
import { isInvokedAsynchronously, lambdaFailureTarget } from "../support";

export const functionDeadLetterQueue: Rule = {
  id: "LS-LAMBDA-002",
  title: "Lambda function invoked asynchronously keeps failed events",
  level: "error",
  checkov: ["CKV_AWS_116"],
  trivy: [],
  resourceTypes: ["aws_lambda_function"],
  rationale: "Asynchronous events are retried twice and then dropped; a DLQ (or on-failure destination) keeps them for replay. Functions fed only by event-source mappings use their queue's DLQ instead.",
  fix: "Set dead_letter_config { target_arn = <encrypted SQS DLQ>.arn } or an aws_lambda_function_event_invoke_config with destination_config { on_failure { destination = dlq.arn } }.",
  check(fn, { index }) {
    const polled = index.ofType("aws_lambda_event_source_mapping").some((m) => index.identifies(m.attributes.function_name, fn));
    if (polled && !isInvokedAsynchronously(index, fn)) return [];
    return lambdaFailureTarget(index, fn) ? [] : [{ message: "no dead_letter_config and no on-failure destination" }];
  },
};
