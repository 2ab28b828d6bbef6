/**
 * An SQS stand-in for the protocol SDK 3.995 uses: AWS JSON 1.0 (POST /, `x-amz-target:
 * AmazonSQS.<Operation>`) with query compatibility (error code in x-amzn-query-error). Implements
 * GetQueueUrl, SendMessage, ReceiveMessage, DeleteMessage and ChangeMessageVisibility with SQS's
 * rules: 1-10 messages per receive, visibility timeouts 0-43200 s on the fake clock, a receipt
 * handle per receive (an old one cannot delete after another receive), 256 KiB bodies.
 */
import { createHash, randomUUID } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { FakeHttpServer, FaultPlan, readBody, type LoggedCall } from "./http";

const CONTENT_TYPE = "application/x-amz-json-1.0";
const MAX_BODY_BYTES = 262_144;

export interface FakeMessage {
  readonly messageId: string;
  readonly body: string;
  receiveCount: number;
  /** Fake-clock ms until which the message is invisible. */
  invisibleUntil: number;
  /** The handle of the latest receive; older handles are invalid. */
  receiptHandle?: string;
  readonly sentAt: number;
}

export class SqsFake extends FakeHttpServer {
  readonly calls: LoggedCall[] = [];
  readonly faults = new FaultPlan();
  private readonly queues = new Map<string, FakeMessage[]>();

  constructor(
    private readonly now: () => number = Date.now,
    private readonly accountId = "111111111111",
  ) {
    super();
  }

  createQueue(name: string): string {
    if (!this.queues.has(name)) this.queues.set(name, []);
    return this.queueUrl(name);
  }

  queueUrl(name: string): string {
    return `${this.url}/${this.accountId}/${name}`;
  }

  /** Every message of the queue, visible or not. */
  messages(name: string): readonly FakeMessage[] {
    return this.queues.get(name) ?? [];
  }

  send(name: string, body: string): string {
    const messageId = randomUUID();
    this.queues.get(name)!.push({ messageId, body, receiveCount: 0, invisibleUntil: 0, sentAt: this.now() });
    return messageId;
  }

  protected async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = await readBody(req);
    const target = String(req.headers["x-amz-target"] ?? "");
    const operation = target.startsWith("AmazonSQS.") ? target.slice("AmazonSQS.".length) : "Unknown";
    const input = JSON.parse(body || "{}") as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
    const log = (status: number) => this.calls.push({ operation, target: input.QueueUrl ?? input.QueueName, status, at: this.now() });
    if (req.method !== "POST" || operation === "Unknown") {
      log(400);
      return this.error(res, 400, "InvalidAction", `unexpected request ${req.method} ${req.url} target=${target}`);
    }
    const fault = this.faults.take(operation, input.QueueUrl);
    if (fault) {
      log(fault);
      return fault === 429 ? this.error(res, 400, "ThrottlingException", "Rate exceeded") : this.error(res, fault, "InternalError", "Injected failure");
    }

    if (operation === "GetQueueUrl") {
      if (!this.queues.has(input.QueueName)) {
        log(400);
        return this.error(res, 400, "QueueDoesNotExist", "The specified queue does not exist.", "AWS.SimpleQueueService.NonExistentQueue");
      }
      log(200);
      return this.ok(res, { QueueUrl: this.queueUrl(input.QueueName) });
    }

    const name = typeof input.QueueUrl === "string" ? input.QueueUrl.split("/").pop()! : "";
    const queue = this.queues.get(name);
    if (!queue || input.QueueUrl !== this.queueUrl(name)) {
      log(400);
      return this.error(res, 400, "QueueDoesNotExist", "The specified queue does not exist.", "AWS.SimpleQueueService.NonExistentQueue");
    }
    const now = this.now();

    if (operation === "SendMessage") {
      if (typeof input.MessageBody !== "string" || input.MessageBody.length === 0 || Buffer.byteLength(input.MessageBody) > MAX_BODY_BYTES) {
        log(400);
        return this.error(res, 400, "InvalidParameterValue", "MessageBody must be 1 byte to 256 KiB");
      }
      const id = this.send(name, input.MessageBody);
      log(200);
      return this.ok(res, { MessageId: id, MD5OfMessageBody: createHash("md5").update(input.MessageBody).digest("hex") });
    }

    if (operation === "ReceiveMessage") {
      const max = input.MaxNumberOfMessages ?? 1;
      const visibility = input.VisibilityTimeout ?? 30;
      if (!Number.isInteger(max) || max < 1 || max > 10) {
        log(400);
        return this.error(res, 400, "InvalidParameterValue", `Value ${max} for parameter MaxNumberOfMessages is invalid. Reason: Must be between 1 and 10, if provided.`);
      }
      if (!Number.isInteger(visibility) || visibility < 0 || visibility > 43_200) {
        log(400);
        return this.error(res, 400, "InvalidParameterValue", `Value ${visibility} for parameter VisibilityTimeout is invalid.`);
      }
      const picked = queue.filter((m) => m.invisibleUntil <= now).slice(0, max);
      for (const m of picked) {
        m.receiveCount++;
        m.invisibleUntil = now + visibility * 1000;
        m.receiptHandle = randomUUID();
      }
      log(200);
      return this.ok(res, {
        Messages: picked.map((m) => ({
          MessageId: m.messageId,
          ReceiptHandle: m.receiptHandle,
          Body: m.body,
          MD5OfBody: createHash("md5").update(m.body).digest("hex"),
          Attributes: { ApproximateReceiveCount: String(m.receiveCount), SentTimestamp: String(m.sentAt) },
        })),
      });
    }

    if (operation === "DeleteMessage" || operation === "ChangeMessageVisibility") {
      const i = queue.findIndex((m) => m.receiptHandle !== undefined && m.receiptHandle === input.ReceiptHandle);
      if (i < 0) {
        log(400);
        return this.error(res, 400, "ReceiptHandleIsInvalid", `The input receipt handle "${input.ReceiptHandle}" is not a valid receipt handle.`);
      }
      if (operation === "DeleteMessage") queue.splice(i, 1);
      else {
        const t = input.VisibilityTimeout;
        if (!Number.isInteger(t) || t < 0 || t > 43_200) {
          log(400);
          return this.error(res, 400, "InvalidParameterValue", `Value ${t} for parameter VisibilityTimeout is invalid.`);
        }
        queue[i]!.invisibleUntil = now + t * 1000;
      }
      log(200);
      return this.ok(res, {});
    }

    log(400);
    return this.error(res, 400, "InvalidAction", `the fake does not implement ${operation}`);
  }

  private ok(res: ServerResponse, body: unknown): void {
    res.writeHead(200, { "content-type": CONTENT_TYPE, "x-amzn-requestid": randomUUID() });
    res.end(JSON.stringify(body));
  }

  private error(res: ServerResponse, status: number, code: string, message: string, queryCode = code): void {
    res.writeHead(status, { "content-type": CONTENT_TYPE, "x-amzn-query-error": `${queryCode};Sender`, "x-amzn-requestid": randomUUID() });
    res.end(JSON.stringify({ __type: `com.amazonaws.sqs#${code}`, message }));
  }
}
