import { SqsQueue } from "@cdktf/provider-aws/lib/sqs-queue";
import { Fn } from "cdktf";
import { findingsOf, requireBothOutcomes } from "../../testing";
import { queueEncryption } from "./queue-encryption";
import { queueDeadLetterQueue } from "./queue-dead-letter-queue";

describe("LS-SQS-001 queue encryption", () => {
  test("passes with a KMS key or SQS-managed SSE", () => {
    expect(findingsOf(queueEncryption, (s) => {
      new SqsQueue(s, "a", { kmsMasterKeyId: "alias/x" });
      new SqsQueue(s, "b", { sqsManagedSseEnabled: true });
    })).toEqual([]);
  });
  test("fires without either", () => expect(findingsOf(queueEncryption, (s) => void new SqsQueue(s, "q", {}))).toHaveLength(1));
});

describe("LS-SQS-002 queue dead-letter queue", () => {
  test("passes for a queue with a redrive policy and for its DLQ", () => {
    expect(findingsOf(queueDeadLetterQueue, (s) => {
      const dlq = new SqsQueue(s, "failed", { name: "failed-messages" });
      new SqsQueue(s, "q", { redrivePolicy: Fn.jsonencode({ deadLetterTargetArn: dlq.arn, maxReceiveCount: 5 }) });
    })).toEqual([]);
  });
  test("fires on a queue without one", () => expect(findingsOf(queueDeadLetterQueue, (s) => void new SqsQueue(s, "q", { name: "work" }))).toHaveLength(1));
});

requireBothOutcomes([queueEncryption, queueDeadLetterQueue]);
