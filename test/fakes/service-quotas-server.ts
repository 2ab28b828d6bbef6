/**
 * A Service Quotas stand-in speaking AWS JSON 1.1 (`x-amz-target: ServiceQuotasV20190624.<Op>`):
 * GetServiceQuota and GetAWSDefaultServiceQuota. Quotas are per region, as in AWS: the region is
 * the one the request was signed for. Like the real service, GetServiceQuota answers
 * NoSuchResourceException for a quota that has only its default value ("For some quotas, only the
 * default values are available", Service Quotas API Reference, GetServiceQuota).
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { readAwsJsonRequest, sendAwsJson, sendAwsJsonError } from "./aws-json";
import { FakeHttpServer, type LoggedCall } from "./http";

const CONTENT_TYPE = "application/x-amz-json-1.1";
/** Service Quotas API Reference: ServiceCode [a-zA-Z][a-zA-Z0-9-]{1,63}, QuotaCode [a-zA-Z][a-zA-Z0-9-]{1,128}. */
const SERVICE_CODE = /^[a-zA-Z][a-zA-Z0-9-]{1,63}$/;
const QUOTA_CODE = /^[a-zA-Z][a-zA-Z0-9-]{1,128}$/;

export class ServiceQuotasFake extends FakeHttpServer {
  readonly calls: LoggedCall[] = [];
  /** Operations answered with AccessDeniedException. */
  readonly denied = new Set<string>();
  private readonly defaults = new Map<string, number>();
  private readonly applied = new Map<string, number>();

  /** The AWS default of a quota, in every region. */
  setDefault(serviceCode: string, quotaCode: string, value: number): void {
    this.defaults.set(`${serviceCode}/${quotaCode}`, value);
  }

  /** An applied (increased) value in one region. */
  setApplied(region: string, serviceCode: string, quotaCode: string, value: number): void {
    this.applied.set(`${region}/${serviceCode}/${quotaCode}`, value);
  }

  protected async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const request = await readAwsJsonRequest(req, "ServiceQuotasV20190624");
    const operation = request?.operation ?? "Unknown";
    const { ServiceCode: service, QuotaCode: code } = (request?.input ?? {}) as { ServiceCode?: string; QuotaCode?: string };
    const log = (status: number) => this.calls.push({ operation, target: `${service}/${code}`, status, at: Date.now() });
    const fail = (status: number, type: string, message: string) => {
      log(status);
      sendAwsJsonError(res, CONTENT_TYPE, status, type, message);
    };
    if (!request || !["GetServiceQuota", "GetAWSDefaultServiceQuota"].includes(operation)) return fail(400, "UnknownOperationException", `unexpected request ${req.method} ${req.url}`);
    if (this.denied.has(operation)) return fail(400, "AccessDeniedException", `User is not authorized to perform: servicequotas:${operation}`);
    if (!service || !code || !SERVICE_CODE.test(service) || !QUOTA_CODE.test(code)) return fail(400, "IllegalArgumentException", "ServiceCode and QuotaCode are required and must match their patterns");

    const value = operation === "GetServiceQuota" ? this.applied.get(`${request.region}/${service}/${code}`) : this.defaults.get(`${service}/${code}`);
    if (value === undefined) {
      const known = this.defaults.has(`${service}/${code}`);
      return fail(400, "NoSuchResourceException", known ? "The request failed because the specified quota has no applied value." : `The request failed because the specified service or quota ${service}/${code} does not exist.`);
    }
    log(200);
    sendAwsJson(res, CONTENT_TYPE, {
      Quota: { ServiceCode: service, QuotaCode: code, QuotaArn: `arn:aws:servicequotas:${request.region}::${service}/${code}`, Value: value, Unit: "None", Adjustable: true, GlobalQuota: false },
    });
  }
}
