import { block } from "../../engine/attributes";
import type { Rule } from "../../engine/types";
import { alarmsOn, queueRedrive, redriveTarget } from "../support";

export const pipeSourceDeadLetterQueue: Rule = {
  id: "LS-ASYNC-003",
  title: "EventBridge pipe's failures end in an alarmed dead-letter queue",
  level: "error",
  checkov: [],
  trivy: [],
  resourceTypes: ["aws_pipes_pipe"],
  rationale: "A pipe from SQS retries a failing message until the source queue's redrive policy moves it aside; without one a poison message loops forever.",
  fix: "Give the source queue a redrive_policy to a DLQ and alarm on the DLQ's depth (or on the pipe's ExecutionFailed metric with dimension PipeName).",
  check(pipe, { index }) {
    const queue = index.referencedResources(pipe.attributes.source).find((r) => r.type === "aws_sqs_queue");
    const streamDlq = block(block(block(pipe.attributes.source_parameters).kinesis_stream_parameters).dead_letter_config).arn ??
      block(block(block(pipe.attributes.source_parameters).dynamodb_stream_parameters).dead_letter_config).arn;
    const out = [];
    let dlqTarget: unknown = streamDlq;
    if (queue) {
      const redrive = queueRedrive(index, queue);
      if (!redrive) out.push({ message: `the pipe's source queue ${queue.address} has no redrive_policy` });
      dlqTarget = redriveTarget(redrive);
    } else if (!streamDlq) {
      out.push({ message: "the pipe's source has no dead-letter configuration in this stack" });
    }
    const dlqs = index.referencedResources(dlqTarget).filter((r) => r.type === "aws_sqs_queue");
    const alarmed = alarmsOn(index, "PipeName", pipe).length > 0 || dlqs.some((q) => alarmsOn(index, "QueueName", q).length > 0);
    if (!alarmed) out.push({ message: "neither the pipe (PipeName) nor its dead-letter queue has an alarm" });
    return out;
  },
};
