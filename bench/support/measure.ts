import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export interface CommandSample {
  readonly wallMs: number;
  /** Peak resident set size of the child, in MB (from process.resourceUsage at exit). */
  readonly peakRssMb: number;
}

const RSS_PRELOAD = join(__dirname, "report-rss.js");

/** Runs `node <args>` once, timing wall clock and reading the child's peak RSS. */
export function sampleNode(args: string[], env: Record<string, string> = {}): CommandSample {
  const dir = mkdtempSync(join(tmpdir(), "bench-rss-"));
  const rssFile = join(dir, "rss");
  const started = process.hrtime.bigint();
  const result = spawnSync(process.execPath, ["--require", RSS_PRELOAD, ...args], {
    encoding: "utf8",
    env: { ...process.env, ...env, BENCH_RSS_FILE: rssFile },
  });
  const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
  if (result.status !== 0) throw new Error(`node ${args.join(" ")} exited ${result.status}:\n${result.stderr}`);
  const peakRssMb = Number(readFileSync(rssFile, "utf8")) / 1024;
  rmSync(dir, { recursive: true, force: true });
  return { wallMs, peakRssMb };
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/**
 * Samples several commands interleaved (A B C A B C ...) so machine noise hits them alike, and
 * returns each one's samples in the order given.
 */
export function interleave(runs: number, commands: readonly (() => CommandSample)[]): CommandSample[][] {
  const samples: CommandSample[][] = commands.map(() => []);
  for (let i = 0; i < runs; i++) commands.forEach((cmd, j) => samples[j].push(cmd()));
  return samples;
}
