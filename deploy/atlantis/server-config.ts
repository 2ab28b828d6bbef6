/**
 * Builds the server-side repo config (docs/atlantis/repos.yaml, passed to `atlantis server
 * --repo-config`). Everything a pull request must not be able to change lives here, because
 * Atlantis reads atlantis.yaml from the pull request's own branch:
 *
 * - Gates: `apply_requirements` and `import_requirements` [approved, mergeable] for every project,
 *   with `allowed_overrides: []` and `allow_custom_workflows: false`, so a repo config that sets
 *   requirements, picks a workflow or defines one fails validation instead of loosening the gate
 *   (server/core/config/valid/global_cfg.go: ValidateRepoCfg, MergeProjectCfg). `undiverged` is not
 *   used: it only works with the merge checkout strategy (server/events/working_dir.go, HasDiverged;
 *   docs "Command Requirements"); plans are made from the branch head, and GitHub's "require branches
 *   to be up to date" makes a branch that is behind unmergeable (mergeable_state "behind").
 * - The workflow: first a guard that refuses any project but the generated ones (an unconfigured
 *   `-d` dir runs with an empty $PROJECT_NAME), then an `env` step per project choosing the AWS
 *   profile of its environment (docs "Custom Workflows": env steps, run-step variables).
 * - Before every apply, `ops deploy check-plan` on the saved plan (APPLY_CHECK_COMMAND).
 * - Hooks (docs "Pre Workflow Hooks" / "Post Workflow Hooks": the `commands` filter): synth before
 *   every command that reads the stacks, the base branch's forecast before plans, and the cost
 *   comment after plans.
 */
import { TERRAFORM_VERSION } from "../../contracts/terraform";
import { TO_ROOT, WORKFLOW, projectDir } from "./layout";

export interface ServerConfigOptions {
  /** GitHub repository (owner/name) this server runs. */
  readonly githubRepository: string;
  /** Atlantis projects the workflow may run (livestream-<env>), from the synthesized S3-backed stacks. */
  readonly projects: readonly string[];
}

/** Requirements for every command that changes state; the same for every project (see above). */
export const GATES = ["approved", "mergeable"] as const;

/** Commands whose workflow reads the synthesized stacks (Atlantis names: server/events/command/name.go). */
export const SYNTH_COMMANDS = ["plan", "apply", "import", "state"] as const;

/** The project's environment, exported to later steps by an `env` step. */
const ENVIRONMENT_VAR = "LIVESTREAM_ENVIRONMENT";

/** Refuses anything but a generated project in its own folder: unconfigured dirs and bootstrap stacks never run. */
export function guardStep(projects: readonly string[]): string {
  const allowed = projects.map((p) => `${p}:${projectDir(p)}`).join("|");
  return (
    `case "$PROJECT_NAME:$REPO_REL_DIR" in ${allowed}) ;; ` +
    `*) echo "refused: project '$PROJECT_NAME' in '$REPO_REL_DIR' is not one this server runs (${projects.join(", ")}); bootstrap stacks are applied by hand" >&2; exit 1 ;; esac`
  );
}

/** Shell (sh) that prints a project's environment (its name without `livestream-`) and its AWS profile (layout.ts awsProfileOf). */
export const ENVIRONMENT_COMMAND = 'echo "${PROJECT_NAME#livestream-}"';
export const AWS_PROFILE_COMMAND = 'echo "livestream-${PROJECT_NAME#livestream-}"';

/** The steps every stage starts with: the guard, then the environment and its AWS profile (one account each). */
function prelude(projects: readonly string[]): unknown[] {
  return [
    { run: guardStep(projects) },
    { env: { name: ENVIRONMENT_VAR, command: ENVIRONMENT_COMMAND } },
    { env: { name: "AWS_PROFILE", command: AWS_PROFILE_COMMAND } },
  ];
}

const ops = (args: string) => `node ${TO_ROOT}/dist/cli/main.js ${args}`;

/**
 * Before `apply`: the saved plan as JSON, then `ops deploy check-plan` on it, which refuses (exit 5)
 * a plan that would interrupt a live channel or whose budget limits start in another month. Atlantis
 * gives run steps PLANFILE (the saved plan) and SHOWFILE (where its JSON belongs), and puts the
 * project's Terraform on PATH as terraform<version>; a step that exits non-zero stops the stage, so
 * Terraform applies nothing (docs "Custom Workflows"; server/core/runtime/run_step_runner.go).
 */
export const APPLY_CHECK_COMMAND = `terraform$ATLANTIS_TERRAFORM_VERSION show -json "$PLANFILE" > "$SHOWFILE" && ${ops('deploy check-plan --plan "$SHOWFILE"')}`;

export function atlantisServerConfig(options: ServerConfigOptions): Record<string, unknown> {
  const projects = [...options.projects].sort();
  if (!projects.length) throw new Error("atlantisServerConfig: no projects to run");
  const bad = projects.filter((p) => !/^livestream-[a-z][a-z0-9-]{1,15}$/.test(p) || /^livestream-bootstrap-/.test(p));
  if (bad.length) throw new Error(`atlantisServerConfig: not platform projects: ${bad.join(", ")}`);
  const start = prelude(projects);
  return {
    repos: [
      {
        id: `github.com/${options.githubRepository}`,
        workflow: WORKFLOW,
        allowed_overrides: [],
        allow_custom_workflows: false,
        apply_requirements: [...GATES],
        import_requirements: [...GATES],
        delete_source_branch_on_merge: true,
        pre_workflow_hooks: [
          {
            // cdktf.out is not committed: build and synthesize before Atlantis reads atlantis.yaml.
            run: "npm ci --no-audit --no-fund --ignore-scripts && npm run synth",
            description: "cdktf synth",
            commands: SYNTH_COMMANDS.join(", "),
          },
          {
            run: "node dist/deploy/atlantis/cost-baseline.js || true",
            description: "forecast of the base branch",
            commands: "plan",
          },
        ],
        post_workflow_hooks: [
          {
            run: "node dist/deploy/atlantis/cost-comment.js || true",
            description: "cost comment",
            commands: "plan",
          },
        ],
      },
    ],
    workflows: {
      [WORKFLOW]: {
        plan: {
          steps: [
            ...start,
            { run: ops(`preflight --environment "$${ENVIRONMENT_VAR}"`) },
            { init: { extra_args: ["-input=false"] } },
            { plan: { extra_args: ["-input=false"] } },
            // Its own PR comment (post-workflow hook), so nothing here: hidden, and it never fails the plan.
            { run: { command: `node ${TO_ROOT}/dist/deploy/atlantis/cost-report.js || true`, output: "hide" } },
          ],
        },
        apply: { steps: [...start, { run: APPLY_CHECK_COMMAND }, "apply"] },
        import: { steps: [...start, { init: { extra_args: ["-input=false"] } }, "import"] },
        state_rm: { steps: [...start, { init: { extra_args: ["-input=false"] } }, "state_rm"] },
      },
    },
  };
}

/** `atlantis server` flags the configuration relies on (docs "Server Configuration"). */
export function serverFlags(githubRepository: string): string[] {
  return [
    "--repo-config=repos.yaml",
    `--repo-allowlist=github.com/${githubRepository}`,
    // A failed synth must stop the command, not plan stale or missing stacks.
    "--fail-on-pre-workflow-hook-error",
    // The default `branch` strategy: plans are made from the PR head (up to date with main by branch protection).
    "--checkout-strategy=branch",
    // No comment on pull requests that touch no project.
    "--silence-no-projects",
    // import is gated by import_requirements; `state rm` has no requirement in Atlantis, so it stays off.
    "--allow-commands=version,plan,apply,unlock,import",
    `--default-tf-version=v${TERRAFORM_VERSION}`,
    "--hide-prev-plan-comments",
  ];
}
