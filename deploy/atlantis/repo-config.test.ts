import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { atlantisRepoConfig } from "./repo-config";
import { renderAtlantisYaml, synthesizedStacks } from "./generate";

type Project = { name: string; dir: string; workflow: string; apply_requirements: string[]; autoplan: { when_modified: string[] } };

describe("atlantisRepoConfig", () => {
  const config = atlantisRepoConfig([
    { name: "livestream-prod", dir: "cdktf.out/stacks/livestream-prod", backend: "s3" },
    { name: "livestream-dev", dir: "cdktf.out/stacks/livestream-dev", backend: "s3" },
    { name: "livestream-bootstrap-dev", dir: "cdktf.out/stacks/livestream-bootstrap-dev", backend: "local" },
  ]);
  const projects = config.projects as Project[];

  test("one project per S3-backed stack, sorted; local-state stacks are left to a person", () => {
    expect(projects.map((p) => p.name)).toEqual(["livestream-dev", "livestream-prod"]);
    expect(projects.map((p) => p.dir)).toEqual(["cdktf.out/stacks/livestream-dev", "cdktf.out/stacks/livestream-prod"]);
  });

  test("prod applies only after approval; every project uses the cdktf workflow", () => {
    expect(projects.find((p) => p.name === "livestream-prod")!.apply_requirements).toContain("approved");
    expect(projects.find((p) => p.name === "livestream-dev")!.apply_requirements).not.toContain("approved");
    expect(new Set(projects.map((p) => p.workflow))).toEqual(new Set(["cdktf"]));
  });

  test("a change to the TypeScript or the configuration re-plans the stack", () => {
    const watched = projects[0].autoplan.when_modified;
    expect(watched).toEqual(expect.arrayContaining(["../../../constructs/**/*.ts", "../../../config/**/*"]));
  });

  test("the plan workflow posts the environment's cost forecast as markdown", () => {
    const steps = JSON.stringify((config.workflows as Record<string, unknown>).cdktf);
    expect(steps).toMatch(/forecast --format markdown --environment/);
  });
});

test("the committed atlantis.yaml matches the stacks the app synthesizes (run `npm run atlantis`)", () => {
  const committed = readFileSync(join(__dirname, "../../atlantis.yaml"), "utf8");
  const rendered = renderAtlantisYaml(synthesizedStacks(join(__dirname, "../../dist/tooling/synth-loader.js")));
  expect(parse(committed)).toEqual(parse(rendered));
  expect(committed).toBe(rendered);
});

test("`npm run atlantis -- --check` says so when atlantis.yaml is up to date (built entry)", () => {
  const r = spawnSync(process.execPath, [join(__dirname, "..", "..", "dist", "deploy", "atlantis", "generate.js"), "--check"], { encoding: "utf8", timeout: 300_000 });
  expect(r.stderr).toBe("");
  expect(r.status).toBe(0);
  expect(r.stdout).toBe("atlantis.yaml is up to date with the stacks\n");
});
