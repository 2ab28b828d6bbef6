import { mkdirSync, readdirSync, renameSync, rmSync } from "node:fs";
import { dirname, join } from "node:path";
import type { App } from "cdktf";

/**
 * Synthesizes into `<outdir>.partial-<pid>` and moves the result into place only when every stack
 * has synthesized and passed its validations (the policy pack among them), so a failed synth leaves
 * the previous output untouched instead of half of a new one. Only what synth generates is replaced
 * (manifest, reports, each stack's cdk.tf.json and assets): Terraform's own files in a stack folder
 * (.terraform/, the lock file, a local state) stay where they are. Returns the stacks written.
 */
export function synthesizeAtomically(outdir: string, build: (outdir: string) => App): string[] {
  const partial = `${outdir}.partial-${process.pid}`;
  rmSync(partial, { recursive: true, force: true });
  // cdktf creates only the output folder itself, not its parents (CDKTF_OUTDIR=/new/dir/cdktf.out).
  mkdirSync(dirname(partial), { recursive: true });
  try {
    build(partial).synth();
    const stacks = readdirSync(join(partial, "stacks")).sort();
    for (const entry of readdirSync(partial)) {
      if (entry !== "stacks") {
        replace(join(partial, entry), join(outdir, entry));
        continue;
      }
      for (const stack of readdirSync(join(partial, "stacks"))) {
        for (const file of readdirSync(join(partial, "stacks", stack))) {
          replace(join(partial, "stacks", stack, file), join(outdir, "stacks", stack, file));
        }
      }
    }
    return stacks;
  } finally {
    rmSync(partial, { recursive: true, force: true });
  }
}

function replace(from: string, to: string): void {
  rmSync(to, { recursive: true, force: true });
  mkdirSync(dirname(to), { recursive: true });
  renameSync(from, to);
}
