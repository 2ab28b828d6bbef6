/**
 * Schedule files: JSON (an array, or { "sessions": [...] }), YAML (the same shapes) or CSV.
 *
 * CSV is read by csv-parse: quoted fields (with commas, quotes and newlines), a byte-order mark,
 * `#` comment lines, and `,`, `;` or tab as the delimiter (the one the first line uses). The first
 * row is a header when it holds no date: its cells name the columns, in any order, from
 * id, startsAt, endsAt, channelId, title (snake_case too). Without a header the columns are
 * positional in that order. Unknown columns and fields are errors with a "did you mean".
 *
 * JSON is checked as environment files are (config/json-syntax.ts): a duplicate key, which JSON.parse
 * would resolve silently to the last one, is an error with its line and column (YAML refuses them itself).
 *
 * An empty schedule, or a CSV with only a header, is refused: a truncated export must not read as
 * "no sessions", which would stop every running channel. An intended empty schedule is a JSON `[]`.
 */
import { readFileSync } from "node:fs";
import { basename, extname } from "node:path";
import { UsageError } from "../errors";
import { didYouMean } from "../../lib/did-you-mean";
import { validateRows, type RawSession, type ScheduleParse, type ScheduleRules } from "./session";
import { parseDocumentText } from "../support/read-document";

const COLUMNS = ["id", "startsAt", "endsAt", "channelId", "title"] as const;
type Column = (typeof COLUMNS)[number];
/** Accepted spellings of each field: camelCase and the database's snake_case. */
const FIELD_NAMES: Record<string, Column> = {
  id: "id",
  startsAt: "startsAt",
  starts_at: "startsAt",
  endsAt: "endsAt",
  ends_at: "endsAt",
  channelId: "channelId",
  channel_id: "channelId",
  title: "title",
};
const KNOWN_NAMES = Object.keys(FIELD_NAMES);
const DELIMITERS = [",", ";", "\t"] as const;
/** A cell that starts like a date: the first row holding one is data, not a header. */
const LOOKS_LIKE_DATE = /^\d{4}-\d{2}-\d{2}/;

const EMPTY_HINT = "a schedule with no sessions on purpose is a JSON file holding []";

/** The column a header cell names (case-insensitive, '_' or '-' ignored), or undefined. */
function columnOf(cell: string): Column | undefined {
  const folded = cell.toLowerCase().replace(/[-_ ]/g, "");
  return COLUMNS.find((c) => c.toLowerCase() === folded);
}

/** The delimiter the first data-bearing line uses most, outside quotes. */
function detectDelimiter(text: string): string {
  const line = text.split(/\r?\n/).find((l) => l.trim() !== "" && !l.trimStart().startsWith("#")) ?? "";
  const counts = new Map<string, number>(DELIMITERS.map((d) => [d, 0]));
  let quoted = false;
  for (const ch of line) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && counts.has(ch)) counts.set(ch, counts.get(ch)! + 1);
  }
  return [...counts.entries()].reduce((best, entry) => (entry[1] > best[1] ? entry : best), [",", 0])[0];
}

interface CsvRecord {
  readonly cells: string[];
  readonly line: number;
}

function readCsvRecords(text: string, name: string): CsvRecord[] {
  const { parse } = require("csv-parse/sync") as typeof import("csv-parse/sync");
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text, {
      bom: true,
      delimiter: detectDelimiter(text.replace(/^\uFEFF/, "")),
      comment: "#",
      comment_no_infix: true,
      skip_empty_lines: true,
      skip_records_with_empty_values: true,
      relax_column_count: true,
      trim: true,
      info: true,
    }) as unknown as { record: string[]; info: { lines: number } }[];
  } catch (err) {
    throw new UsageError(`schedule ${name} is not valid CSV: ${(err as Error).message}`);
  }
  // info.lines is the line a record ends on; newlines inside quoted cells move its start up.
  return records.map(({ record, info }) => ({
    cells: record,
    line: info.lines - record.reduce((n, cell) => n + (cell.match(/\n/g)?.length ?? 0), 0),
  }));
}

export function parseCsv(text: string, name: string): RawSession[] {
  const records = readCsvRecords(text, name);
  if (!records.length) throw new UsageError(`schedule ${name} is empty: refusing to read it as "no sessions"`, EMPTY_HINT);
  let columns: readonly (Column | undefined)[] = COLUMNS;
  let body = records;
  const first = records[0]!;
  if (!first.cells.some((c) => LOOKS_LIKE_DATE.test(c))) {
    columns = header(first, name);
    body = records.slice(1);
    if (!body.length) throw new UsageError(`schedule ${name} has a header but no sessions: refusing to read it as "no sessions"`, EMPTY_HINT);
  }
  return body.map(({ cells, line }) => {
    const record: Record<string, string> = {};
    const problems: string[] = [];
    cells.forEach((cell, i) => {
      const column = columns[i];
      if (column) record[column] = cell;
      else if (cell !== "") problems.push(`unexpected cell ${i + 1} '${cell}' (${columns.length} columns: ${columns.join(",")}; quote a value holding a delimiter)`);
    });
    return { ...record, origin: `${name} line ${line}`, ...(problems.length ? { problems } : {}) };
  });
}

/** Maps header cells to columns; unknown, duplicate or missing required columns stop the whole file. */
function header(record: CsvRecord, name: string): Column[] {
  const problems: string[] = [];
  const columns = record.cells.map((cell) => {
    const column = columnOf(cell);
    if (!column) problems.push(`unknown column '${cell}'${didYouMean(cell, COLUMNS)}`);
    return column;
  });
  for (const c of COLUMNS) if (columns.filter((x) => x === c).length > 1) problems.push(`column '${c}' appears twice`);
  for (const c of ["id", "startsAt", "endsAt"] as const) if (!columns.includes(c)) problems.push(`required column '${c}' is missing`);
  if (problems.length) {
    throw new UsageError(`schedule ${name} line ${record.line}: bad header: ${problems.join("; ")}`, `columns: ${COLUMNS.join(",")} (header optional; without one they come in this order)`);
  }
  return columns as Column[];
}

function rowsFromDocument(doc: unknown, name: string): RawSession[] {
  if (doc === null || doc === undefined) throw new UsageError(`schedule ${name} is empty: refusing to read it as "no sessions"`, EMPTY_HINT);
  let list: unknown;
  if (Array.isArray(doc)) list = doc;
  else if (typeof doc === "object") {
    const unknownKeys = Object.keys(doc).filter((k) => k !== "sessions");
    if (unknownKeys.length) {
      throw new UsageError(`schedule ${name}: unknown top-level field(s) ${unknownKeys.map((k) => `'${k}'${didYouMean(k, ["sessions"])}`).join(", ")}`, 'write a list of sessions, or { "sessions": [...] }');
    }
    list = (doc as { sessions?: unknown }).sessions;
  }
  if (!Array.isArray(list)) throw new UsageError(`schedule ${name} must hold a list of sessions (or { "sessions": [...] })`);
  return list.map((item, i) => {
    const origin = `${name} item ${i + 1}`;
    if (!item || typeof item !== "object" || Array.isArray(item)) return { origin, problems: ["is not an object with id, startsAt and endsAt"] };
    const o = item as Record<string, unknown>;
    const problems: string[] = [];
    const raw: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(o)) {
      const column = FIELD_NAMES[key];
      if (!column) problems.push(`unknown field '${key}'${didYouMean(key, KNOWN_NAMES)}`);
      else if (raw[column] !== undefined) problems.push(`'${key}' repeats ${column}`);
      else raw[column] = value;
    }
    return { ...raw, origin, ...(problems.length ? { problems } : {}) };
  });
}

/** Parses schedule text by format; `name` appears in every message. */
export async function parseScheduleText(text: string, format: "json" | "yaml" | "csv", name: string, rules: ScheduleRules = {}): Promise<ScheduleParse> {
  if (text.replace(/^\uFEFF/, "").trim() === "") throw new UsageError(`schedule ${name} is empty: refusing to read it as "no sessions"`, EMPTY_HINT);
  if (format === "csv") return validateRows(parseCsv(text, name), rules);
  const doc = parseDocumentText(text, format, `schedule ${name} is not valid ${format.toUpperCase()}`);
  return validateRows(rowsFromDocument(doc, name), rules);
}

export function formatOf(path: string): "json" | "yaml" | "csv" {
  const ext = extname(path).toLowerCase();
  if (ext === ".json") return "json";
  if (ext === ".yaml" || ext === ".yml") return "yaml";
  if (ext === ".csv" || ext === ".tsv") return "csv";
  throw new UsageError(`cannot tell the format of schedule '${path}': use a .json, .yaml, .yml, .csv or .tsv file, or postgres://...`);
}

export async function readScheduleFile(path: string, rules: ScheduleRules = {}): Promise<ScheduleParse> {
  const format = formatOf(path);
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new UsageError(`cannot read schedule ${path}: ${code === "ENOENT" ? "no such file" : code === "EISDIR" ? "it is a folder" : (code ?? (err as Error).message)}`);
  }
  return parseScheduleText(text, format, basename(path), rules);
}
