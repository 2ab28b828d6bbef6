/**
 * Builds Atlantis's repo-level config (atlantis.yaml, version 3) from the synthesized stacks: one
 * project per stack that keeps its state in S3. Stacks with local state (the state bootstrap) are
 * applied once by hand and never by Atlantis.
 */

export interface SynthesizedStack {
  /** Stack name, e.g. livestream-dev. */
  readonly name: string;
  /** Folder of the stack's Terraform, relative to the repository root. */
  readonly dir: string;
  /** Backend type from the stack's metadata (s3, local, ...). */
  readonly backend: string;
}

/** Paths whose change re-plans a stack, relative to the stack's folder (three levels down). */
const SOURCES = ["main.ts", "config/**/*", "stacks/**/*.ts", "constructs/**/*.ts", "policies/**/*.ts", "lambda/**/*.ts", "cost-model/**/*", "package-lock.json"];

export const WORKFLOW = "cdktf";

export function atlantisRepoConfig(stacks: readonly SynthesizedStack[]): Record<string, unknown> {
  const managed = stacks.filter((s) => s.backend === "s3").sort((a, b) => a.name.localeCompare(b.name));
  return {
    version: 3,
    automerge: false,
    parallel_plan: true,
    parallel_apply: false,
    projects: managed.map((stack) => {
      const environment = stack.name.replace(/^livestream-/, "");
      return {
        name: stack.name,
        dir: stack.dir,
        workflow: WORKFLOW,
        autoplan: { enabled: true, when_modified: ["*.tf.json", ...SOURCES.map((p) => `../../../${p}`)] },
        // Production changes need a second pair of eyes and a green branch.
        apply_requirements: environment === "prod" ? ["approved", "mergeable", "undiverged"] : ["mergeable", "undiverged"],
      };
    }),
    workflows: {
      [WORKFLOW]: {
        plan: {
          steps: [
            { init: { extra_args: ["-input=false"] } },
            { plan: { extra_args: ["-input=false"] } },
            // The cost of the environment for the reviewer, as a markdown comment under the plan.
            { run: 'node ../../../dist/cli/main.js forecast --format markdown --environment "${PROJECT_NAME#livestream-}"' },
          ],
        },
        apply: { steps: ["apply"] },
      },
    },
  };
}
