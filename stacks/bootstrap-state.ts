import { join, relative, resolve } from "node:path";
import { projectRoot } from "../lib/project-root";

/**
 * Where a bootstrap stack keeps its Terraform state: `bootstrap-state/<stack>.tfstate` in the project
 * (gitignored), or under LIVESTREAM_BOOTSTRAP_STATE_DIR. Never inside cdktf.out: every synth rewrites
 * that folder, and a synth of one environment deleted the other environment's state with it.
 * The bucket cannot hold the state of the stack that creates it, so this state stays local; keep a
 * copy in the bucket after each apply (docs/operations.md, "Bootstrap").
 */
export function bootstrapStateDir(): string {
  return resolve(process.env.LIVESTREAM_BOOTSTRAP_STATE_DIR ?? join(projectRoot(__dirname), "bootstrap-state"));
}

/**
 * The local backend's `path`, relative to the folder Terraform runs in (`<outdir>/stacks/<stack>`),
 * so the synthesized JSON names no machine-specific absolute path when the outdir is in the project.
 */
export function bootstrapStatePath(outdir: string, stackName: string): string {
  return relative(resolve(outdir, "stacks", stackName), join(bootstrapStateDir(), `${stackName}.tfstate`));
}
