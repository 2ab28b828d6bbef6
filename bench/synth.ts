/**
 * The main job, `npm run synth`, against the synth app alone and a bare root import of
 * @cdktf/provider-aws, interleaved in one run:
 * - `npm run synth` on an unchanged tree (freshness check, no build): target <= 1.5x the app alone;
 * - `npm run synth` after a source file changed (esbuild bundle, then a synth without code cache):
 *   target <= 4x the app alone;
 * - the app alone (the bundle with its code cache) against `require("@cdktf/provider-aws")`:
 *   target <= 0.25 by median wall time (CPU time beside it, to see through machine noise), and
 *   peak RSS <= 150 MB;
 * - the app alone without the cdktf speed patches (LIVESTREAM_CDKTF_SPEEDUPS=off, lib/cdktf-speedups.ts):
 *   what they save.
 */
import { mkdtempSync, rmSync, utimesSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { interleave, sampleCommand, sampleNode, summary } from "./support/measure";
import { projectRoot } from "../lib/project-root";

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
// The baseline the issue sets: the provider's package root, loaded in a child process only. The
// project itself never imports it (eslint forbids it), so the name is assembled here.
const PROVIDER_ROOT = ["@cdktf", "provider-aws"].join("/");

const fmt = (s: { wallMs: number; cpuMs: number; peakRssMb: number }) =>
  `median ${s.wallMs.toFixed(0).padStart(5)} ms wall ${s.cpuMs.toFixed(0).padStart(5)} ms CPU   peak RSS ${s.peakRssMb.toFixed(0)} MB`;
const verdict = (value: number, target: number) => `target <= ${target} ${value <= target ? "MET" : "MISSED"}`;

export async function run(): Promise<void> {
  const root = projectRoot();
  const out = mkdtempSync(join(tmpdir(), "bench-synth-"));
  const env = { CDKTF_OUTDIR: join(out, "cdktf.out"), LIVESTREAM_QUIET_BUILD: "1" };
  const app = join(root, "tooling", "synth-app.js");
  const npmSynth = () => sampleCommand("npm", ["run", "--silent", "--prefix", root, "synth"], env);
  // A new modification time is an edit as far as any build tool can tell; the content stays as it is.
  const touchSource = () => {
    const now = new Date();
    utimesSync(join(root, "main.ts"), now, now);
  };
  sampleNode([app], env); // a fresh bundle and its code cache before the first sample
  const runApp = `require(${JSON.stringify(app)}).runBundle()`;
  const [appAlone, unchanged, afterEdit, rootImport, unpatched] = interleave(RUNS, [
    () => sampleNode(["-e", runApp], env),
    () => npmSynth(),
    () => {
      touchSource();
      return npmSynth();
    },
    () => sampleNode(["-e", `require(${JSON.stringify(PROVIDER_ROOT)})`]),
    () => sampleNode(["-e", runApp], { ...env, LIVESTREAM_CDKTF_SPEEDUPS: "off" }),
  ]);
  rmSync(out, { recursive: true, force: true });

  const a = summary(appAlone);
  const u = summary(unchanged);
  const e = summary(afterEdit);
  const r = summary(rootImport);
  const o = summary(unpatched);
  console.log(`synth app alone (bundle + code cache)   ${fmt(a)}   (${RUNS} runs each, interleaved)`);
  console.log(`npm run synth, unchanged tree           ${fmt(u)}`);
  console.log(`npm run synth, after a source edit      ${fmt(e)}`);
  console.log(`require("${PROVIDER_ROOT}")          ${fmt(r)}`);
  console.log(`app alone, cdktf speed patches off      ${fmt(o)}`);
  console.log(`unchanged / app alone                   ${(u.wallMs / a.wallMs).toFixed(2)}x   ${verdict(u.wallMs / a.wallMs, 1.5)}`);
  console.log(`after edit / app alone                  ${(e.wallMs / a.wallMs).toFixed(2)}x   ${verdict(e.wallMs / a.wallMs, 4)}`);
  console.log(`app / root import, wall                 ${(a.wallMs / r.wallMs).toFixed(3)}   ${verdict(a.wallMs / r.wallMs, 0.25)}`);
  console.log(`app / root import, CPU                  ${(a.cpuMs / r.cpuMs).toFixed(3)}`);
  console.log(`app peak RSS                            ${a.peakRssMb.toFixed(0)} MB   ${verdict(a.peakRssMb, 150)}`);
  console.log(`cdktf speed patches save                ${(o.wallMs - a.wallMs).toFixed(0)} ms wall (${((1 - a.wallMs / o.wallMs) * 100).toFixed(0)} %), ${(o.cpuMs - a.cpuMs).toFixed(0)} ms CPU`);
}

if (require.main === module) void run();
