/**
 * cdktf app entry. `npm run synth` and `cdktf.json` run tooling/synth-app.js, which bundles this file
 * with esbuild when any of its sources changed (dist/synth/synth.js) and runs the bundle with its V8
 * code cache: no type-checking and one precompiled file on every synth (`npm run bench` measures it).
 *
 * Environment:
 *   LIVESTREAM_OFFLINE=1        local state backend and no AWS calls before planning (CI, laptops)
 *   LIVESTREAM_ENVIRONMENTS=a,b only these environments (default: every config/environments/*.json)
 *   LIVESTREAM_CONFIG_DIR=dir   read environment files from dir
 *   CDKTF_OUTDIR                output folder (set by cdktf-cli; default cdktf.out)
 *   LIVESTREAM_DEBUG=1          print the stack of a failed synth
 *   LIVESTREAM_TOKEN_TRACES=1   keep cdktf's token creation traces (slower; for token errors)
 *   LIVESTREAM_CDKTF_SPEEDUPS=off  synth without the cdktf speed patches (lib/cdktf-speedups.ts)
 */
import { ConfigError, loadAllEnvironments } from "./config/load";
import { describeReservedValues, findReservedValues } from "./config/reserved-values";
import type { EnvironmentConfig } from "./config/schema";
import { TerraformStack } from "cdktf";
import { skipPreparingResolve, skipTokenCreationTraces } from "./lib/cdktf-speedups";
import { buildPlatformApp } from "./stacks/app";
import { synthesizeAtomically } from "./stacks/synth-output";

/**
 * The committed environments are examples (example.com zones, documentation CIDRs, placeholder
 * account ids): they must keep synthesizing, so synth only warns; `ops preflight` refuses them.
 */
function warnAboutReservedValues(environments: readonly EnvironmentConfig[]): void {
  for (const config of environments) {
    const found = findReservedValues(config);
    if (!found.length) continue;
    process.stderr.write(
      `warning: environment '${config.name}' uses ${found.length} reserved example value(s); replace them before deploying (\`ops preflight --environment ${config.name}\` fails until then):\n` +
        describeReservedValues(found).map((line) => `  - ${line}\n`).join(""),
    );
  }
}

function main(): number {
  let environments: EnvironmentConfig[];
  let selected: EnvironmentConfig[];
  try {
    environments = loadAllEnvironments();
    selected = environments;
    const only = process.env.LIVESTREAM_ENVIRONMENTS?.split(",").map((s) => s.trim()).filter(Boolean);
    if (only?.length) {
      const unknown = only.filter((e) => !environments.some((c) => c.name === e));
      if (unknown.length) {
        throw new ConfigError(`LIVESTREAM_ENVIRONMENTS names unknown environment(s): ${unknown.join(", ")} (known: ${environments.map((c) => c.name).join(", ")})`);
      }
      selected = environments.filter((c) => only.includes(c.name));
    }
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`synth stopped, nothing written: ${err.message}\n`);
      return 2;
    }
    throw err;
  }
  warnAboutReservedValues(selected);
  const offline = ["1", "true", "yes"].includes((process.env.LIVESTREAM_OFFLINE ?? "").toLowerCase());
  const outdir = process.env.CDKTF_OUTDIR ?? "cdktf.out";
  skipTokenCreationTraces();
  skipPreparingResolve(TerraformStack);
  const started = Date.now();
  let stacks: string[];
  try {
    // Every environment counts for what they share (the first creates a shared state bucket or OIDC
    // provider), so a stack synthesized alone is the stack synthesized among the others.
    stacks = synthesizeAtomically(outdir, (dir) => buildPlatformApp({ environments, only: selected.map((c) => c.name), offline, outdir: dir }));
  } catch (err) {
    // Invalid construct props and policy violations: the message says what and where.
    process.stderr.write(`synth failed, ${outdir} left as it was:\n${(err as Error).message}\n`);
    if (process.env.LIVESTREAM_DEBUG === "1") process.stderr.write(`${(err as Error).stack}\n`);
    return 1;
  }
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  process.stdout.write(`synthesized ${stacks.length} stack(s)${offline ? " for offline plans" : ""} into ${outdir} in ${seconds} s: ${stacks.join(", ")}\n`);
  return 0;
}

process.exitCode = main();
