/**
 * Schedule files: JSON (an array, or { "sessions": [...] }), YAML (the same shapes) or CSV rows
 * `id,startsAt,endsAt,channelId,title` (header optional; the last two columns optional).
 */
import { readFileSync } from "node:fs";
import { basename, extname } from "node:path";
import { UsageError } from "../errors";
import { validateRows, type RawSession, type ScheduleParse } from "./session";

const CSV_COLUMNS = ["id", "startsAt", "endsAt", "channelId", "title"] as const;

/** Splits one CSV line; double quotes protect commas, "" is a literal quote. */
export function splitCsvLine(line: string): string[] {
  const cells: string[] = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ",") {
      cells.push(cell);
      cell = "";
    } else cell += ch;
  }
  cells.push(cell);
  return cells.map((c) => c.trim());
}

export function parseCsv(text: string, name: string): RawSession[] {
  const rows: RawSession[] = [];
  const lines = text.split(/\r?\n/);
  let columns: readonly string[] = CSV_COLUMNS;
  lines.forEach((line, index) => {
    if (line.trim() === "" || line.trimStart().startsWith("#")) return;
    const cells = splitCsvLine(line);
    if (rows.length === 0 && cells[0]?.toLowerCase() === "id" && columns === CSV_COLUMNS) {
      columns = cells.map((c) => CSV_COLUMNS.find((k) => k.toLowerCase() === c.toLowerCase().replace(/_/g, "")) ?? c);
      return;
    }
    const record: Record<string, string> = {};
    columns.forEach((col, i) => {
      if (cells[i] !== undefined) record[col] = cells[i]!;
    });
    rows.push({ ...record, origin: `${name} line ${index + 1}` });
  });
  return rows;
}

function rowsFromDocument(doc: unknown, name: string): RawSession[] {
  const list = Array.isArray(doc) ? doc : (doc as { sessions?: unknown })?.sessions;
  if (!Array.isArray(list)) throw new UsageError(`schedule ${name} must hold a list of sessions (or { "sessions": [...] })`);
  return list.map((item, i) => {
    const o = (item && typeof item === "object" ? item : {}) as Record<string, unknown>;
    return {
      id: o.id,
      startsAt: o.startsAt ?? o.starts_at,
      endsAt: o.endsAt ?? o.ends_at,
      channelId: o.channelId ?? o.channel_id,
      title: o.title,
      origin: `${name} item ${i + 1}`,
    };
  });
}

/** Parses schedule text by format; `name` appears in every message. */
export async function parseScheduleText(text: string, format: "json" | "yaml" | "csv", name: string): Promise<ScheduleParse> {
  if (format === "csv") return validateRows(parseCsv(text, name));
  let doc: unknown;
  try {
    if (format === "json") doc = JSON.parse(text);
    else {
      const YAML = await import("yaml");
      doc = YAML.parse(text);
    }
  } catch (err) {
    throw new UsageError(`schedule ${name} is not valid ${format.toUpperCase()}: ${(err as Error).message}`);
  }
  return validateRows(rowsFromDocument(doc, name));
}

export function formatOf(path: string): "json" | "yaml" | "csv" {
  const ext = extname(path).toLowerCase();
  if (ext === ".json") return "json";
  if (ext === ".yaml" || ext === ".yml") return "yaml";
  if (ext === ".csv") return "csv";
  throw new UsageError(`cannot tell the format of schedule '${path}': use a .json, .yaml, .yml or .csv file, or postgres://...`);
}

export async function readScheduleFile(path: string): Promise<ScheduleParse> {
  const format = formatOf(path);
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (err) {
    throw new UsageError(`cannot read schedule ${path}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
  return parseScheduleText(text, format, basename(path));
}
