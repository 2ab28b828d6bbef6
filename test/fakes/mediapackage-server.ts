/**
 * A MediaPackage (v1) stand-in speaking REST-JSON: CreateHarvestJob (POST /harvest_jobs),
 * ListHarvestJobs (GET /harvest_jobs?includeChannelId=), ListOriginEndpoints
 * (GET /origin_endpoints?channelId=). A harvest job id used twice answers 422, as the service does.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { answerRouteOrFault, FaultPlan, readBody, sendJson, sendRestJsonError, type LoggedCall, FakeHttpServer } from "./http";

export interface FakeHarvestJob {
  readonly id: string;
  readonly channelId: string;
  readonly originEndpointId: string;
  readonly startTime: string;
  readonly endTime: string;
  readonly s3Destination: { bucketName: string; manifestKey: string; roleArn: string };
  status: string;
}

export class MediaPackageFake extends FakeHttpServer {
  readonly calls: LoggedCall[] = [];
  readonly harvestJobs: FakeHarvestJob[] = [];
  readonly faults: FaultPlan;
  /** MediaPackage channel id -> origin endpoint ids. */
  private readonly endpoints = new Map<string, string[]>();

  constructor(private readonly options: { now: () => number; faults?: FaultPlan }) {
    super();
    this.faults = options.faults ?? new FaultPlan();
  }

  addOriginEndpoint(channelId: string, endpointId: string): void {
    this.endpoints.set(channelId, [...(this.endpoints.get(channelId) ?? []), endpointId]);
  }

  private channelOfEndpoint(endpointId: string): string | undefined {
    for (const [channel, ids] of this.endpoints) if (ids.includes(endpointId)) return channel;
    return undefined;
  }

  protected async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = await readBody(req);
    const url = new URL(req.url ?? "/", "http://x");
    const method = req.method ?? "GET";
    let operation = "Unknown";
    if (url.pathname === "/harvest_jobs") operation = method === "POST" ? "CreateHarvestJob" : "ListHarvestJobs";
    else if (url.pathname === "/origin_endpoints" && method === "GET") operation = "ListOriginEndpoints";
    const input = body ? (JSON.parse(body) as Record<string, unknown>) : {};
    const target = operation === "CreateHarvestJob" ? String(input.id) : (url.searchParams.get("channelId") ?? url.searchParams.get("includeChannelId") ?? undefined);
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
        })),
      });
    }
    if (operation === "ListHarvestJobs") {
      const channelId = url.searchParams.get("includeChannelId");
      log(200);
      return sendJson(res, 200, { harvestJobs: this.harvestJobs.filter((j) => !channelId || j.channelId === channelId).map((j) => this.wire(j)) });
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
    const job: FakeHarvestJob = {
      id: String(input.id),
      channelId,
      originEndpointId: String(input.originEndpointId),
      startTime: String(input.startTime),
      endTime: String(input.endTime),
      s3Destination: input.s3Destination as FakeHarvestJob["s3Destination"],
      status: "IN_PROGRESS",
    };
    this.harvestJobs.push(job);
    log(200);
    return sendJson(res, 200, this.wire(job));
  }

  private wire(j: FakeHarvestJob) {
    return {
      arn: `arn:aws:mediapackage:ap-southeast-1:123456789012:harvest_jobs/${j.id}`,
      channelId: j.channelId,
      createdAt: new Date(this.options.now()).toISOString(),
      endTime: j.endTime,
      id: j.id,
      originEndpointId: j.originEndpointId,
      s3Destination: j.s3Destination,
      startTime: j.startTime,
      status: j.status,
    };
  }
}
