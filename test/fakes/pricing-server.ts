/**
 * A local stand-in for the AWS Price List API (service `AWSPriceListService`, protocol awsJson1_1):
 * POST / with `X-Amz-Target: AWSPriceListService.GetProducts` and a JSON body, answered with
 * `{ FormatVersion, PriceList: [<product JSON as a string>], NextToken? }`. Products match when every
 * TERM_MATCH filter equals one of their attributes (or `serviceCode`). Pages hold `pageSize` products.
 * Point the real SDK at it with AWS_ENDPOINT_URL_PRICING=<url>.
 */
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";

export interface FakeDimension {
  readonly usd: number;
  readonly unit?: string;
  readonly beginRange?: number;
  /** Omit or Infinity for "Inf". */
  readonly endRange?: number;
}

export interface FakeProduct {
  readonly serviceCode: string;
  readonly attributes: Readonly<Record<string, string>>;
  readonly dimensions: readonly FakeDimension[];
}

export interface RecordedRequest {
  readonly target: string | undefined;
  readonly body: { ServiceCode?: string; Filters?: { Type: string; Field: string; Value: string }[]; NextToken?: string; MaxResults?: number };
  readonly authorization: string | undefined;
}

let sku = 0;

/** The documented product document: product.attributes plus terms.OnDemand.<offer>.priceDimensions. */
export function productDocument(p: FakeProduct): string {
  const id = `FAKESKU${++sku}`;
  const priceDimensions = Object.fromEntries(
    p.dimensions.map((d, i) => [
      `${id}.JRTCKXETXF.${i}`,
      {
        rateCode: `${id}.JRTCKXETXF.${i}`,
        unit: d.unit ?? "Hrs",
        description: `fake price ${i}`,
        beginRange: String(d.beginRange ?? 0),
        endRange: d.endRange === undefined || d.endRange === Infinity ? "Inf" : String(d.endRange),
        pricePerUnit: { USD: d.usd.toFixed(10) },
        appliesTo: [],
      },
    ]),
  );
  return JSON.stringify({
    product: { productFamily: p.attributes.productFamily ?? "Fake", attributes: { servicecode: p.serviceCode, ...p.attributes }, sku: id },
    serviceCode: p.serviceCode,
    terms: { OnDemand: { [`${id}.JRTCKXETXF`]: { offerTermCode: "JRTCKXETXF", sku: id, effectiveDate: "2026-11-01T00:00:00Z", priceDimensions, termAttributes: {} } } },
    version: "20261101000000",
    publicationDate: "2026-11-01T00:00:00Z",
  });
}

export class FakePricingServer {
  readonly requests: RecordedRequest[] = [];
  private server?: Server;
  url = "";

  constructor(
    private products: FakeProduct[],
    private readonly pageSize = 1,
  ) {}

  setProducts(products: FakeProduct[]): void {
    this.products = products;
  }

  /** Answer every request with this error until cleared (undefined). */
  failWith(error: { status: number; type: string; message: string } | undefined): void {
    this.failure = error;
  }

  private failure?: { status: number; type: string; message: string };

  async start(): Promise<string> {
    this.server = createServer((req, res) => void this.handle(req).then(([status, body]) => {
      res.writeHead(status, { "content-type": "application/x-amz-json-1.1", "x-amzn-requestid": `req-${this.requests.length}` });
      res.end(JSON.stringify(body));
    }));
    await new Promise<void>((resolve) => this.server?.listen(0, "127.0.0.1", resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this.url;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve, reject) => (this.server ? this.server.close((e) => (e ? reject(e) : resolve())) : resolve()));
  }

  private async handle(req: IncomingMessage): Promise<[number, unknown]> {
    let raw = "";
    for await (const chunk of req) raw += chunk;
    const target = req.headers["x-amz-target"] as string | undefined;
    const body = raw ? JSON.parse(raw) : {};
    this.requests.push({ target, body, authorization: req.headers.authorization });
    if (this.failure) return [this.failure.status, { __type: this.failure.type, message: this.failure.message }];
    if (req.method !== "POST" || target !== "AWSPriceListService.GetProducts") {
      return [400, { __type: "com.amazonaws.pricing#InvalidParameterException", message: `unsupported operation ${target}` }];
    }
    const filters = body.Filters ?? [];
    if (filters.some((f: { Type: string }) => f.Type !== "TERM_MATCH")) return [400, { __type: "InvalidParameterException", message: "only TERM_MATCH" }];
    const matches = this.products.filter(
      (p) => p.serviceCode === body.ServiceCode && filters.every((f: { Field: string; Value: string }) => (f.Field === "ServiceCode" ? p.serviceCode : p.attributes[f.Field]) === f.Value),
    );
    const start = body.NextToken ? Number(body.NextToken.replace("page-", "")) : 0;
    const size = Math.min(this.pageSize, body.MaxResults ?? this.pageSize);
    const page = matches.slice(start, start + size);
    const next = start + size < matches.length ? `page-${start + size}` : undefined;
    return [200, { FormatVersion: "aws_v1", PriceList: page.map(productDocument), ...(next ? { NextToken: next } : {}) }];
  }
}
