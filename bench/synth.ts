/**
 * Whole-platform synth (every stack, the command cdktf.json runs) against a bare root import of
 * @cdktf/provider-aws, interleaved in one run. Targets: synth median <= 0.30 x root import,
 * synth peak RSS <= 250 MB.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { interleave, median, sampleNode } from "./support/measure";

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
// The baseline the issue sets: the provider's package root, loaded in a child process only. The
// project itself never imports it (eslint forbids it), so the name is assembled here.
const PROVIDER_ROOT = ["@cdktf", "provider-aws"].join("/");

export async function run(): Promise<void> {
  const root = join(__dirname, "..", "..");
  // The app command `cdktf synth` runs, e.g. "node dist/synth.js".
  const [, appScript] = (JSON.parse(readFileSync(join(root, "cdktf.json"), "utf8")).app as string).split(" ");
  const mainJs = join(root, appScript);
  const out = mkdtempSync(join(tmpdir(), "bench-synth-"));
  const [synth, rootImport] = interleave(RUNS, [
    () => sampleNode([mainJs], { CDKTF_OUTDIR: join(out, "cdktf.out") }),
    () => sampleNode(["-e", `require(${JSON.stringify(PROVIDER_ROOT)})`]),
  ]);
  rmSync(out, { recursive: true, force: true });

  const synthMs = median(synth.map((s) => s.wallMs));
  const rootMs = median(rootImport.map((s) => s.wallMs));
  const synthRss = Math.max(...synth.map((s) => s.peakRssMb));
  const ratio = synthMs / rootMs;
  console.log(`synth (all stacks)           median ${synthMs.toFixed(0)} ms   peak RSS ${synthRss.toFixed(0)} MB   (${RUNS} runs)`);
  console.log(`require("${PROVIDER_ROOT}") median ${rootMs.toFixed(0)} ms   peak RSS ${Math.max(...rootImport.map((s) => s.peakRssMb)).toFixed(0)} MB`);
  console.log(`ratio synth / root import     ${ratio.toFixed(3)}   target <= 0.30 ${ratio <= 0.3 ? "MET" : "MISSED"}`);
  console.log(`synth peak RSS                ${synthRss.toFixed(0)} MB   target <= 250 MB ${synthRss <= 250 ? "MET" : "MISSED"}`);
}

if (require.main === module) run();
