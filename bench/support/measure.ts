import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export interface CommandSample {
  readonly wallMs: number;
  /** User + system CPU time of the command and every process it waited for. */
  readonly cpuMs: number;
  /** Peak resident set size of the largest node process of the command, in MB. */
  readonly peakRssMb: number;
}

const RSS_PRELOAD = join(__dirname, "report-rss.js");

/**
 * CPU time (user + system, ms) of this process's terminated, waited-for children so far, from
 * /proc/self/stat (cutime and cstime, fields 16 and 17): it covers grandchildren such as the node
 * process `npm run` starts. 0 where /proc is missing.
 */
function childrenCpuMs(): number {
  try {
    const stat = readFileSync("/proc/self/stat", "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    // fields[0] is field 3 (state): cutime is field 16, cstime field 17. Clock ticks are 100 Hz on Linux.
    return (Number(fields[13]) + Number(fields[14])) * 10;
  } catch {
    return 0;
  }
}

/**
 * Runs a command once: wall clock, CPU time and peak RSS. Every node process in its tree reports
 * its RSS through the preload in NODE_OPTIONS.
 */
export function sampleCommand(command: string, args: readonly string[], env: Record<string, string> = {}): CommandSample {
  const dir = mkdtempSync(join(tmpdir(), "bench-rss-"));
  const rssFile = join(dir, "rss");
  const cpuBefore = childrenCpuMs();
  const started = process.hrtime.bigint();
  const result = spawnSync(command, args, {
    encoding: "utf8",
    env: { ...process.env, ...env, BENCH_RSS_FILE: rssFile, NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ""} --require=${RSS_PRELOAD}`.trim() },
  });
  const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
  const cpuMs = childrenCpuMs() - cpuBefore;
  if (result.status !== 0) throw new Error(`${command} ${args.join(" ")} exited ${result.status}:\n${result.stderr}`);
  let peakRssMb = 0;
  try {
    peakRssMb = Math.max(...readFileSync(rssFile, "utf8").trim().split("\n").map(Number)) / 1024;
  } catch {
    // no node process reported (not a node command)
  }
  rmSync(dir, { recursive: true, force: true });
  return { wallMs, cpuMs, peakRssMb };
}

/** Runs `node <args>` once (see sampleCommand). */
export function sampleNode(args: readonly string[], env: Record<string, string> = {}): CommandSample {
  return sampleCommand(process.execPath, args, env);
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

/** Median wall, median CPU and peak RSS of a command's samples. */
export function summary(samples: readonly CommandSample[]): { wallMs: number; cpuMs: number; peakRssMb: number } {
  return {
    wallMs: median(samples.map((s) => s.wallMs)),
    cpuMs: median(samples.map((s) => s.cpuMs)),
    peakRssMb: Math.max(...samples.map((s) => s.peakRssMb)),
  };
}
