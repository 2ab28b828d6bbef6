/**
 * An S3 stand-in speaking REST-XML, path-style (what the SDK uses for an IP endpoint):
 * ListObjectsV2 (GET /<bucket>?list-type=2: prefix, continuation-token, start-after, max-keys capped
 * at 1000 as S3 does, pages of `pageSize`, encoding-type=url), HeadObject and GetObject. Unknown
 * buckets answer NoSuchBucket, unknown keys NoSuchKey (404), a bad continuation token
 * InvalidArgument. Faults: scheduled 500/503 (InternalError, SlowDown), or `hang` to accept a
 * request and never answer (deadline tests).
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { FakeHttpServer, FaultPlan, readBody, type LoggedCall } from "./http";

export interface FakeObject {
  readonly body: string;
  readonly lastModified: Date;
}

const xmlEscape = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&apos;");

export class S3Fake extends FakeHttpServer {
  readonly calls: LoggedCall[] = [];
  readonly faults = new FaultPlan();
  /** Most keys per ListObjectsV2 page (S3 returns at most 1000). */
  pageSize = 1000;
  /** Accept requests and never answer them (a hung network path). */
  hang = false;
  private readonly buckets = new Map<string, Map<string, FakeObject>>();

  constructor(private readonly now: () => number = Date.now) {
    super();
  }

  createBucket(name: string): void {
    if (!this.buckets.has(name)) this.buckets.set(name, new Map());
  }

  put(bucket: string, key: string, object: Partial<FakeObject> = {}): void {
    this.createBucket(bucket);
    // S3 keeps LastModified to the millisecond in listings; a fake must not be finer.
    const t = object.lastModified ?? new Date(this.now());
    this.buckets.get(bucket)!.set(key, { body: object.body ?? "#EXTM3U\n", lastModified: new Date(Math.floor(t.getTime())) });
  }

  protected async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    await readBody(req);
    const url = new URL(req.url ?? "/", "http://fake");
    const [, bucketName = "", ...rest] = url.pathname.split("/");
    const bucket = decodeURIComponent(bucketName);
    const key = rest.map(decodeURIComponent).join("/");
    const operation =
      req.method === "GET" && !key && url.searchParams.get("list-type") === "2"
        ? "ListObjectsV2"
        : req.method === "HEAD" && key
          ? "HeadObject"
          : req.method === "GET" && key
            ? "GetObject"
            : "Unknown";
    const log = (status: number) => this.calls.push({ operation, target: key || bucket, status, at: this.now() });
    if (this.hang) return; // never answered: the client's timeout or abort must end it
    if (operation === "Unknown") {
      log(405);
      return this.error(res, 405, "MethodNotAllowed", `the fake does not implement ${req.method} ${url.pathname}${url.search}`, req.method === "HEAD");
    }
    const fault = this.faults.take(operation, key || bucket);
    if (fault) {
      log(fault);
      return this.error(res, fault === 503 || fault === 429 ? 503 : 500, fault === 503 || fault === 429 ? "SlowDown" : "InternalError", "Injected failure", req.method === "HEAD");
    }
    const objects = this.buckets.get(bucket);
    if (!objects) {
      log(404);
      return this.error(res, 404, "NoSuchBucket", "The specified bucket does not exist", req.method === "HEAD");
    }
    if (operation === "ListObjectsV2") return this.list(res, bucket, objects, url.searchParams, log);

    const object = objects.get(key);
    if (!object) {
      log(404);
      return this.error(res, 404, "NoSuchKey", "The specified key does not exist.", req.method === "HEAD");
    }
    log(200);
    res.writeHead(200, {
      "content-type": "application/vnd.apple.mpegurl",
      "content-length": Buffer.byteLength(object.body),
      "last-modified": object.lastModified.toUTCString(),
      etag: `"${object.body.length.toString(16)}"`,
    });
    res.end(operation === "HeadObject" ? undefined : object.body);
  }

  private list(res: ServerResponse, bucket: string, objects: Map<string, FakeObject>, q: URLSearchParams, log: (status: number) => void): void {
    const prefix = q.get("prefix") ?? "";
    const requested = q.has("max-keys") ? Number(q.get("max-keys")) : 1000;
    if (!Number.isInteger(requested) || requested < 0) {
      log(400);
      return this.error(res, 400, "InvalidArgument", "max-keys must be a non-negative integer");
    }
    const maxKeys = Math.min(requested, 1000, this.pageSize);
    let after = q.get("start-after") ?? "";
    const token = q.get("continuation-token");
    if (token !== null) {
      const decoded = Buffer.from(token, "base64url").toString("utf8");
      if (!decoded.startsWith("after:")) {
        log(400);
        return this.error(res, 400, "InvalidArgument", "The continuation token provided is incorrect");
      }
      after = decoded.slice("after:".length);
    }
    const urlEncode = q.get("encoding-type") === "url";
    const enc = (s: string) => (urlEncode ? encodeURIComponent(s).replace(/%2F/g, "/") : s);
    // S3 lists keys in UTF-8 binary order.
    const keys = [...objects.keys()].filter((k) => k.startsWith(prefix) && Buffer.compare(Buffer.from(k), Buffer.from(after)) > 0).sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
    const page = keys.slice(0, maxKeys);
    const truncated = keys.length > page.length;
    const contents = page
      .map((k) => {
        const o = objects.get(k)!;
        return `<Contents><Key>${xmlEscape(enc(k))}</Key><LastModified>${o.lastModified.toISOString()}</LastModified><ETag>&quot;${o.body.length.toString(16)}&quot;</ETag><Size>${Buffer.byteLength(o.body)}</Size><StorageClass>STANDARD</StorageClass></Contents>`;
      })
      .join("");
    const next = truncated ? `<NextContinuationToken>${Buffer.from(`after:${page[page.length - 1]}`).toString("base64url")}</NextContinuationToken>` : "";
    log(200);
    res.writeHead(200, { "content-type": "application/xml" });
    res.end(
      `<?xml version="1.0" encoding="UTF-8"?>\n<ListBucketResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Name>${xmlEscape(bucket)}</Name><Prefix>${xmlEscape(enc(prefix))}</Prefix>` +
        `<KeyCount>${page.length}</KeyCount><MaxKeys>${maxKeys}</MaxKeys>${urlEncode ? "<EncodingType>url</EncodingType>" : ""}<IsTruncated>${truncated}</IsTruncated>` +
        `${token !== null ? `<ContinuationToken>${xmlEscape(token)}</ContinuationToken>` : ""}${next}${contents}</ListBucketResult>`,
    );
  }

  private error(res: ServerResponse, status: number, code: string, message: string, head = false): void {
    res.writeHead(status, { "content-type": "application/xml", "x-amz-request-id": "fake" });
    // HEAD responses carry no body; the SDK maps the status code.
    res.end(head ? undefined : `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${xmlEscape(message)}</Message><RequestId>fake</RequestId></Error>`);
  }
}
