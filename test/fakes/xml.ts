/** XML plumbing shared by the fakes of XML protocols (EC2 query, AWS query, REST-XML). */
import type { ServerResponse } from "node:http";

export function escapeXml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&apos;");
}

/** `<name>value</name>`, escaped; nothing when the value is undefined. */
export function element(name: string, value: string | number | boolean | undefined): string {
  return value === undefined ? "" : `<${name}>${escapeXml(String(value))}</${name}>`;
}

export function sendXml(res: ServerResponse, status: number, xml: string): void {
  res.writeHead(status, { "content-type": "text/xml;charset=UTF-8", "x-amzn-requestid": fakeRequestId() });
  res.end(`<?xml version="1.0" encoding="UTF-8"?>\n${xml}`);
}

export function fakeRequestId(): string {
  return "fake-" + Math.random().toString(16).slice(2);
}

/** The form-encoded parameters of a query-protocol request body (`Action=...&Version=...`). */
export function formParams(body: string): URLSearchParams {
  return new URLSearchParams(body);
}

/** `Prefix.1`, `Prefix.2`, ... values of a query-protocol list parameter, in order. */
export function listParam(params: URLSearchParams, prefix: string): string[] {
  const values: string[] = [];
  for (let i = 1; params.has(`${prefix}.${i}`); i++) values.push(params.get(`${prefix}.${i}`)!);
  return values;
}
