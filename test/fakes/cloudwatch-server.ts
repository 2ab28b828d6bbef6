/**
 * A CloudWatch stand-in for the protocol SDK 3.995 uses: AWS JSON 1.0 with query compatibility
 * (POST /, `x-amz-target: GraniteServiceVersion20100801.<Operation>`, PascalCase members,
 * timestamps as epoch seconds). Implements PutMetricData (recorded), GetMetricData (from a series
 * function the test supplies) and DescribeAlarms (from a list the test supplies).
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { FaultPlan, readBody, sendJson, type LoggedCall, FakeHttpServer } from "./http";

export interface PutDatum {
  readonly namespace: string;
  readonly metricName: string;
  readonly value: number;
  readonly dimensions: Record<string, string>;
}

export interface MetricQuery {
  readonly namespace: string;
  readonly metricName: string;
  readonly dimensions: Record<string, string>;
  readonly stat: string;
  readonly period: number;
  /** Epoch ms. */
  readonly start: number;
  readonly end: number;
}

export interface FakeAlarm {
  readonly AlarmName: string;
  readonly StateValue: "OK" | "ALARM" | "INSUFFICIENT_DATA";
  readonly Namespace?: string;
  readonly MetricName?: string;
  readonly Dimensions?: { Name: string; Value: string }[];
  readonly StateReason?: string;
}

const CONTENT_TYPE = "application/x-amz-json-1.0";

export class CloudWatchFake extends FakeHttpServer {
  readonly calls: LoggedCall[] = [];
  readonly put: PutDatum[] = [];
  readonly faults: FaultPlan;
  alarms: FakeAlarm[] = [];
  /** Datapoints for a GetMetricData query: [epoch ms, value][]. */
  series: (q: MetricQuery) => [number, number][] = () => [];

  constructor(private readonly options: { now: () => number; faults?: FaultPlan }) {
    super();
    this.faults = options.faults ?? new FaultPlan();
  }

  private error(res: ServerResponse, status: number, code: string, message: string): void {
    // JSON protocol errors carry __type; query-compatible services add x-amzn-query-error.
    res.writeHead(status, { "content-type": CONTENT_TYPE, "x-amzn-query-error": `${code};Sender` });
    res.end(JSON.stringify({ __type: `com.amazonaws.cloudwatch#${code}`, message }));
  }

  protected async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = await readBody(req);
    const targetHeader = String(req.headers["x-amz-target"] ?? "");
    const operation = targetHeader.split(".")[1] ?? "Unknown";
    const log = (status: number) => this.calls.push({ operation, status, at: this.options.now() });
    if (req.method !== "POST" || !targetHeader.startsWith("GraniteServiceVersion20100801.")) {
      log(400);
      return this.error(res, 400, "InvalidAction", `unexpected request ${req.method} ${req.url} target=${targetHeader}`);
    }
    const fault = this.faults.take(operation);
    if (fault) {
      log(fault);
      return fault === 429 ? this.error(res, 400, "Throttling", "Rate exceeded") : this.error(res, fault, "InternalServiceFault", "Injected failure");
    }
    const input = JSON.parse(body || "{}") as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
    const dims = (list?: { Name: string; Value: string }[]) => Object.fromEntries((list ?? []).map((d) => [d.Name, d.Value]));
    if (operation === "PutMetricData") {
      for (const d of input.MetricData ?? []) {
        this.put.push({ namespace: input.Namespace, metricName: d.MetricName, value: d.Value, dimensions: dims(d.Dimensions) });
      }
      log(200);
      return sendJson(res, 200, {}, CONTENT_TYPE);
    }
    if (operation === "GetMetricData") {
      const start = Number(input.StartTime) * 1000;
      const end = Number(input.EndTime) * 1000;
      const results = (input.MetricDataQueries ?? []).map((q: any) => { // eslint-disable-line @typescript-eslint/no-explicit-any
        const stat = q.MetricStat;
        const points = this.series({
          namespace: stat.Metric.Namespace,
          metricName: stat.Metric.MetricName,
          dimensions: dims(stat.Metric.Dimensions),
          stat: stat.Stat,
          period: stat.Period,
          start,
          end,
        }).filter(([t]) => t >= start && t < end);
        points.sort((a, b) => b[0] - a[0]); // newest first, as CloudWatch returns by default
        return { Id: q.Id, Label: stat.Metric.MetricName, Timestamps: points.map(([t]) => t / 1000), Values: points.map(([, v]) => v), StatusCode: "Complete" };
      });
      log(200);
      return sendJson(res, 200, { MetricDataResults: results, Messages: [] }, CONTENT_TYPE);
    }
    if (operation === "DescribeAlarms") {
      const prefix = input.AlarmNamePrefix as string | undefined;
      const state = input.StateValue as string | undefined;
      log(200);
      return sendJson(res, 200, { MetricAlarms: this.alarms.filter((a) => (!prefix || a.AlarmName.startsWith(prefix)) && (!state || a.StateValue === state)), CompositeAlarms: [] }, CONTENT_TYPE);
    }
    log(400);
    return this.error(res, 400, "InvalidAction", `operation ${operation} is not implemented by the fake`);
  }
}
