/**
 * Shared plumbing of the fake AWS protocol servers: a node:http server on 127.0.0.1, a fake clock,
 * a call log and scheduled faults. Each fake speaks its service's wire protocol so the real SDK
 * clients (serialization, signing, retries, error mapping) are what the tests exercise.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/** A controllable clock; `sleep` advances it instead of waiting. */
export class FakeClock {
  constructor(public t: number = Date.parse("2026-05-01T10:00:00Z")) {}
  now = (): number => this.t;
  advance(ms: number): void {
    this.t += ms;
  }
  /** Advances the clock and yields to the event loop, so servers answer in between. */
  sleep = async (ms: number): Promise<void> => {
    this.t += ms;
    await new Promise((resolve) => setImmediate(resolve));
  };
}

export interface LoggedCall {
  readonly operation: string;
  /** Resource the call addressed (channel id, harvest job id...). */
  readonly target?: string;
  readonly status: number;
  /** Fake-clock time of the call. */
  readonly at: number;
}

/** An injected failure: the next `times` calls of `operation` (on `target`, if given) fail. */
export interface Fault {
  readonly operation: string | "*";
  readonly target?: string;
  readonly status: 409 | 429 | 500 | 503;
  times?: number;
}

export const ERROR_NAMES: Record<number, string> = {
  400: "BadRequestException",
  404: "NotFoundException",
  409: "ConflictException",
  422: "UnprocessableEntityException",
  429: "TooManyRequestsException",
  500: "InternalServerErrorException",
  503: "ServiceUnavailableException",
};

/** Deterministic pseudo-random numbers (mulberry32) for fault rates. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export class FaultPlan {
  readonly scheduled: Fault[] = [];
  /** Share of all calls answered with 429, drawn from `random`. */
  throttleRate = 0;
  constructor(private readonly random: () => number = seededRandom(42)) {}
  add(fault: Fault): void {
    this.scheduled.push({ ...fault, times: fault.times ?? 1 });
  }
  /** The status to fail this call with, if any; consumes one scheduled fault. */
  take(operation: string, target?: string): number | undefined {
    const i = this.scheduled.findIndex((f) => (f.operation === "*" || f.operation === operation) && (!f.target || f.target === target) && (f.times ?? 1) > 0);
    if (i >= 0) {
      const f = this.scheduled[i]!;
      f.times = (f.times ?? 1) - 1;
      if (f.times <= 0) this.scheduled.splice(i, 1);
      return f.status;
    }
    if (this.throttleRate > 0 && this.random() < this.throttleRate) return 429;
    return undefined;
  }
}

/**
 * What every REST-JSON fake does before its own work: 404 an unknown route, or answer with the
 * fault the plan injects for this call. Logs the call and returns true when it has answered.
 */
export function answerRouteOrFault(
  res: ServerResponse,
  call: { readonly operation: string; readonly target?: string; readonly method: string; readonly path: string },
  faults: FaultPlan,
  log: (status: number) => void,
  faultMessage: (status: number) => string = (status) => (status === 429 ? "Too many requests" : "Injected failure"),
): boolean {
  if (call.operation === "Unknown") {
    log(404);
    sendRestJsonError(res, 404, `no route for ${call.method} ${call.path}`);
    return true;
  }
  const fault = faults.take(call.operation, call.target);
  if (!fault) return false;
  log(fault);
  sendRestJsonError(res, fault, faultMessage(fault));
  return true;
}

export async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

/** A REST-JSON error as AWS sends it: the type in x-amzn-errortype and a JSON body with a message. */
export function sendRestJsonError(res: ServerResponse, status: number, message: string, name = ERROR_NAMES[status] ?? "InternalServerErrorException"): void {
  res.writeHead(status, { "content-type": "application/json", "x-amzn-errortype": name, "x-amzn-requestid": "fake-" + Math.random().toString(16).slice(2) });
  res.end(JSON.stringify({ message }));
}

export function sendJson(res: ServerResponse, status: number, body: unknown, contentType = "application/json"): void {
  res.writeHead(status, { "content-type": contentType, "x-amzn-requestid": "fake-" + Math.random().toString(16).slice(2) });
  res.end(JSON.stringify(body));
}

export async function listen(handler: (req: IncomingMessage, res: ServerResponse) => Promise<void>): Promise<{ server: Server; url: string; close(): Promise<void> }> {
  const server = createServer((req, res) => {
    handler(req, res).catch((err) => {
      if (!res.headersSent) sendRestJsonError(res, 500, `fake server bug: ${(err as Error).message}`);
      else res.end();
    });
  });
  server.keepAliveTimeout = 1000;
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    server,
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/**
 * A fake AWS endpoint on 127.0.0.1: `start()` listens on a free port and returns the URL to put in
 * AWS_ENDPOINT_URL_<SERVICE>; subclasses answer the service's protocol in `handle()`.
 */
export abstract class FakeHttpServer {
  url = "";
  /** Real time each request waits before it is handled (network and service latency in benchmarks). @default 0 */
  latencyMs = 0;
  private closeServer?: () => Promise<void>;

  async start(): Promise<string> {
    const { url, close } = await listen(async (req, res) => {
      if (this.latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, this.latencyMs));
      return this.handle(req, res);
    });
    this.url = url;
    this.closeServer = close;
    return url;
  }

  async close(): Promise<void> {
    await this.closeServer?.();
  }

  protected abstract handle(req: IncomingMessage, res: ServerResponse): Promise<void>;
}
