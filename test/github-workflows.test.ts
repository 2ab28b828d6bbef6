/**
 * The GitHub Actions workflows, parsed: every action pinned by full commit SHA, least-privilege
 * permissions, AWS only through OIDC (no stored keys), and the ops image pushed by commit SHA and
 * recorded by digest without triggering itself again.
 */
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { AWS_PROVIDER_VERSION, TERRAFORM_VERSION } from "../contracts/terraform";

type Step = { uses?: string; run?: string; with?: Record<string, unknown>; env?: Record<string, string>; id?: string };
type Job = { permissions?: Record<string, string> | string; steps: Step[]; environment?: unknown; needs?: string; strategy?: unknown };
type Workflow = { on: Record<string, unknown>; permissions?: unknown; jobs: Record<string, Job> };

const dir = join(__dirname, "..", ".github", "workflows");
const files = readdirSync(dir).filter((f) => /\.ya?ml$/.test(f)).sort();
const text = (file: string) => readFileSync(join(dir, file), "utf8");
const workflow = (file: string) => parse(text(file)) as Workflow;
const steps = (file: string) => Object.values(workflow(file).jobs).flatMap((j) => j.steps);
const action = (file: string, name: string) => steps(file).find((s) => s.uses?.startsWith(`${name}@`));

test("there are the CI and the ops-image workflows", () => {
  expect(files).toEqual(["ci.yml", "ops-image.yml"]);
});

describe.each(files)("%s", (file) => {
  test("every action is pinned by a full commit SHA, its release named in a comment", () => {
    const uses = text(file)
      .split("\n")
      .filter((line) => /^\s*-?\s*uses:/.test(line));
    expect(uses.length).toBeGreaterThan(0);
    for (const line of uses) expect(line).toMatch(/uses: [\w.-]+\/[\w./-]+@[0-9a-f]{40} # v\d+(\.\d+)*$/);
  });

  test("no permissions by default; each job asks for its own, none for write-all", () => {
    const wf = workflow(file);
    expect(wf.permissions).toEqual({});
    for (const [name, job] of Object.entries(wf.jobs)) {
      expect([name, typeof job.permissions]).toEqual([name, "object"]);
      expect(JSON.stringify(job.permissions)).not.toMatch(/write-all|read-all/);
    }
  });

  test("no long-lived credentials: no secrets but the run's own token, no AWS keys", () => {
    const raw = text(file);
    expect(raw.match(/secrets\.\w+/g) ?? []).toEqual([]);
    expect(raw).not.toMatch(/aws-access-key-id|aws-secret-access-key|AWS_ACCESS_KEY_ID|AWS_SECRET_ACCESS_KEY|AWS_SESSION_TOKEN/);
    for (const step of steps(file).filter((s) => s.uses?.startsWith("aws-actions/configure-aws-credentials@"))) {
      expect(Object.keys(step.with ?? {}).sort()).toEqual(["aws-region", "role-session-name", "role-to-assume"]);
    }
  });
});

test("ci: lint, test and synth on every pull request and on main, read-only, with the pinned Terraform and provider", () => {
  const wf = workflow("ci.yml");
  expect(Object.keys(wf.on).sort()).toEqual(["pull_request", "push"]);
  expect(wf.on.pull_request).toBeNull();
  expect(wf.jobs.check.permissions).toEqual({ contents: "read" });
  const runs = wf.jobs.check.steps.map((s) => s.run ?? "");
  for (const command of ["npm run lint", "npm test", "npm run synth"]) expect(runs).toContain(command);
  expect(action("ci.yml", "actions/checkout")!.with).toEqual({ "persist-credentials": false });
  expect(action("ci.yml", "hashicorp/setup-terraform")!.with!.terraform_version).toBe(TERRAFORM_VERSION);
  expect(runs.join("\n")).toContain(`version = "${AWS_PROVIDER_VERSION}"`);
});

describe("ops-image", () => {
  const wf = workflow("ops-image.yml");
  const publish = wf.jobs.publish;

  test("runs on main (and by hand), never on pull requests, and not for the config files its own pull requests change", () => {
    expect(Object.keys(wf.on).sort()).toEqual(["push", "workflow_dispatch"]);
    const push = wf.on.push as { branches: string[]; paths: string[] };
    expect(push.branches).toEqual(["main"]);
    for (const path of ["Dockerfile", "cli/**", "package-lock.json", "deploy/ops-image/**", "db/**"]) expect(push.paths).toContain(path);
    expect(push.paths.filter((p) => p.startsWith("config/") && !p.endsWith("*.ts"))).toEqual([]);
  });

  test("only the publish job holds an OIDC token and write access, and it runs outside any GitHub environment", () => {
    expect(publish.permissions).toEqual({ contents: "write", "pull-requests": "write", "id-token": "write" });
    expect(wf.jobs.targets.permissions).toEqual({ contents: "read" });
    // An environment would make the token's sub repo:...:environment:<env>, which the role does not trust.
    expect(publish.environment).toBeUndefined();
    const creds = action("ops-image.yml", "aws-actions/configure-aws-credentials")!;
    expect(creds.with!["role-to-assume"]).toBe("${{ matrix.target.roleArn }}");
  });

  test("builds linux/amd64, pushes the commit SHA as the only tag, and records the pushed digest", () => {
    const build = action("ops-image.yml", "docker/build-push-action")!;
    expect(build.with).toMatchObject({ platforms: "linux/amd64", push: true, file: "Dockerfile", provenance: false });
    expect(build.with!.tags).toBe("${{ matrix.target.registry }}/${{ matrix.target.repository }}:${{ github.sha }}");
    expect(JSON.stringify(wf)).not.toMatch(/:latest/);
    const record = publish.steps.find((s) => s.run?.includes("record-image.js"))!;
    expect(record.env!.IMAGE).toBe("${{ matrix.target.registry }}/${{ matrix.target.repository }}@${{ steps.build.outputs.digest }}");
    const pr = publish.steps.find((s) => s.run?.includes("gh pr create"))!;
    expect(pr.run).toMatch(/git add "config\/environments\/\$ENVIRONMENT\.json"/);
    expect(pr.env!.GH_TOKEN).toBe("${{ github.token }}");
  });
});
