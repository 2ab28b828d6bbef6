/**
 * A MediaLive stand-in speaking the REST-JSON protocol of the real service (the SDK's
 * @aws-sdk/client-medialive talks to it unchanged): ListChannels (with tags), DescribeChannel,
 * StartChannel, StopChannel, ListInputs (with tags). Field names follow the service model (camelCase on the wire).
 *
 * Channels move through timed transitions on an injectable clock: IDLE -> STARTING -> RUNNING and
 * RUNNING -> STOPPING -> IDLE. Start/stop from any other state answers 409 ConflictException, as
 * MediaLive does. Faults (409/429/5xx) are injected per operation; every call is logged.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { answerRouteOrFault, FaultPlan, readBody, sendJson, sendRestJsonError, type LoggedCall, FakeHttpServer } from "./http";

export interface FakeChannelSpec {
  readonly id: string;
  readonly name?: string;
  readonly state?: string;
  readonly channelClass?: "STANDARD" | "SINGLE_PIPELINE";
  readonly tags?: Record<string, string>;
  /** MediaPackage channel id in the channel's MediaPackage destination. */
  readonly mediaPackageChannelId?: string;
}

interface FakeChannel {
  id: string;
  name: string;
  state: string;
  channelClass: string;
  tags: Record<string, string>;
  mediaPackageChannelId?: string;
  /** Pending automatic transition. */
  next?: { state: string; at: number };
  /** Stays in this state until released (e.g. a start that never completes). */
  stuck?: string;
  runningSince?: number;
}

/** One period a channel spent RUNNING (billing: per minute from RUNNING until the stop call). */
export interface RunRecord {
  readonly channelId: string;
  readonly start: number;
  end?: number;
}

/** An input as ListInputs describes it. */
export interface FakeInputSpec {
  readonly id: string;
  /** RTMP_PUSH, RTP_PUSH, URL_PULL, MEDIACONNECT, ... */
  readonly type: string;
  readonly tags?: Record<string, string>;
  /** A push input delivered into a VPC (counted under MediaLive's VPC inputs quota). */
  readonly vpc?: boolean;
}

export interface MediaLiveFakeOptions {
  readonly now: () => number;
  /** How long STARTING lasts. @default 90 s */
  readonly startMs?: number;
  /** How long STOPPING lasts. @default 30 s */
  readonly stopMs?: number;
  readonly region?: string;
  readonly accountId?: string;
  readonly faults?: FaultPlan;
}

export class MediaLiveFake extends FakeHttpServer {
  readonly calls: LoggedCall[] = [];
  readonly runs: RunRecord[] = [];
  readonly faults: FaultPlan;
  private readonly channels = new Map<string, FakeChannel>();
  private readonly inputs: FakeInputSpec[] = [];

  constructor(private readonly options: MediaLiveFakeOptions) {
    super();
    this.faults = options.faults ?? new FaultPlan();
  }

  addChannel(spec: FakeChannelSpec): void {
    const ch: FakeChannel = {
      id: spec.id,
      name: spec.name ?? `channel-${spec.id}`,
      state: spec.state ?? "IDLE",
      channelClass: spec.channelClass ?? "SINGLE_PIPELINE",
      tags: spec.tags ?? {},
      mediaPackageChannelId: spec.mediaPackageChannelId,
    };
    if (ch.state === "RUNNING") {
      ch.runningSince = this.options.now();
      this.runs.push({ channelId: ch.id, start: ch.runningSince });
    }
    this.channels.set(spec.id, ch);
  }

  addInput(spec: FakeInputSpec): void {
    this.inputs.push(spec);
  }

  /** Current state, applying any transition that is due. */
  state(id: string): string {
    const ch = this.channels.get(id);
    if (!ch) throw new Error(`no fake channel ${id}`);
    this.settle(ch);
    return ch.state;
  }

  /**
   * Forces a state as if someone else acted (e.g. RECOVERING, CREATE_FAILED). STARTING and STOPPING
   * complete on their usual timers.
   */
  setState(id: string, state: string): void {
    const ch = this.channels.get(id)!;
    const now = this.options.now();
    ch.next = undefined;
    this.enter(ch, state, now);
    if (state === "STARTING") ch.next = { state: "RUNNING", at: now + (this.options.startMs ?? 90_000) };
    if (state === "STOPPING") ch.next = { state: "IDLE", at: now + (this.options.stopMs ?? 30_000) };
  }

  /** Keeps the channel in `state` (once it gets there) until `release`. */
  stick(id: string, state: string): void {
    this.channels.get(id)!.stuck = state;
  }

  release(id: string): void {
    this.channels.get(id)!.stuck = undefined;
  }

  /** Mutating calls AWS accepted (2xx), optionally of one operation. */
  accepted(operation?: string): LoggedCall[] {
    return this.calls.filter((c) => c.status < 300 && (operation ? c.operation === operation : c.operation === "StartChannel" || c.operation === "StopChannel"));
  }

  private enter(ch: FakeChannel, state: string, at: number): void {
    if (state === "RUNNING" && ch.state !== "RUNNING") {
      ch.runningSince = at;
      this.runs.push({ channelId: ch.id, start: at });
    }
    if (state !== "RUNNING" && state !== "RECOVERING" && ch.state === "RUNNING") this.closeRun(ch, at);
    ch.state = state;
  }

  private closeRun(ch: FakeChannel, at: number): void {
    const open = this.runs.find((r) => r.channelId === ch.id && r.end === undefined);
    if (open) open.end = at;
    ch.runningSince = undefined;
  }

  private settle(ch: FakeChannel): void {
    if (ch.stuck && ch.state === ch.stuck) return;
    if (ch.next && ch.next.at <= this.options.now()) {
      const { state, at } = ch.next;
      ch.next = undefined;
      this.enter(ch, state, at);
    }
  }

  private arn(id: string): string {
    return `arn:aws:medialive:${this.options.region ?? "ap-southeast-1"}:${this.options.accountId ?? "123456789012"}:channel:${id}`;
  }

  private summary(ch: FakeChannel) {
    this.settle(ch);
    const pipelines = ch.channelClass === "STANDARD" ? 2 : 1;
    return {
      arn: this.arn(ch.id),
      id: ch.id,
      name: ch.name,
      state: ch.state,
      channelClass: ch.channelClass,
      pipelinesRunningCount: ch.state === "RUNNING" || ch.state === "RECOVERING" ? pipelines : 0,
      tags: ch.tags,
      destinations: [{ id: "mediapackage", mediaPackageSettings: ch.mediaPackageChannelId ? [{ channelId: ch.mediaPackageChannelId }] : [], settings: [] }],
      inputAttachments: [],
      egressEndpoints: [],
    };
  }

  protected async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    await readBody(req);
    const url = new URL(req.url ?? "/", "http://x");
    const parts = url.pathname.split("/").filter(Boolean).map(decodeURIComponent);
    const method = req.method ?? "GET";
    let operation = "Unknown";
    let target: string | undefined;
    if (parts[0] === "prod" && parts[1] === "channels") {
      target = parts[2];
      if (method === "GET" && parts.length === 2) operation = "ListChannels";
      else if (method === "GET" && parts.length === 3) operation = "DescribeChannel";
      else if (method === "POST" && parts[3] === "start") operation = "StartChannel";
      else if (method === "POST" && parts[3] === "stop") operation = "StopChannel";
    } else if (parts[0] === "prod" && parts[1] === "inputs" && parts.length === 2 && method === "GET") {
      operation = "ListInputs";
    }
    const log = (status: number) => this.calls.push({ operation, target, status, at: this.options.now() });
    const faultMessage = (status: number) =>
      status === 429 ? "Too many requests" : status === 409 ? "The channel is in a state that does not allow this operation (injected)" : "Internal failure (injected)";
    if (answerRouteOrFault(res, { operation, target, method, path: url.pathname }, this.faults, log, faultMessage)) return;

    if (operation === "ListChannels") {
      const all = [...this.channels.values()].sort((a, b) => a.id.localeCompare(b.id));
      const max = Number(url.searchParams.get("maxResults") ?? 1000);
      const from = Number(url.searchParams.get("nextToken") ?? 0);
      const page = all.slice(from, from + max);
      log(200);
      return sendJson(res, 200, { channels: page.map((c) => this.summary(c)), ...(from + max < all.length ? { nextToken: String(from + max) } : {}) });
    }
    if (operation === "ListInputs") {
      const max = Number(url.searchParams.get("maxResults") ?? 1000);
      const from = Number(url.searchParams.get("nextToken") ?? 0);
      const page = this.inputs.slice(from, from + max).map((i) => ({
        id: i.id,
        arn: `arn:aws:medialive:${this.options.region ?? "ap-southeast-1"}:${this.options.accountId ?? "493827161503"}:input:${i.id}`,
        name: `input-${i.id}`,
        type: i.type,
        state: "DETACHED",
        tags: i.tags ?? {},
        destinations: i.vpc ? [{ ip: "10.0.0.10", port: "1935", url: "rtmp://10.0.0.10:1935/live/key", vpc: { availabilityZone: "ap-southeast-1a", networkInterfaceId: "eni-0fake" } }] : [],
      }));
      log(200);
      return sendJson(res, 200, { inputs: page, ...(from + max < this.inputs.length ? { nextToken: String(from + max) } : {}) });
    }
    const ch = target ? this.channels.get(target) : undefined;
    if (!ch) {
      log(404);
      return sendRestJsonError(res, 404, `Channel ${target} not found`);
    }
    this.settle(ch);
    if (operation === "DescribeChannel") {
      log(200);
      return sendJson(res, 200, { ...this.summary(ch), pipelineDetails: [] });
    }
    const now = this.options.now();
    if (operation === "StartChannel") {
      if (ch.state !== "IDLE") {
        log(409);
        return sendRestJsonError(res, 409, `Channel ${ch.id} is ${ch.state}; it can only be started from IDLE`);
      }
      this.enter(ch, "STARTING", now);
      ch.next = { state: "RUNNING", at: now + (this.options.startMs ?? 90_000) };
    } else {
      if (ch.state !== "RUNNING" && ch.state !== "RECOVERING") {
        log(409);
        return sendRestJsonError(res, 409, `Channel ${ch.id} is ${ch.state}; it can only be stopped when running`);
      }
      this.enter(ch, "STOPPING", now);
      ch.next = { state: "IDLE", at: now + (this.options.stopMs ?? 30_000) };
    }
    log(200);
    return sendJson(res, 200, this.summary(ch));
  }
}
