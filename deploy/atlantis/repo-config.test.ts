import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { buildSync } from "esbuild";
import { parse } from "yaml";
import { TERRAFORM_VERSION } from "../../contracts/terraform";
import { loadAllEnvironments } from "../../config/load";
import { atlantisRepoConfig, SYNTH_INPUTS } from "./repo-config";
import { APPLY_CHECK_COMMAND, AWS_PROFILE_COMMAND, ENVIRONMENT_COMMAND, atlantisServerConfig, guardStep } from "./server-config";
import { githubRepositoryOf, renderAtlantisYaml, renderServerYaml, synthesizedStacks } from "./generate";
import { awsProfileOf } from "./layout";
import { builtEntry } from "../../test/support/built";

type Project = { name: string; dir: string; terraform_version: string; autoplan: { when_modified: string[] } } & Record<string, unknown>;
type Step = string | Record<string, unknown>;
type Hook = { run: string; commands: string };
type ServerRepo = Record<string, unknown> & { pre_workflow_hooks: Hook[]; post_workflow_hooks: Hook[] };

const root = join(__dirname, "..", "..");
const stacks = [
  { name: "livestream-prod", dir: "cdktf.out/stacks/livestream-prod", backend: "s3" },
  { name: "livestream-dev", dir: "cdktf.out/stacks/livestream-dev", backend: "s3" },
  { name: "livestream-bootstrap-dev", dir: "cdktf.out/stacks/livestream-bootstrap-dev", backend: "local" },
];
const repoConfig = atlantisRepoConfig(stacks);
const projects = repoConfig.projects as Project[];
const server = atlantisServerConfig({ githubRepository: "acme/livestream-platform", projects: ["livestream-dev", "livestream-prod"] });
const serverRepo = (server.repos as ServerRepo[])[0];
const workflow = (server.workflows as Record<string, Record<string, { steps: Step[] }>>)[serverRepo.workflow as string];

/**
 * Atlantis's own rules for a repo config against the server config (server/core/config/valid/
 * global_cfg.go, v0.47): ValidateRepoCfg refuses keys the server does not allow, MergeProjectCfg
 * takes the server's requirements unless `apply_requirements` is an allowed override.
 */
function atlantisAccepts(repoCfg: Record<string, unknown>, serverCfg: ServerRepo): { error?: string; applyRequirements?: Record<string, string[]> } {
  const allowed = (serverCfg.allowed_overrides as string[] | undefined) ?? [];
  const custom = (serverCfg.allow_custom_workflows as boolean | undefined) ?? false;
  const projs = (repoCfg.projects as Record<string, unknown>[]) ?? [];
  for (const key of ["workflow", "apply_requirements", "plan_requirements", "import_requirements", "delete_source_branch_on_merge"]) {
    if (projs.some((p) => p[key] !== undefined) && !allowed.includes(key)) return { error: `repo config not allowed to set '${key}' key` };
  }
  if (repoCfg.workflows && Object.keys(repoCfg.workflows as object).length && !custom) return { error: "repo config not allowed to define custom workflows" };
  const applyRequirements = Object.fromEntries(
    projs.map((p) => [p.name as string, allowed.includes("apply_requirements") && p.apply_requirements ? (p.apply_requirements as string[]) : (serverCfg.apply_requirements as string[])]),
  );
  return { applyRequirements };
}

describe("atlantis.yaml (read from the pull request)", () => {
  test("one project per S3-backed stack, sorted; local-state (bootstrap) stacks are left to a person", () => {
    expect(projects.map((p) => p.name)).toEqual(["livestream-dev", "livestream-prod"]);
    expect(projects.map((p) => p.dir)).toEqual(["cdktf.out/stacks/livestream-dev", "cdktf.out/stacks/livestream-prod"]);
  });

  test("holds no gate and no workflow: those are server-side only", () => {
    for (const p of projects) {
      for (const key of ["apply_requirements", "plan_requirements", "import_requirements", "workflow"]) expect(p).not.toHaveProperty(key);
    }
    expect(repoConfig).not.toHaveProperty("workflows");
  });

  test("every project pins the exact Terraform release of contracts/terraform.ts; plans run one at a time", () => {
    expect(TERRAFORM_VERSION).toMatch(/^\d+\.\d+\.\d+$/);
    expect(projects.map((p) => p.terraform_version)).toEqual([TERRAFORM_VERSION, TERRAFORM_VERSION]);
    expect(repoConfig.parallel_plan).toBe(false);
    expect(repoConfig.parallel_apply).toBe(false);
  });

  test("when_modified covers every file the synth bundles, its data files and its build inputs; never *.tf.json", () => {
    const patterns = projects[0].autoplan.when_modified;
    expect(patterns.every((p) => p.startsWith("../../../"))).toBe(true);
    expect(patterns.some((p) => p.endsWith(".tf.json"))).toBe(false);
    const matchers = SYNTH_INPUTS.map(globToRegExp);
    const covered = (file: string) => matchers.some((m) => m.test(file));
    // What esbuild bundles into dist/synth.js (the app the pre-workflow hook synthesizes).
    const bundle = buildSync({ entryPoints: [join(root, "main.ts")], bundle: true, platform: "node", write: false, metafile: true, packages: "external", logLevel: "silent" });
    const inputs = Object.keys(bundle.metafile!.inputs);
    expect(inputs.length).toBeGreaterThan(50);
    expect(inputs.filter((f) => !covered(f))).toEqual([]);
    // Read at synth or by the plan workflow, not imported.
    for (const file of ["config/environments/prod.json", "db/migrations/001_live_sessions.sql", "lambda/recording-indexer/handler.ts", "cost-model/catalogs/ap-southeast-1.json", "cli/main.ts", "deploy/atlantis/cost-report.ts", "package.json", "package-lock.json", "tsconfig.json", "cdktf.json", "lib/project-root.ts", "tooling/synth-app.js", "tooling/synth-bundle.js"]) {
      expect([file, covered(file)]).toEqual([file, true]);
    }
  });
});

describe("repos.yaml (server side)", () => {
  test("approval and mergeability gate every apply and import; nothing is overridable from the repository", () => {
    expect(serverRepo.apply_requirements).toEqual(["approved", "mergeable"]);
    expect(serverRepo.import_requirements).toEqual(["approved", "mergeable"]);
    expect(serverRepo.allowed_overrides).toEqual([]);
    expect(serverRepo.allow_custom_workflows).toBe(false);
    // undiverged only works with the merge checkout strategy (working_dir.go HasDiverged): not promised.
    expect(JSON.stringify(server)).not.toMatch(/undiverged/);
  });

  test("a pull request cannot lower the prod gate: Atlantis refuses the override, the merged gate stays the server's", () => {
    const generated = atlantisAccepts(repoConfig, serverRepo);
    expect(generated.error).toBeUndefined();
    expect(generated.applyRequirements).toEqual({ "livestream-dev": ["approved", "mergeable"], "livestream-prod": ["approved", "mergeable"] });
    const lowered = structuredClone(repoConfig) as { projects: Record<string, unknown>[] };
    lowered.projects[1].apply_requirements = [];
    expect(atlantisAccepts(lowered, serverRepo).error).toMatch(/not allowed to set 'apply_requirements'/);
    const ownWorkflow = { ...structuredClone(repoConfig), workflows: { yolo: { plan: { steps: [{ run: "terraform apply -auto-approve" }] } } } };
    expect(atlantisAccepts(ownWorkflow, serverRepo).error).toMatch(/custom workflows/);
    const pickWorkflow = structuredClone(repoConfig) as { projects: Record<string, unknown>[] };
    pickWorkflow.projects[1].workflow = "default";
    expect(atlantisAccepts(pickWorkflow, serverRepo).error).toMatch(/'workflow'/);
  });

  test("every stage starts with the project guard and the environment's AWS profile, before any Terraform step", () => {
    expect(Object.keys(workflow).sort()).toEqual(["apply", "import", "plan", "state_rm"]);
    for (const [stage, { steps }] of Object.entries(workflow)) {
      expect([stage, steps[0]]).toEqual([stage, { run: guardStep(["livestream-dev", "livestream-prod"]) }]);
      expect([stage, steps[1], steps[2]]).toEqual([stage, { env: { name: "LIVESTREAM_ENVIRONMENT", command: ENVIRONMENT_COMMAND } }, { env: { name: "AWS_PROFILE", command: AWS_PROFILE_COMMAND } }]);
    }
  });

  test("the guard admits only generated projects in their own folder: no unconfigured dir, no bootstrap stack", () => {
    const guard = (PROJECT_NAME: string, REPO_REL_DIR: string) => spawnSync("sh", ["-c", guardStep(["livestream-dev", "livestream-prod"])], { env: { PROJECT_NAME, REPO_REL_DIR }, encoding: "utf8" });
    expect(guard("livestream-dev", "cdktf.out/stacks/livestream-dev").status).toBe(0);
    expect(guard("livestream-prod", "cdktf.out/stacks/livestream-prod").status).toBe(0);
    for (const [name, dir] of [["", "cdktf.out/stacks/livestream-bootstrap-prod"], ["livestream-bootstrap-dev", "cdktf.out/stacks/livestream-bootstrap-dev"], ["livestream-prod", "cdktf.out/stacks/livestream-bootstrap-prod"], ["", "cdktf.out/stacks/livestream-prod"]]) {
      const r = guard(name, dir);
      expect([name, dir, r.status]).toEqual([name, dir, 1]);
      expect(r.stderr).toMatch(/refused/);
    }
  });

  test("the env steps give each project its own environment and AWS profile (one account each)", () => {
    for (const env of ["dev", "prod"]) {
      const sh = (command: string) => spawnSync("sh", ["-c", command], { env: { PROJECT_NAME: `livestream-${env}` }, encoding: "utf8" }).stdout.trim();
      expect(sh(ENVIRONMENT_COMMAND)).toBe(env);
      expect(sh(AWS_PROFILE_COMMAND)).toBe(awsProfileOf(env));
    }
  });

  test("plan: preflight before init, then plan, then the cost report, hidden and never failing", () => {
    const steps = workflow.plan.steps.map((s) => JSON.stringify(s));
    const at = (re: RegExp) => steps.findIndex((s) => re.test(s));
    expect(at(/main\.js preflight --environment \\"\$LIVESTREAM_ENVIRONMENT\\"/)).toBe(3);
    expect(at(/"init"/)).toBe(4);
    expect(at(/"plan"/)).toBe(5);
    expect(workflow.plan.steps[6]).toEqual({ run: { command: "node ../../../dist/deploy/atlantis/cost-report.js || true", output: "hide" } });
  });

  test("apply: the saved plan goes through `ops deploy check-plan` right before `apply`, with the project's own Terraform", () => {
    expect(workflow.apply.steps.slice(3)).toEqual([
      { run: 'terraform$ATLANTIS_TERRAFORM_VERSION show -json "$PLANFILE" > "$SHOWFILE" && node ../../../dist/cli/main.js deploy check-plan --plan "$SHOWFILE"' },
      "apply",
    ]);
    expect(workflow.apply.steps[3]).toEqual({ run: APPLY_CHECK_COMMAND });
  });

  test("hooks: synth before every command that reads the stacks; baseline before and cost comment after plans, never failing", () => {
    const [synth, baseline] = serverRepo.pre_workflow_hooks;
    expect(synth.commands.split(",").map((c) => c.trim())).toEqual(["plan", "apply", "import", "state"]);
    expect(synth.run).toMatch(/npm ci .*--ignore-scripts && npm run synth/);
    expect(baseline).toMatchObject({ commands: "plan", run: "node dist/deploy/atlantis/cost-baseline.js || true" });
    expect(serverRepo.post_workflow_hooks).toEqual([expect.objectContaining({ commands: "plan", run: "node dist/deploy/atlantis/cost-comment.js || true" })]);
  });

  test("refuses bootstrap stacks and no projects at generation time", () => {
    expect(() => atlantisServerConfig({ githubRepository: "a/b", projects: ["livestream-bootstrap-dev"] })).toThrow(/not platform projects/);
    expect(() => atlantisServerConfig({ githubRepository: "a/b", projects: [] })).toThrow(/no projects/);
    expect(() => githubRepositoryOf(["a/b", "c/d"])).toThrow(/same imagePipeline.githubRepository/);
  });
});

test("the committed atlantis.yaml and docs/atlantis/repos.yaml match the stacks the app synthesizes (run `npm run atlantis`)", () => {
  const synthesized = synthesizedStacks(join(root, "tooling/synth-app.js"));
  const repository = githubRepositoryOf(loadAllEnvironments().map((c) => c.imagePipeline?.githubRepository));
  expect(readFileSync(join(root, "atlantis.yaml"), "utf8")).toBe(renderAtlantisYaml(synthesized));
  const committedServer = readFileSync(join(root, "docs/atlantis/repos.yaml"), "utf8");
  expect(parse(committedServer).repos[0].id).toBe(`github.com/${repository}`);
  expect(committedServer).toBe(renderServerYaml(synthesized, repository));
});

/** Atlantis-style when_modified glob (`**` spans folders, `*` stays within one) as a RegExp over repo paths. */
function globToRegExp(glob: string): RegExp {
  let re = "";
  for (let i = 0; i < glob.length; i++) {
    if (glob.startsWith("**/", i)) {
      re += "(?:.*/)?";
      i += 2;
    } else if (glob[i] === "*") re += "[^/]*";
    else re += glob[i].replace(/[.+?^${}()|[\]\\]/g, "\\$&");
  }
  return new RegExp(`^${re}$`);
}

test("`npm run atlantis -- --check` says so when both files are up to date (built entry)", () => {
  const r = spawnSync(process.execPath, [builtEntry("deploy/atlantis/generate.js"), "--check"], { encoding: "utf8", timeout: 300_000 });
  expect(r.stderr).toBe("");
  expect(r.status).toBe(0);
  expect(r.stdout).toBe("atlantis.yaml and docs/atlantis/repos.yaml are up to date with the stacks\n");
});
