/**
 * A MediaLive stand-in speaking the REST-JSON protocol of the real service (the SDK's
 * @aws-sdk/client-medialive talks to it unchanged): ListChannels (with tags and input attachments),
 * DescribeChannel, StartChannel, StopChannel, ListInputs (with tags), DescribeInput and UpdateInput.
 * Field names follow the service model (camelCase on the wire).
 *
 * Channels move through timed transitions on an injectable clock: IDLE -> STARTING -> RUNNING and
 * RUNNING -> STOPPING -> IDLE. Start/stop from any other state answers 409 ConflictException, as
 * MediaLive does. Every channel has its own RTMP push input (one destination per pipeline); an
 * input can be updated only while every channel it is attached to is IDLE (MediaLive user guide,
 * "Editing an input"), otherwise 409. Faults (409/429/5xx) are injected per operation, requests can
 * be made to hang (accepted, never answered), starts can be made to fail (STARTING -> IDLE); every
 * call is logged.
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
  /** Id of the channel's RTMP push input. @default `<id>-in` */
  readonly inputId?: string;
  /** Heights of the channel's video descriptions (DescribeChannel's encoder settings). @default the pool's 720/540/360 ladder */
  readonly renditionHeights?: number[];
  /** Output groups each encoding every rendition (HLS to S3 and MediaPackage in the pool). @default 2 */
  readonly outputGroups?: number;
}

interface FakeChannel {
  id: string;
  name: string;
  state: string;
  channelClass: string;
  tags: Record<string, string>;
  mediaPackageChannelId?: string;
  inputId: string;
  renditionHeights: number[];
  outputGroups: number;
  /** Pending automatic transition. */
  next?: { state: string; at: number };
  /** Stays in this state until released (e.g. a start that never completes). */
  stuck?: string;
  /** Starts still to fail: STARTING goes back to IDLE instead of RUNNING. */
  failingStarts: number;
  runningSince?: number;
}

export interface FakeInput {
  readonly id: string;
  readonly name: string;
  /** RTMP_PUSH, RTP_PUSH, URL_PULL, MEDIACONNECT, ... */
  readonly type: string;
  /** A push input delivered into a VPC (counted under MediaLive's VPC inputs quota). */
  readonly vpc?: boolean;
  readonly inputClass: "STANDARD" | "SINGLE_PIPELINE";
  readonly attachedChannels: string[];
  /** One per pipeline, e.g. `live/<key>`. */
  streamNames: string[];
  readonly ips: string[];
  readonly tags: Record<string, string>;
}

/** An input of another workload, detached, as ListInputs describes it. */
export interface FakeInputSpec {
  readonly id: string;
  /** RTMP_PUSH, RTP_PUSH, URL_PULL, MEDIACONNECT, ... */
  readonly type: string;
  readonly tags?: Record<string, string>;
  /** A push input delivered into a VPC (counted under MediaLive's VPC inputs quota). */
  readonly vpc?: boolean;
}

/** One accepted UpdateInput: which stream names it set and the attached channel's state then. */
export interface InputUpdate {
  readonly inputId: string;
  readonly streamNames: string[];
  readonly at: number;
  readonly channelStates: string[];
}

/** One period a channel spent RUNNING (billing: per minute from RUNNING until the stop call). */
export interface RunRecord {
  readonly channelId: string;
  readonly start: number;
  end?: number;
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

/** MediaLive's stream names: `application/instance`. */
const STREAM_NAME = /^[A-Za-z0-9_-]+\/[A-Za-z0-9_.-]+$/;

export class MediaLiveFake extends FakeHttpServer {
  readonly calls: LoggedCall[] = [];
  readonly runs: RunRecord[] = [];
  readonly inputUpdates: InputUpdate[] = [];
  readonly faults: FaultPlan;
  private readonly channels = new Map<string, FakeChannel>();
  private readonly inputs = new Map<string, FakeInput>();
  private readonly hangs: { operation: string; target?: string; times: number }[] = [];

  constructor(private readonly options: MediaLiveFakeOptions) {
    super();
    this.faults = options.faults ?? new FaultPlan();
  }

  /** Adds a channel and its attached RTMP push input (placeholder stream names until updated). */
  addChannel(spec: FakeChannelSpec): void {
    const ch: FakeChannel = {
      id: spec.id,
      name: spec.name ?? `channel-${spec.id}`,
      state: spec.state ?? "IDLE",
      channelClass: spec.channelClass ?? "SINGLE_PIPELINE",
      tags: spec.tags ?? {},
      mediaPackageChannelId: spec.mediaPackageChannelId,
      inputId: spec.inputId ?? `${spec.id}-in`,
      renditionHeights: spec.renditionHeights ?? [720, 540, 360],
      outputGroups: spec.outputGroups ?? 2,
      failingStarts: 0,
    };
    if (ch.state === "RUNNING") {
      ch.runningSince = this.options.now();
      this.runs.push({ channelId: ch.id, start: ch.runningSince });
    }
    this.channels.set(spec.id, ch);
    const pipelines = ch.channelClass === "STANDARD" ? 2 : 1;
    const n = this.inputs.size;
    this.inputs.set(ch.inputId, {
      id: ch.inputId,
      name: `${ch.name}-rtmp`,
      type: "RTMP_PUSH",
      inputClass: ch.channelClass === "STANDARD" ? "STANDARD" : "SINGLE_PIPELINE",
      attachedChannels: [ch.id],
      streamNames: ["live", "backup"].slice(0, pipelines).map((app) => `${app}/initial-${ch.id}`),
      ips: Array.from({ length: pipelines }, (_, p) => `198.51.100.${(n * 2 + p) % 250}`),
      tags: ch.tags,
    });
  }

  /** Adds a detached input (another workload's, or one left over). */
  addInput(spec: FakeInputSpec): void {
    this.inputs.set(spec.id, {
      id: spec.id,
      name: `input-${spec.id}`,
      type: spec.type,
      vpc: spec.vpc,
      inputClass: "SINGLE_PIPELINE",
      attachedChannels: [],
      streamNames: spec.type.endsWith("_PUSH") ? [`live/initial-${spec.id}`] : [],
      ips: spec.vpc ? ["10.0.0.10"] : ["198.51.100.200"],
      tags: spec.tags ?? {},
    });
  }

  /** Current state, applying any transition that is due. */
  state(id: string): string {
    const ch = this.channels.get(id);
    if (!ch) throw new Error(`no fake channel ${id}`);
    this.settle(ch);
    return ch.state;
  }

  /** The RTMP input attached to a channel. */
  inputOf(channelId: string): FakeInput {
    const ch = this.channels.get(channelId);
    if (!ch) throw new Error(`no fake channel ${channelId}`);
    return this.inputs.get(ch.inputId)!;
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

  /** The next `times` starts of the channel are accepted but fall back to IDLE instead of RUNNING. */
  failStarts(id: string, times = 1): void {
    this.channels.get(id)!.failingStarts += times;
  }

  /** The next `times` calls of `operation` (on `target`, if given) are accepted and never answered. */
  hang(operation: string, target?: string, times = 1): void {
    this.hangs.push({ operation, target, times });
  }

  /** Mutating calls AWS accepted (2xx), optionally of one operation. */
  accepted(operation?: string): LoggedCall[] {
    return this.calls.filter((c) => c.status >= 200 && c.status < 300 && (operation ? c.operation === operation : c.operation === "StartChannel" || c.operation === "StopChannel"));
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

  private arn(kind: "channel" | "input", id: string): string {
    return `arn:aws:medialive:${this.options.region ?? "ap-southeast-1"}:${this.options.accountId ?? "123456789012"}:${kind}:${id}`;
  }

  private summary(ch: FakeChannel) {
    this.settle(ch);
    const pipelines = ch.channelClass === "STANDARD" ? 2 : 1;
    return {
      arn: this.arn("channel", ch.id),
      id: ch.id,
      name: ch.name,
      state: ch.state,
      channelClass: ch.channelClass,
      pipelinesRunningCount: ch.state === "RUNNING" || ch.state === "RECOVERING" ? pipelines : 0,
      tags: ch.tags,
      destinations: [{ id: "mediapackage", mediaPackageSettings: ch.mediaPackageChannelId ? [{ channelId: ch.mediaPackageChannelId }] : [], settings: [] }],
      inputAttachments: [{ inputAttachmentName: `${ch.name}-rtmp`, inputId: ch.inputId }],
      egressEndpoints: [],
    };
  }

  /** Encoder settings in the wire's camelCase: one video description per rendition, each in every output group, plus audio. */
  private encoderSettings(ch: FakeChannel) {
    const videos = ch.renditionHeights.map((height) => ({ name: `video-${height}p`, height, width: Math.round((height * 16) / 9) }));
    return {
      audioDescriptions: [{ name: "audio", audioSelectorName: "default" }],
      videoDescriptions: videos,
      outputGroups: Array.from({ length: ch.outputGroups }, (_, g) => ({
        name: g === 0 ? "hls-s3" : "mediapackage",
        outputGroupSettings: g === 0 ? { hlsGroupSettings: { destination: { destinationRefId: "hls-bucket" } } } : { mediaPackageGroupSettings: { destination: { destinationRefId: "mediapackage" } } },
        outputs: videos.map((v) => ({ outputName: `${v.name}-${g}`, videoDescriptionName: v.name, audioDescriptionNames: ["audio"], outputSettings: {} })),
      })),
      timecodeConfig: { source: "SYSTEMCLOCK" },
    };
  }

  private inputWire(input: FakeInput) {
    return {
      arn: this.arn("input", input.id),
      attachedChannels: input.attachedChannels,
      destinations: input.streamNames.map((name, i) => ({
        ip: input.ips[i],
        port: "1935",
        url: `rtmp://${input.ips[i]}:1935/${name}`,
        ...(input.vpc ? { vpc: { availabilityZone: "ap-southeast-1a", networkInterfaceId: "eni-0fake" } } : {}),
      })),
      id: input.id,
      inputClass: input.inputClass,
      inputSourceType: "STATIC",
      name: input.name,
      securityGroups: ["1234567"],
      sources: [],
      state: input.attachedChannels.length ? "ATTACHED" : "DETACHED",
      tags: input.tags,
      type: input.type,
    };
  }

  private takeHang(operation: string, target?: string): boolean {
    const i = this.hangs.findIndex((h) => h.operation === operation && (!h.target || h.target === target));
    if (i < 0) return false;
    const h = this.hangs[i]!;
    if (--h.times <= 0) this.hangs.splice(i, 1);
    return true;
  }

  protected async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = await readBody(req);
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
    } else if (parts[0] === "prod" && parts[1] === "inputs" && parts.length === 3) {
      target = parts[2];
      if (method === "GET") operation = "DescribeInput";
      else if (method === "PUT") operation = "UpdateInput";
    }
    const log = (status: number) => this.calls.push({ operation, target, status, at: this.options.now() });
    if (this.takeHang(operation, target)) {
      log(0); // accepted, never answered: the client's own timeout has to end the call
      return;
    }
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
      const all = [...this.inputs.values()].sort((a, b) => a.id.localeCompare(b.id));
      const max = Number(url.searchParams.get("maxResults") ?? 1000);
      const from = Number(url.searchParams.get("nextToken") ?? 0);
      log(200);
      return sendJson(res, 200, { inputs: all.slice(from, from + max).map((i) => this.inputWire(i)), ...(from + max < all.length ? { nextToken: String(from + max) } : {}) });
    }
    if (operation === "DescribeInput" || operation === "UpdateInput") return this.handleInput(operation, target!, body, res, log);
    const ch = target ? this.channels.get(target) : undefined;
    if (!ch) {
      log(404);
      return sendRestJsonError(res, 404, `Channel ${target} not found`);
    }
    this.settle(ch);
    if (operation === "DescribeChannel") {
      log(200);
      // ListChannels' summaries carry no encoder settings; DescribeChannel does (MediaLive API reference).
      return sendJson(res, 200, { ...this.summary(ch), pipelineDetails: [], inputSpecification: { codec: "AVC", maximumBitrate: "MAX_10_MBPS", resolution: "HD" }, encoderSettings: this.encoderSettings(ch) });
    }
    const now = this.options.now();
    if (operation === "StartChannel") {
      if (ch.state !== "IDLE") {
        log(409);
        return sendRestJsonError(res, 409, `Channel ${ch.id} is ${ch.state}; it can only be started from IDLE`);
      }
      this.enter(ch, "STARTING", now);
      const fails = ch.failingStarts > 0;
      if (fails) ch.failingStarts--;
      ch.next = { state: fails ? "IDLE" : "RUNNING", at: now + (this.options.startMs ?? 90_000) };
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

  private handleInput(operation: string, id: string, body: string, res: ServerResponse, log: (status: number) => void): void {
    const input = this.inputs.get(id);
    if (!input) {
      log(404);
      return sendRestJsonError(res, 404, `Input ${id} not found`);
    }
    if (operation === "DescribeInput") {
      log(200);
      return sendJson(res, 200, this.inputWire(input));
    }
    let request: { destinations?: { streamName?: string }[] };
    try {
      request = JSON.parse(body || "{}");
    } catch {
      log(400);
      return sendRestJsonError(res, 400, "Request body is not valid JSON");
    }
    const attached = input.attachedChannels.map((c) => this.channels.get(c)!);
    attached.forEach((c) => this.settle(c));
    const busy = attached.filter((c) => c.state !== "IDLE");
    if (busy.length) {
      log(409);
      return sendRestJsonError(res, 409, `Input ${id} is attached to channel ${busy[0]!.id} in state ${busy[0]!.state}; an attached input can be updated only while the channel is idle`);
    }
    if (request.destinations) {
      const names = request.destinations.map((d) => d.streamName ?? "");
      if (names.length !== input.streamNames.length) {
        log(400);
        return sendRestJsonError(res, 400, `A ${input.inputClass} input takes ${input.streamNames.length} destination(s), got ${names.length}`);
      }
      const bad = names.find((n) => !STREAM_NAME.test(n));
      if (bad !== undefined) {
        log(400);
        return sendRestJsonError(res, 400, "Destination stream names must be application/instance");
      }
      input.streamNames = names;
      this.inputUpdates.push({ inputId: id, streamNames: names, at: this.options.now(), channelStates: attached.map((c) => c.state) });
    }
    log(200);
    return sendJson(res, 200, { input: this.inputWire(input) });
  }
}
