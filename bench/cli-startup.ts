/**
 * CLI start-up: `ops --help` and `ops forecast --scenario seed` against bare `node -e 0`, sampled
 * interleaved in one run so machine load hits all three alike. Targets: --help <= 2x bare node,
 * forecast <= 2.5x. The CLI loads commands, zod and AWS SDK clients lazily to meet them.
 */
import { join } from "node:path";
import { interleave, median, sampleNode } from "./support/measure";

const RUNS = Number(process.env.BENCH_RUNS ?? 9);

export async function run(): Promise<void> {
  const cli = join(__dirname, "..", "cli", "main.js");
  const [bare, help, forecast] = interleave(RUNS, [
    () => sampleNode(["-e", "0"]),
    () => sampleNode([cli, "--help"]),
    () => sampleNode([cli, "forecast", "--scenario", "seed"]),
  ]);
  const bareMs = median(bare.map((s) => s.wallMs));
  const rows: [string, number, number][] = [
    ["ops --help", median(help.map((s) => s.wallMs)), 2],
    ["ops forecast --scenario seed", median(forecast.map((s) => s.wallMs)), 2.5],
  ];
  console.log(`node -e 0                      median ${bareMs.toFixed(0)} ms   (${RUNS} runs each, interleaved)`);
  for (const [name, ms, target] of rows) {
    const ratio = ms / bareMs;
    console.log(`${name.padEnd(30)} median ${ms.toFixed(0)} ms   ratio ${ratio.toFixed(2)}x   target <= ${target}x ${ratio <= target ? "MET" : "MISSED"}`);
  }
}

if (require.main === module) void run();
