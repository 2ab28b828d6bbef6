/**
 * Plumbing of the AWS JSON 1.0/1.1 protocol fakes: POST / with `x-amz-target: <Prefix>.<Operation>`,
 * errors as `{"__type": ..., "message": ...}`, and the region the request was signed for.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { readBody } from "./http";
import { fakeRequestId } from "./xml";

export interface AwsJsonRequest {
  readonly operation: string;
  readonly input: Record<string, unknown>;
  /** Region of the SigV4 credential scope: the region the client was built for. */
  readonly region?: string;
}

/** Reads an AWS JSON request; undefined when it is not one for `targetPrefix`. */
export async function readAwsJsonRequest(req: IncomingMessage, targetPrefix: string): Promise<AwsJsonRequest | undefined> {
  const body = await readBody(req);
  const target = String(req.headers["x-amz-target"] ?? "");
  if (req.method !== "POST" || !target.startsWith(`${targetPrefix}.`)) return undefined;
  return { operation: target.slice(targetPrefix.length + 1), input: JSON.parse(body || "{}") as Record<string, unknown>, region: signingRegion(req.headers.authorization) };
}

export function sendAwsJson(res: ServerResponse, contentType: string, body: unknown): void {
  res.writeHead(200, { "content-type": contentType, "x-amzn-requestid": fakeRequestId() });
  res.end(JSON.stringify(body));
}

export function sendAwsJsonError(res: ServerResponse, contentType: string, status: number, type: string, message: string): void {
  res.writeHead(status, { "content-type": contentType, "x-amzn-requestid": fakeRequestId() });
  res.end(JSON.stringify({ __type: type, message }));
}

/** The region a SigV4-signed request was signed for (from its Authorization header's credential scope). */
export function signingRegion(authorization: string | undefined): string | undefined {
  return /Credential=[^/]+\/\d{8}\/([^/]+)\//.exec(authorization ?? "")?.[1];
}
