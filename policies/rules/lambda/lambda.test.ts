import { LambdaFunction, type LambdaFunctionConfig } from "@cdktf/provider-aws/lib/lambda-function";
import { LambdaPermission } from "@cdktf/provider-aws/lib/lambda-permission";
import { LambdaEventSourceMapping } from "@cdktf/provider-aws/lib/lambda-event-source-mapping";
import { LambdaFunctionEventInvokeConfig } from "@cdktf/provider-aws/lib/lambda-function-event-invoke-config";
import type { TerraformStack } from "cdktf";
import { findingsOf, requireBothOutcomes } from "../../testing";
import { functionInVpc } from "./function-in-vpc";
import { functionDeadLetterQueue } from "./function-dead-letter-queue";
import { functionReservedConcurrency } from "./function-reserved-concurrency";
import { functionTracing } from "./function-tracing";

const good: LambdaFunctionConfig = {
  functionName: "indexer",
  role: "arn:aws:iam::111111111111:role/x",
  handler: "index.handler",
  runtime: "nodejs20.x",
  filename: "x.zip",
  vpcConfig: { subnetIds: ["subnet-a"], securityGroupIds: ["sg-a"] },
  deadLetterConfig: { targetArn: "arn:aws:sqs:ap-southeast-1:111111111111:dlq" },
  reservedConcurrentExecutions: 5,
  tracingConfig: { mode: "Active" },
};
const fn = (s: TerraformStack, change: Partial<LambdaFunctionConfig> = {}) => new LambdaFunction(s, "fn", { ...good, ...change });

describe("LS-LAMBDA-001 in VPC", () => {
  test("passes with subnets", () => expect(findingsOf(functionInVpc, (s) => void fn(s))).toEqual([]));
  test("fires without vpc_config", () => expect(findingsOf(functionInVpc, (s) => void fn(s, { vpcConfig: undefined }))).toHaveLength(1));
});

describe("LS-LAMBDA-002 dead-letter queue", () => {
  test("passes with a DLQ, with an on-failure destination, or when only polled from a queue", () => {
    expect(findingsOf(functionDeadLetterQueue, (s) => void fn(s))).toEqual([]);
    expect(findingsOf(functionDeadLetterQueue, (s) => {
      const f = fn(s, { deadLetterConfig: undefined });
      new LambdaFunctionEventInvokeConfig(s, "cfg", { functionName: f.functionName, destinationConfig: { onFailure: { destination: "arn:aws:sqs:ap-southeast-1:111111111111:dlq" } } });
    })).toEqual([]);
    expect(findingsOf(functionDeadLetterQueue, (s) => {
      const f = fn(s, { deadLetterConfig: undefined });
      new LambdaEventSourceMapping(s, "esm", { functionName: f.functionName, eventSourceArn: "arn:aws:sqs:ap-southeast-1:111111111111:q" });
    })).toEqual([]);
  });
  test("fires on an S3-triggered function without one", () => {
    expect(findingsOf(functionDeadLetterQueue, (s) => {
      const f = fn(s, { deadLetterConfig: undefined });
      new LambdaPermission(s, "s3", { action: "lambda:InvokeFunction", functionName: f.functionName, principal: "s3.amazonaws.com" });
    })).toHaveLength(1);
  });
});

describe("LS-LAMBDA-003 reserved concurrency", () => {
  test("passes when set", () => expect(findingsOf(functionReservedConcurrency, (s) => void fn(s))).toEqual([]));
  test("fires when unset", () => expect(findingsOf(functionReservedConcurrency, (s) => void fn(s, { reservedConcurrentExecutions: undefined }))).toHaveLength(1));
});

describe("LS-LAMBDA-004 tracing", () => {
  test("passes when Active", () => expect(findingsOf(functionTracing, (s) => void fn(s))).toEqual([]));
  test("fires on PassThrough", () => expect(findingsOf(functionTracing, (s) => void fn(s, { tracingConfig: { mode: "PassThrough" } }))).toHaveLength(1));
});

requireBothOutcomes([functionInVpc, functionDeadLetterQueue, functionReservedConcurrency, functionTracing]);
