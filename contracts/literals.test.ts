/**
 * Cross-layer values live once, in contracts/: this test fails when one of them is written again as
 * a literal in the folders it guards. It parses every non-test TypeScript source there with the
 * TypeScript compiler, so comments never count and the string pieces of template literals do.
 * Tests themselves are not guarded: they state expected values literally on purpose.
 *
 * GUARDED_FOLDERS lists every source folder but contracts/ itself (and the tests and fakes it skips).
 */
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import ts from "typescript";
import {
  APP_DATABASE_GROUP,
  AURORA_SERVERLESS_CLASS,
  CHANNEL_INDEX_TAG,
  DATA_CLASS_TAG,
  DATABASE_ROLES,
  DEFAULT_GRACE,
  DEFAULT_LEAD,
  DEFAULT_MAX_SESSION_LENGTH,
  DEFAULT_PASS_DEADLINE,
  DEFAULT_STARTOVER_WINDOW_HOURS,
  DEFAULT_TRANSITION_TIMEOUT,
  DNSSEC_ALARM_METRICS,
  ENVIRONMENT_TAG,
  LIVE_PREFIX,
  LOG_RETENTION_DAYS,
  MASTER_MANIFEST,
  MEDIAPACKAGE_CHANNEL_TAG,
  OPS_METRICS,
  OPS_METRICS_NAMESPACE,
  ORIGIN_ENDPOINT_TAG,
  POOL_TAG,
  RECORDING_SWEEP_METRICS,
  SERVICE_DATABASE_ROLES,
  SESSIONS_PREFIX,
  TERRAFORM_STATE_DATA_CLASS,
  WAF_LOG_DESTINATION_PREFIX,
} from ".";

const ROOT = join(__dirname, "..");
export const GUARDED_FOLDERS = ["cli", "lambda", "cost-model", "db", "deploy", "lib", "bench", "tooling", "test/support", "policies", "constructs", "stacks", "config"];

type Match = "contains" | "starts" | "equals";
interface Guarded {
  readonly name: string;
  readonly value: string;
  /** contains: names, tag keys and namespaces, wherever they appear in a string; starts: key prefixes; equals: short values such as durations. */
  readonly match: Match;
}

const named = (group: string, values: Record<string, string>): Record<string, string> => Object.fromEntries(Object.entries(values).map(([k, v]) => [`${group}.${k}`, v]));
const contains = (values: Record<string, string>): Guarded[] => Object.entries(values).map(([name, value]) => ({ name, value, match: "contains" }));

export const GUARDED_LITERALS: readonly Guarded[] = [
  ...contains({ OPS_METRICS_NAMESPACE, POOL_TAG, CHANNEL_INDEX_TAG, MEDIAPACKAGE_CHANNEL_TAG, ORIGIN_ENDPOINT_TAG, ENVIRONMENT_TAG, DATA_CLASS_TAG, TERRAFORM_STATE_DATA_CLASS, WAF_LOG_DESTINATION_PREFIX, MASTER_MANIFEST }),
  ...contains(named("DATABASE_ROLES", DATABASE_ROLES)),
  ...contains({ ...named("SERVICE_DATABASE_ROLES", SERVICE_DATABASE_ROLES), APP_DATABASE_GROUP }),
  { name: "AURORA_SERVERLESS_CLASS", value: AURORA_SERVERLESS_CLASS, match: "equals" },
  // Metric names are plain words ("Errors", "Actions"): only a string that is the name counts.
  ...[named("OPS_METRICS", OPS_METRICS), named("RECORDING_SWEEP_METRICS", RECORDING_SWEEP_METRICS), named("DNSSEC_ALARM_METRICS", DNSSEC_ALARM_METRICS)].flatMap((group) =>
    Object.entries(group).map(([name, value]): Guarded => ({ name, value, match: "equals" })),
  ),
  { name: "SESSIONS_PREFIX", value: SESSIONS_PREFIX, match: "starts" },
  { name: "LIVE_PREFIX", value: LIVE_PREFIX, match: "starts" },
  ...Object.entries({ DEFAULT_LEAD, DEFAULT_GRACE, DEFAULT_TRANSITION_TIMEOUT, DEFAULT_PASS_DEADLINE, DEFAULT_MAX_SESSION_LENGTH, DEFAULT_STARTOVER_WINDOW: `${DEFAULT_STARTOVER_WINDOW_HOURS}h` }).map(
    ([name, value]): Guarded => ({ name, value, match: "equals" }),
  ),
];

/** Source patterns that are not a single string: the log retention list and re-declared limits. */
export const GUARDED_PATTERNS: readonly { readonly name: string; readonly pattern: RegExp }[] = [
  { name: "LOG_RETENTION_DAYS", pattern: new RegExp(`\\[\\s*${LOG_RETENTION_DAYS.slice(0, 5).join(",\\s*")}\\b`) },
  { name: "MAX_FORECAST_* (a limit declared again)", pattern: /\bconst\s+MAX_(MONTHS|DAU|MONTHLY_GROWTH)\b/ },
  { name: "sessionManifestKey (the key layout spelt again)", pattern: /\$\{[^}]+\}\/\$\{MASTER_MANIFEST\}/ },
];

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return e.name === "node_modules" ? [] : sources(path);
    return e.name.endsWith(".ts") && !e.name.endsWith(".test.ts") && !e.name.endsWith(".d.ts") ? [path] : [];
  });
}

/** The text of every string piece in a source: string literals and the literal parts of templates. */
export function stringPieces(text: string): string[] {
  const pieces: string[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isStringLiteralLike(node) || ts.isTemplateLiteralToken(node)) pieces.push(node.text);
    ts.forEachChild(node, visit);
  };
  visit(ts.createSourceFile("source.ts", text, ts.ScriptTarget.Latest, false));
  return pieces;
}

/** Literals that only look like a contract value: each with the file it is allowed in and why. */
const NOT_CONTRACTS: readonly { readonly file: string; readonly piece: string; readonly why: string }[] = [
  { file: "constructs/recording-indexer/index.ts", piece: "Errors", why: "AWS/Lambda's own Errors metric of the function, not the ops namespace's" },
];
const allowed = (where: string, piece: string) => NOT_CONTRACTS.some((n) => n.file === where && n.piece === piece);

function hits(piece: string, g: Guarded): boolean {
  if (g.match === "equals") return piece === g.value;
  if (g.match === "starts") return piece.startsWith(g.value);
  return piece.includes(g.value);
}

test("no contract literal is written again outside contracts/", () => {
  const found: string[] = [];
  for (const folder of GUARDED_FOLDERS) {
    for (const file of sources(join(ROOT, folder))) {
      const text = readFileSync(file, "utf8");
      const where = relative(ROOT, file);
      for (const piece of stringPieces(text)) {
        if (allowed(where, piece)) continue;
        for (const g of GUARDED_LITERALS) if (hits(piece, g)) found.push(`${where}: ${JSON.stringify(piece)} repeats ${g.name}`);
      }
      for (const p of GUARDED_PATTERNS) if (p.pattern.test(text)) found.push(`${where}: repeats ${p.name}`);
    }
  }
  expect(found).toEqual([]);
});

test("the scanner sees string pieces, templates included, and never comments", () => {
  const pieces = stringPieces('// "Livestream/Ops" in a comment\nconst a = `sessions/${id}/${x ? "y" : `z${w}`}/index.m3u8`; const b = { c: \'Livestream/Ops\' };');
  expect(pieces).toEqual(["sessions/", "/", "y", "z", "", "/index.m3u8", "Livestream/Ops"]);
});
