/**
 * A MediaPackage (v1) stand-in speaking REST-JSON: CreateHarvestJob (POST /harvest_jobs),
 * DescribeHarvestJob (GET /harvest_jobs/{id}), ListHarvestJobs (GET /harvest_jobs?includeChannelId=),
 * ListOriginEndpoints (GET /origin_endpoints?channelId=).
 *
 * What the service enforces and the fake with it: a harvest job id used twice answers 422; the
 * window must have ended and must start inside the endpoint's startover window (422 otherwise);
 * an unknown origin endpoint is 404. Jobs are IN_PROGRESS for `harvestMs`, then SUCCEEDED, or
 * FAILED when the test said so (`failHarvests`).
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { answerRouteOrFault, FaultPlan, readBody, sendJson, sendRestJsonError, type LoggedCall, FakeHttpServer } from "./http";
import { MEDIAPACKAGE_CONCURRENT_HARVEST_JOBS } from "../../contracts";

export interface FakeHarvestJob {
  readonly id: string;
  readonly channelId: string;
  readonly originEndpointId: string;
  readonly startTime: string;
  readonly endTime: string;
  readonly s3Destination: { bucketName: string; manifestKey: string; roleArn: string };
  readonly createdAt: number;
  /** Set by the test, or by the fake once `harvestMs` has passed. */
  status: "IN_PROGRESS" | "SUCCEEDED" | "FAILED";
  /** Decided at creation: the job will end FAILED. */
  readonly willFail: boolean;
}

export interface MediaPackageFakeOptions {
  readonly now: () => number;
  readonly faults?: FaultPlan;
  /** How long a job stays IN_PROGRESS. @default 60 s */
  readonly harvestMs?: number;
  /** Startover window of every endpoint. @default 24 h */
  readonly startoverWindowMs?: number;
}

export class MediaPackageFake extends FakeHttpServer {
  readonly calls: LoggedCall[] = [];
  readonly harvestJobs: FakeHarvestJob[] = [];
  readonly faults: FaultPlan;
  /** MediaPackage channel id -> origin endpoint ids. */
  private readonly endpoints = new Map<string, string[]>();
  private failing = 0;

  constructor(private readonly options: MediaPackageFakeOptions) {
    super();
    this.faults = options.faults ?? new FaultPlan();
  }

  addOriginEndpoint(channelId: string, endpointId: string): void {
    this.endpoints.set(channelId, [...(this.endpoints.get(channelId) ?? []), endpointId]);
  }

  /** The next `times` harvest jobs created will end FAILED. */
  failHarvests(times = 1): void {
    this.failing += times;
  }

  /** Jobs that SUCCEEDED (as of the fake clock). */
  succeeded(): FakeHarvestJob[] {
    return this.harvestJobs.filter((j) => this.settle(j).status === "SUCCEEDED");
  }

  private channelOfEndpoint(endpointId: string): string | undefined {
    for (const [channel, ids] of this.endpoints) if (ids.includes(endpointId)) return channel;
    return undefined;
  }

  private settle(j: FakeHarvestJob): FakeHarvestJob {
    if (j.status === "IN_PROGRESS" && this.options.now() >= j.createdAt + (this.options.harvestMs ?? 60_000)) j.status = j.willFail ? "FAILED" : "SUCCEEDED";
    return j;
  }

  protected async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = await readBody(req);
    const url = new URL(req.url ?? "/", "http://x");
    const method = req.method ?? "GET";
    const parts = url.pathname.split("/").filter(Boolean).map(decodeURIComponent);
    let operation = "Unknown";
    if (url.pathname === "/harvest_jobs") operation = method === "POST" ? "CreateHarvestJob" : "ListHarvestJobs";
    else if (parts[0] === "harvest_jobs" && parts.length === 2 && method === "GET") operation = "DescribeHarvestJob";
    else if (url.pathname === "/origin_endpoints" && method === "GET") operation = "ListOriginEndpoints";
    const input = body ? (JSON.parse(body) as Record<string, unknown>) : {};
    const target =
      operation === "CreateHarvestJob"
        ? String(input.id)
        : operation === "DescribeHarvestJob"
          ? parts[1]
          : (url.searchParams.get("channelId") ?? url.searchParams.get("includeChannelId") ?? undefined);
    const log = (status: number) => this.calls.push({ operation, target, status, at: this.options.now() });
    if (answerRouteOrFault(res, { operation, target, method, path: url.pathname }, this.faults, log)) return;
    if (operation === "ListOriginEndpoints") {
      const channelId = url.searchParams.get("channelId") ?? "";
      log(200);
      return sendJson(res, 200, {
        originEndpoints: (this.endpoints.get(channelId) ?? []).map((id) => ({
          id,
          channelId,
          arn: `arn:aws:mediapackage:ap-southeast-1:123456789012:origin_endpoints/${id}`,
          url: `https://example.mediapackage/out/v1/${id}/index.m3u8`,
          hlsPackage: { segmentDurationSeconds: 6 },
          startoverWindowSeconds: Math.round((this.options.startoverWindowMs ?? 86_400_000) / 1000),
        })),
      });
    }
    if (operation === "ListHarvestJobs") {
      const channelId = url.searchParams.get("includeChannelId");
      log(200);
      return sendJson(res, 200, { harvestJobs: this.harvestJobs.filter((j) => !channelId || j.channelId === channelId).map((j) => this.wire(j)) });
    }
    if (operation === "DescribeHarvestJob") {
      const job = this.harvestJobs.find((j) => j.id === target);
      if (!job) {
        log(404);
        return sendRestJsonError(res, 404, `Harvest job ${target} not found`);
      }
      log(200);
      return sendJson(res, 200, this.wire(job));
    }
    for (const field of ["id", "originEndpointId", "startTime", "endTime", "s3Destination"]) {
      if (!input[field]) {
        log(422);
        return sendRestJsonError(res, 422, `${field} is required`);
      }
    }
    const channelId = this.channelOfEndpoint(String(input.originEndpointId));
    if (!channelId) {
      log(404);
      return sendRestJsonError(res, 404, `origin endpoint ${String(input.originEndpointId)} not found`);
    }
    if (this.harvestJobs.some((j) => j.id === input.id)) {
      log(422);
      return sendRestJsonError(res, 422, `Harvest job with id ${String(input.id)} already exists`);
    }
    const now = this.options.now();
    const start = Date.parse(String(input.startTime));
    const end = Date.parse(String(input.endTime));
    if (!(start < end) || end > now) {
      log(422);
      return sendRestJsonError(res, 422, "EndTime must be after StartTime and in the past");
    }
    if (start < now - (this.options.startoverWindowMs ?? 86_400_000)) {
      log(422);
      return sendRestJsonError(res, 422, "StartTime is outside of the startover window of the origin endpoint");
    }
    // The documented quota of jobs running at once (MEDIAPACKAGE_CONCURRENT_HARVEST_JOBS). AWS does not
    // document the error shape; the stand-in answers as MediaPackage answers other limits it meters.
    if (this.harvestJobs.filter((j) => this.settle(j).status === "IN_PROGRESS").length >= MEDIAPACKAGE_CONCURRENT_HARVEST_JOBS) {
      log(429);
      return sendRestJsonError(res, 429, `too many harvest jobs in progress (the quota is ${MEDIAPACKAGE_CONCURRENT_HARVEST_JOBS})`);
    }
    const willFail = this.failing > 0;
    if (willFail) this.failing--;
    const job: FakeHarvestJob = {
      id: String(input.id),
      channelId,
      originEndpointId: String(input.originEndpointId),
      startTime: String(input.startTime),
      endTime: String(input.endTime),
      s3Destination: input.s3Destination as FakeHarvestJob["s3Destination"],
      createdAt: now,
      status: "IN_PROGRESS",
      willFail,
    };
    this.harvestJobs.push(job);
    log(200);
    return sendJson(res, 200, this.wire(job));
  }

  private wire(j: FakeHarvestJob) {
    this.settle(j);
    return {
      arn: `arn:aws:mediapackage:ap-southeast-1:123456789012:harvest_jobs/${j.id}`,
      channelId: j.channelId,
      createdAt: new Date(j.createdAt).toISOString(),
      endTime: j.endTime,
      id: j.id,
      originEndpointId: j.originEndpointId,
      s3Destination: j.s3Destination,
      startTime: j.startTime,
      status: j.status,
    };
  }
}
