/**
 * Builds Atlantis's repo-level config (atlantis.yaml, version 3) from the synthesized stacks: one
 * project per stack that keeps its state in S3. Stacks with local state (the bootstrap stacks) are
 * applied once by hand and never by Atlantis (the server-side workflow refuses any other project).
 *
 * The repo config holds only what a pull request may decide: which projects exist, when they
 * autoplan and which Terraform runs them. Gates (apply/import requirements) and the workflow live in
 * the server-side config (./server-config.ts), which allows no overrides: Atlantis rejects a repo
 * config that sets `apply_requirements` or `workflow` or defines workflows unless the server lists
 * them in `allowed_overrides` / `allow_custom_workflows` (server/core/config/valid/global_cfg.go,
 * ValidateRepoCfg).
 */
import { TERRAFORM_VERSION } from "../../contracts/terraform";
import { TO_ROOT } from "./layout";

export interface SynthesizedStack {
  /** Stack name, e.g. livestream-dev. */
  readonly name: string;
  /** Folder of the stack's Terraform, relative to the repository root. */
  readonly dir: string;
  /** Backend type from the stack's metadata (s3, local, ...). */
  readonly backend: string;
}

/**
 * Every input of the synth and of the plan workflow, relative to the repository root: a change to
 * any of them can change a stack's plan, its preflight or its cost comment. (cdktf.out is git-ignored,
 * so synthesized *.tf.json never appear in a pull request.)
 */
export const SYNTH_INPUTS = [
  "main.ts",
  ...["lib", "contracts", "config", "stacks", "constructs", "policies", "cost-model", "lambda", "tooling", "db", "cli", "deploy"].map((dir) => `${dir}/**/*.ts`),
  // The synth app itself is plain JavaScript (it runs before anything is compiled).
  "tooling/*.js",
  "config/**/*.json",
  "cost-model/**/*.json",
  "cost-model/**/*.csv",
  "lambda/**/*",
  "db/migrations/*.sql",
  "package.json",
  "package-lock.json",
  "tsconfig.json",
  "cdktf.json",
];

export function atlantisRepoConfig(stacks: readonly SynthesizedStack[]): Record<string, unknown> {
  const managed = stacks.filter((s) => s.backend === "s3").sort((a, b) => a.name.localeCompare(b.name));
  return {
    version: 3,
    automerge: false,
    // One plan at a time: parallel `terraform init` runs race on Atlantis's shared plugin cache
    // ("text file busy" / checksum errors: runatlantis/atlantis issues #2242, #5364, #5984).
    parallel_plan: false,
    parallel_apply: false,
    projects: managed.map((stack) => ({
      name: stack.name,
      dir: stack.dir,
      terraform_version: TERRAFORM_VERSION,
      autoplan: { enabled: true, when_modified: SYNTH_INPUTS.map((p) => `${TO_ROOT}/${p}`) },
    })),
  };
}
