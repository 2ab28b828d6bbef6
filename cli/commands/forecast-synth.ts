/**
 * The synthesized Terraform of an environment's stack for `ops forecast --environment`: either read
 * from a synth folder (`--synth-dir cdktf.out`, e.g. the base branch's) or synthesized now from the
 * current sources and config into a temporary folder (about a second). The forecast then reads it as
 * Infracost reads a plan (cost-model/stack-deployment.ts).
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { UsageError } from "../errors";
import { projectRoot } from "../../lib/project-root";
import type { EnvironmentConfig } from "../../config/schema";
import { stackName } from "../../contracts/stacks";

export interface StackJson {
  /** The parsed cdk.tf.json. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- Terraform JSON is untyped
  readonly json: any;
  readonly stack: string;
  /** Where it was read from, for the report. */
  readonly file: string;
  /** Synthesized now (true) or read from a folder (false). */
  readonly fresh: boolean;
  readonly milliseconds: number;
}


/** Reads `<dir>/stacks/livestream-<env>/cdk.tf.json` (dir is a cdktf.out folder). */
export function readSynthDir(dir: string, env: string, flag = "--synth-dir"): StackJson {
  const started = Date.now();
  const stack = stackName(env);
  const candidates = [join(dir, "stacks", stack, "cdk.tf.json"), join(dir, stack, "cdk.tf.json"), join(dir, "cdk.tf.json")];
  const file = candidates.find((f) => existsSync(f));
  if (!file) throw new UsageError(`${flag} ${dir}: no synthesized stack ${stack} (looked for ${candidates.join(", ")})`, "point it at a cdktf.out folder written by `npm run synth`");
  try {
    return { json: JSON.parse(readFileSync(file, "utf8")), stack, file, fresh: false, milliseconds: Date.now() - started };
  } catch (err) {
    throw new UsageError(`${flag} ${dir}: ${file} is not valid JSON (${(err as Error).message})`);
  }
}

/**
 * Synthesizes the environment's stacks offline into a temporary folder with the project's synth app
 * (tooling/synth-app.js, the command `npm run synth` runs: it re-bundles when a source changed) and
 * reads the platform stack. A child process keeps cdktf and the provider out of the CLI (and out of
 * the ops image, which has no config/environments to price anyway).
 */
export function synthesizeStack(config: EnvironmentConfig, configDir?: string): StackJson {
  const started = Date.now();
  const app = join(projectRoot(), "tooling", "synth-app.js");
  if (!existsSync(app)) {
    throw new UsageError(`--environment ${config.name} synthesizes the stack, which needs a checkout of the repository (${app} is missing)`, "pass --synth-dir <cdktf.out> written by `npm run synth`");
  }
  const outdir = mkdtempSync(join(tmpdir(), "ops-forecast-synth-"));
  try {
    const result = spawnSync(process.execPath, [app], {
      encoding: "utf8",
      env: {
        ...process.env,
        ...(configDir !== undefined ? { LIVESTREAM_CONFIG_DIR: configDir } : {}),
        LIVESTREAM_OFFLINE: "1",
        LIVESTREAM_ENVIRONMENTS: config.name,
        CDKTF_OUTDIR: join(outdir, "cdktf.out"),
        LIVESTREAM_QUIET_BUILD: "1",
      },
    });
    if (result.status !== 0) {
      throw new UsageError(`--environment ${config.name}: the stack does not synthesize:\n${(result.stderr || result.stdout).trim()}`, "run `npm run synth` to see the full error");
    }
    const synthesized = readSynthDir(join(outdir, "cdktf.out"), config.name);
    const { environmentFile } = require("../../config/load") as typeof import("../../config/load");
    return { ...synthesized, file: `synthesized now from ${environmentFile(config.name, configDir)}`, fresh: true, milliseconds: Date.now() - started };
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}
