/**
 * A Lambda stand-in speaking REST-JSON.
 *
 * GetAccountSettings (GET /2016-08-19/account-settings): the account's concurrency limit and what
 * is left unreserved. Lambda keeps 100 of the limit unreserved (Lambda Developer Guide, "Configuring
 * reserved concurrency"): a new account with a limit of 10 has 10 unreserved and can reserve nothing.
 *
 * Invoke (POST /2015-03-31/functions/<name>/invocations): the
 * payload is handed to a function the test registers (the real handler, typically), and the answer
 * follows the service: 200 with the result; a thrown error is 200 with `X-Amz-Function-Error:
 * Unhandled` and {errorType, errorMessage}; an unknown function 404 ResourceNotFoundException; a
 * payload over 6 MB 413 RequestTooLargeException; DryRun invocations are 204 and run nothing.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { FakeHttpServer, FaultPlan, readBody, sendJson, sendRestJsonError, type LoggedCall } from "./http";

export type FakeFunction = (payload: unknown, context: { getRemainingTimeInMillis(): number; awsRequestId: string; invokedFunctionArn: string }) => Promise<unknown>;

const MAX_SYNC_PAYLOAD = 6 * 1024 * 1024;

export class LambdaFake extends FakeHttpServer {
  readonly calls: LoggedCall[] = [];
  readonly invocations: { functionName: string; invocationType: string; payload: unknown }[] = [];
  readonly faults = new FaultPlan();
  private readonly functions = new Map<string, { fn: FakeFunction; timeoutMs: number }>();
  private requests = 0;
  /** GetAccountSettings answers AccessDeniedException. */
  denied = false;
  /** Account concurrency limit (Service Quotas: Lambda "Concurrent executions", L-B99A9384). */
  concurrentExecutions = 1000;
  /** Concurrency reserved by existing functions. */
  reserved = 0;

  constructor(private readonly accountId = "111111111111", private readonly region = "ap-southeast-1") {
    super();
  }

  register(name: string, fn: FakeFunction, timeoutMs = 30_000): void {
    this.functions.set(name, { fn, timeoutMs });
  }

  protected async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = await readBody(req);
    if (req.method === "GET" && new URL(req.url ?? "/", "http://fake").pathname === "/2016-08-19/account-settings") return this.accountSettings(res);
    const m = /^\/2015-03-31\/functions\/([^/]+)\/invocations$/.exec(new URL(req.url ?? "/", "http://fake").pathname);
    const functionName = m ? decodeURIComponent(m[1]!) : "";
    const operation = m && req.method === "POST" ? "Invoke" : "Unknown";
    const log = (status: number) => this.calls.push({ operation, target: functionName, status, at: Date.now() });
    if (operation === "Unknown") {
      log(404);
      return sendRestJsonError(res, 404, `no route for ${req.method} ${req.url}`, "UnknownOperationException");
    }
    const fault = this.faults.take(operation, functionName);
    if (fault) {
      log(fault);
      return sendRestJsonError(res, fault, "Injected failure", fault === 429 ? "TooManyRequestsException" : "ServiceException");
    }
    // A name or a function ARN (arn:aws:lambda:<region>:<account>:function:<name>) names the function.
    const name = /^arn:aws[\w-]*:lambda:[^:]+:\d{12}:function:([^:]+)$/.exec(functionName)?.[1] ?? functionName;
    const fn = this.functions.get(name);
    if (!fn) {
      log(404);
      return sendRestJsonError(res, 404, `Function not found: arn:aws:lambda:${this.region}:${this.accountId}:function:${functionName}`, "ResourceNotFoundException");
    }
    if (Buffer.byteLength(body) > MAX_SYNC_PAYLOAD) {
      log(413);
      return sendRestJsonError(res, 413, `Request must be smaller than ${MAX_SYNC_PAYLOAD} bytes for the InvokeFunction operation`, "RequestTooLargeException");
    }
    const invocationType = String(req.headers["x-amz-invocation-type"] ?? "RequestResponse");
    let payload: unknown;
    try {
      payload = body ? JSON.parse(body) : {};
    } catch {
      log(400);
      return sendRestJsonError(res, 400, "Could not parse request body into json", "InvalidRequestContentException");
    }
    if (invocationType === "DryRun") {
      log(204);
      res.writeHead(204, { "x-amzn-requestid": "fake" });
      return void res.end();
    }
    if (invocationType !== "RequestResponse") {
      log(400);
      return sendRestJsonError(res, 400, `the fake runs RequestResponse and DryRun invocations only, got ${invocationType}`, "InvalidParameterValueException");
    }
    this.invocations.push({ functionName: name, invocationType, payload });
    const started = Date.now();
    const requestId = `fake-request-${++this.requests}`;
    const context = {
      getRemainingTimeInMillis: () => fn.timeoutMs - (Date.now() - started),
      awsRequestId: requestId,
      invokedFunctionArn: `arn:aws:lambda:${this.region}:${this.accountId}:function:${name}`,
    };
    const headers = { "content-type": "application/json", "x-amzn-requestid": requestId, "x-amz-executed-version": "$LATEST" };
    try {
      const result = await fn.fn(payload, context);
      log(200);
      res.writeHead(200, headers);
      res.end(JSON.stringify(result ?? null));
    } catch (err) {
      log(200);
      const e = err as Error;
      res.writeHead(200, { ...headers, "x-amz-function-error": "Unhandled" });
      res.end(JSON.stringify({ errorType: e.name ?? "Error", errorMessage: e.message ?? String(err), trace: [] }));
    }
  }

  private accountSettings(res: ServerResponse): void {
    const operation = "GetAccountSettings";
    const log = (status: number) => this.calls.push({ operation, status, at: Date.now() });
    const fault = this.faults.take(operation);
    if (fault) {
      log(fault);
      return sendRestJsonError(res, fault, "Injected failure", fault === 429 ? "TooManyRequestsException" : "ServiceException");
    }
    if (this.denied) {
      log(403);
      return sendRestJsonError(res, 403, "User is not authorized to perform: lambda:GetAccountSettings", "AccessDeniedException");
    }
    log(200);
    sendJson(res, 200, {
      AccountLimit: {
        TotalCodeSize: 80530636800,
        CodeSizeUnzipped: 262144000,
        CodeSizeZipped: 52428800,
        ConcurrentExecutions: this.concurrentExecutions,
        UnreservedConcurrentExecutions: this.concurrentExecutions - this.reserved,
      },
      AccountUsage: { TotalCodeSize: 0, FunctionCount: 0 },
    });
  }
}
