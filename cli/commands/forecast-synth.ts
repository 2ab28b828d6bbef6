/**
 * The synthesized Terraform of an environment's stack for `ops forecast --environment`: either read
 * from a synth folder (`--synth-dir cdktf.out`, e.g. the base branch's) or synthesized here, in
 * process, from the current sources and config into a temporary folder (about a second: cdktf and the
 * provider's resource modules load, one stack synthesizes offline). The forecast then reads it as
 * Infracost reads a plan (cost-model/stack-deployment.ts).
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { UsageError } from "../errors";
import type { EnvironmentConfig } from "../../config/schema";

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

/** Stack name of an environment (stacks/livestream-stack.ts stackName, without loading cdktf). */
export const livestreamStackName = (env: string): string => `livestream-${env}`;

/** Reads `<dir>/stacks/livestream-<env>/cdk.tf.json` (dir is a cdktf.out folder). */
export function readSynthDir(dir: string, env: string, flag = "--synth-dir"): StackJson {
  const started = Date.now();
  const stack = livestreamStackName(env);
  const candidates = [join(dir, "stacks", stack, "cdk.tf.json"), join(dir, stack, "cdk.tf.json"), join(dir, "cdk.tf.json")];
  const file = candidates.find((f) => existsSync(f));
  if (!file) throw new UsageError(`${flag} ${dir}: no synthesized stack ${stack} (looked for ${candidates.join(", ")})`, "point it at a cdktf.out folder written by `npm run synth`");
  try {
    return { json: JSON.parse(readFileSync(file, "utf8")), stack, file, fresh: false, milliseconds: Date.now() - started };
  } catch (err) {
    throw new UsageError(`${flag} ${dir}: ${file} is not valid JSON (${(err as Error).message})`);
  }
}

/** Synthesizes the environment's LivestreamStack offline into a temporary folder and reads it. */
export function synthesizeStack(config: EnvironmentConfig): StackJson {
  const started = Date.now();
  const { App } = require("cdktf") as typeof import("cdktf");
  const { LivestreamStack } = require("../../stacks/livestream-stack") as typeof import("../../stacks/livestream-stack");
  const { skipTokenCreationTraces } = require("../../stacks/synth-output") as typeof import("../../stacks/synth-output");
  const stack = livestreamStackName(config.name);
  const outdir = mkdtempSync(join(tmpdir(), "ops-forecast-synth-"));
  const previousPrepare = Error.prepareStackTrace;
  try {
    skipTokenCreationTraces();
    const app = new App({ outdir, skipValidation: true });
    new LivestreamStack(app, stack, { config, offline: true });
    app.synth();
    const file = join(outdir, "stacks", stack, "cdk.tf.json");
    return { json: JSON.parse(readFileSync(file, "utf8")), stack, file: `synthesized now from config/environments/${config.name}.json`, fresh: true, milliseconds: Date.now() - started };
  } catch (err) {
    if (err instanceof UsageError) throw err;
    throw new UsageError(`--environment ${config.name}: the stack does not synthesize: ${(err as Error).message}`, "run `npm run synth` to see the full error");
  } finally {
    Error.prepareStackTrace = previousPrepare;
    rmSync(outdir, { recursive: true, force: true });
  }
}
