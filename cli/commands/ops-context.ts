/** Options every channel/session command shares, and the helpers that turn them into clients. */
import type { AwsClientOptions } from "../aws/clients";
import { isTagValue, POOL_TAG } from "../../contracts";
import { UsageError } from "../errors";

export interface AwsCommandOptions {
  readonly region?: string;
  /** Named profile of ~/.aws/config and ~/.aws/credentials (default: $AWS_PROFILE). */
  readonly profile?: string;
  readonly maxAttempts?: number;
  readonly json?: boolean;
}

export function awsOptions(o: AwsCommandOptions): AwsClientOptions {
  return { region: o.region, profile: o.profile, maxAttempts: o.maxAttempts };
}

/** The pool from --pool or LIVESTREAM_POOL. */
export function resolvePool(pool?: string): string {
  const p = pool ?? process.env.LIVESTREAM_POOL;
  if (!p) throw new UsageError("no channel pool: pass --pool <env> or set LIVESTREAM_POOL", `pools are the values of the ${POOL_TAG} tag, e.g. dev or prod`);
  if (!isTagValue(p)) throw new UsageError(`--pool '${p}' is not a valid tag value`);
  return p;
}

export function print(text: string): void {
  process.stdout.write(text.endsWith("\n") ? text : `${text}\n`);
}

let jsonPrinted = false;

/** Prints the command's one JSON document (a failure after it adds no second document: see main). */
export function printJson(value: unknown): void {
  jsonPrinted = true;
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

/** Whether this run already printed its JSON document; main resets it per run. */
export function jsonDocumentPrinted(reset = false): boolean {
  const printed = jsonPrinted;
  if (reset) jsonPrinted = false;
  return printed;
}

/** Plain fixed-width table. */
export function table(headers: string[], rows: string[][]): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (cells: string[]) => cells.map((c, i) => (c ?? "").padEnd(widths[i]!)).join("  ").trimEnd();
  return [line(headers), ...rows.map(line)].join("\n");
}
