/**
 * An EC2 stand-in speaking the EC2 query protocol (form-encoded POST, XML answers, errors as
 * `<Response><Errors><Error>`): DescribeAddresses, DescribeNatGateways (paged: MaxResults 5-1000
 * and NextToken, as the EC2 API Reference documents) and DescribeSubnets (by SubnetId.N; an
 * unknown id is InvalidSubnetID.NotFound).
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { FakeHttpServer, readBody, type LoggedCall } from "./http";
import { element, fakeRequestId, formParams, listParam, sendXml } from "./xml";

const NS = "http://ec2.amazonaws.com/doc/2016-11-15/";

export interface FakeAddress {
  readonly allocationId: string;
  readonly publicIp: string;
  readonly domain?: "vpc" | "standard";
  readonly tags?: Record<string, string>;
}

export interface FakeNatGateway {
  readonly natGatewayId: string;
  readonly subnetId: string;
  readonly state: "pending" | "failed" | "available" | "deleting" | "deleted";
  readonly tags?: Record<string, string>;
}

export interface FakeSubnet {
  readonly subnetId: string;
  readonly availabilityZone: string;
}

const tagSet = (tags: Record<string, string> = {}) =>
  `<tagSet>${Object.entries(tags).map(([k, v]) => `<item>${element("key", k)}${element("value", v)}</item>`).join("")}</tagSet>`;

export class Ec2Fake extends FakeHttpServer {
  readonly calls: LoggedCall[] = [];
  /** Operations answered with UnauthorizedOperation. */
  readonly denied = new Set<string>();
  addresses: FakeAddress[] = [];
  natGateways: FakeNatGateway[] = [];
  subnets: FakeSubnet[] = [];
  /** Page size when the caller sets no MaxResults. */
  defaultPageSize = 1000;
  /** The most a page holds whatever MaxResults asks (EC2 may return fewer): forces paging in tests. */
  maxPageSize = 1000;

  private error(res: ServerResponse, status: number, code: string, message: string): void {
    sendXml(res, status, `<Response><Errors><Error>${element("Code", code)}${element("Message", message)}</Error></Errors>${element("RequestID", fakeRequestId())}</Response>`);
  }

  protected async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const params = formParams(await readBody(req));
    const operation = params.get("Action") ?? "Unknown";
    const log = (status: number) => this.calls.push({ operation, status, at: Date.now() });
    const fail = (status: number, code: string, message: string) => {
      log(status);
      this.error(res, status, code, message);
    };
    if (req.method !== "POST" || params.get("Version") !== "2016-11-15") return fail(400, "InvalidAction", `unexpected request ${req.method} ${req.url} ${operation}`);
    if (this.denied.has(operation)) return fail(403, "UnauthorizedOperation", `You are not authorized to perform this operation (ec2:${operation}).`);
    const ok = (body: string) => {
      log(200);
      sendXml(res, 200, `<${operation}Response xmlns="${NS}">${element("requestId", fakeRequestId())}${body}</${operation}Response>`);
    };

    if (operation === "DescribeAddresses") {
      const items = this.addresses.map((a) => `<item>${element("publicIp", a.publicIp)}${element("allocationId", a.allocationId)}${element("domain", a.domain ?? "vpc")}${tagSet(a.tags)}</item>`);
      return ok(`<addressesSet>${items.join("")}</addressesSet>`);
    }
    if (operation === "DescribeNatGateways") {
      const max = params.has("MaxResults") ? Number(params.get("MaxResults")) : this.defaultPageSize;
      if (!(Number.isInteger(max) && max >= 5 && max <= 1000)) return fail(400, "InvalidParameterValue", `MaxResults must be between 5 and 1000, got ${params.get("MaxResults")}`);
      const from = Number(params.get("NextToken") ?? 0);
      const size = Math.min(max, this.maxPageSize);
      const page = this.natGateways.slice(from, from + size);
      const next = from + size < this.natGateways.length ? element("nextToken", String(from + size)) : "";
      const items = page.map((n) => `<item>${element("natGatewayId", n.natGatewayId)}${element("subnetId", n.subnetId)}${element("vpcId", "vpc-0fake")}${element("state", n.state)}${tagSet(n.tags)}</item>`);
      return ok(`<natGatewaySet>${items.join("")}</natGatewaySet>${next}`);
    }
    if (operation === "DescribeSubnets") {
      const ids = listParam(params, "SubnetId");
      const unknown = ids.filter((id) => !this.subnets.some((s) => s.subnetId === id));
      if (unknown.length) return fail(400, "InvalidSubnetID.NotFound", `The subnet ID '${unknown.join(", ")}' does not exist`);
      const chosen = ids.length ? this.subnets.filter((s) => ids.includes(s.subnetId)) : this.subnets;
      const items = chosen.map((s) => `<item>${element("subnetId", s.subnetId)}${element("availabilityZone", s.availabilityZone)}${element("vpcId", "vpc-0fake")}${element("state", "available")}</item>`);
      return ok(`<subnetSet>${items.join("")}</subnetSet>`);
    }
    fail(400, "InvalidAction", `The action ${operation} is not valid for this web service.`);
  }
}
