/**
 * A Lambda stand-in speaking REST-JSON: GetAccountSettings (GET /2016-08-19/account-settings),
 * with the account's concurrency limit and what is left unreserved. Lambda keeps 100 of the
 * limit unreserved (Lambda Developer Guide, "Configuring reserved concurrency"): a new account
 * with a limit of 10 has 10 unreserved and can reserve nothing.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { answerRouteOrFault, FakeHttpServer, FaultPlan, readBody, sendJson, sendRestJsonError, type LoggedCall } from "./http";

export class LambdaFake extends FakeHttpServer {
  readonly calls: LoggedCall[] = [];
  readonly faults = new FaultPlan();
  denied = false;
  /** Account concurrency limit (Service Quotas: Lambda "Concurrent executions", L-B99A9384). */
  concurrentExecutions = 1000;
  /** Concurrency reserved by existing functions. */
  reserved = 0;

  protected async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    await readBody(req);
    const path = new URL(req.url ?? "/", "http://x").pathname;
    const method = req.method ?? "GET";
    const operation = method === "GET" && path === "/2016-08-19/account-settings" ? "GetAccountSettings" : "Unknown";
    const log = (status: number) => this.calls.push({ operation, status, at: Date.now() });
    if (answerRouteOrFault(res, { operation, method, path }, this.faults, log)) return;
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
