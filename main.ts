/**
 * cdktf app entry (`cdktf.json` runs the compiled dist/main.js: no type-checking on synth).
 *
 * Environment:
 *   LIVESTREAM_OFFLINE=1        local state backend and no AWS calls before planning (CI, laptops)
 *   LIVESTREAM_ENVIRONMENTS=a,b only these environments (default: every config/environments/*.json)
 *   LIVESTREAM_CONFIG_DIR=dir   read environment files from dir
 *   CDKTF_OUTDIR                output folder (set by cdktf-cli; default cdktf.out)
 */
import { ConfigError, loadAllEnvironments } from "./config/load";
import type { EnvironmentConfig } from "./config/schema";
import { buildPlatformApp } from "./stacks/app";

function main(): number {
  let environments: EnvironmentConfig[];
  try {
    environments = loadAllEnvironments();
    const only = process.env.LIVESTREAM_ENVIRONMENTS?.split(",").map((s) => s.trim()).filter(Boolean);
    if (only?.length) {
      const unknown = only.filter((e) => !environments.some((c) => c.name === e));
      if (unknown.length) {
        throw new ConfigError(`LIVESTREAM_ENVIRONMENTS names unknown environment(s): ${unknown.join(", ")} (known: ${environments.map((c) => c.name).join(", ")})`);
      }
      environments = environments.filter((c) => only.includes(c.name));
    }
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`synth stopped, nothing written: ${err.message}\n`);
      return 2;
    }
    throw err;
  }
  const offline = ["1", "true", "yes"].includes((process.env.LIVESTREAM_OFFLINE ?? "").toLowerCase());
  const app = buildPlatformApp({ environments, offline, outdir: process.env.CDKTF_OUTDIR });
  app.synth();
  return 0;
}

process.exitCode = main();
