/**
 * The generated apply-stage step as Atlantis runs it (`sh -c` in the project folder, PLANFILE,
 * SHOWFILE, ATLANTIS_TERRAFORM_VERSION and terraform<version> on PATH): a real saved plan from real
 * Terraform (offline, local provider mirror, a prior state that holds an input attached to a channel),
 * real `terraform show -json`, the compiled `ops` and the real SDK against the MediaLive fake. The
 * step fails while the channel is on air, so Atlantis never reaches `apply`; it passes once it is idle.
 */
import { execFileSync, spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { delimiter, dirname, join } from "node:path";
import { offlineTerraformEnv } from "../../lib/terraform-offline";
import { startFakeAws, type FakeAws } from "../../test/fakes/aws";
import { builtEntry } from "../../test/support/built";
import { terraform } from "../../test/support/terraform";
import { APPLY_CHECK_COMMAND } from "./server-config";
import { TO_ROOT, projectDir } from "./layout";

const CHANNEL = "3456789";
const INPUT = "7654321";
/** Budget limits from the month the test runs in (UTC): AWS's rule, so this part passes. */
const thisMonth = new Date().toISOString().slice(0, 7);

const config = `
terraform {
  required_providers {
    aws = { source = "hashicorp/aws", version = "5.100.0" }
  }
}
provider "aws" {
  region                      = "ap-southeast-1"
  skip_credentials_validation = true
  skip_requesting_account_id  = true
  skip_metadata_api_check     = true
}
resource "aws_medialive_input" "pool_input-0" {
  name                  = "livestream-dev-ch0-push"
  type                  = "RTMP_PUSH"
  input_security_groups = ["1234567"]
  destinations { stream_name = "live/initial-${CHANNEL}" }
  tags = { "livestream:pool" = "dev" }
}
resource "aws_budgets_budget" "budget" {
  name        = "livestream-dev-monthly-cost"
  budget_type = "COST"
  time_unit   = "MONTHLY"
  planned_limit {
    start_time = "${thisMonth}-01_00:00"
    amount     = "1200.00"
    unit       = "USD"
  }
}
`;

/** The input as it is: attached to the channel, named differently (so the plan updates it in place). */
const priorState = {
  version: 4,
  terraform_version: "1.11.0",
  serial: 1,
  lineage: "0f1c6a1e-0000-4000-8000-000000000001",
  outputs: {},
  resources: [
    {
      mode: "managed",
      type: "aws_medialive_input",
      name: "pool_input-0",
      provider: 'provider["registry.terraform.io/hashicorp/aws"]',
      instances: [
        {
          schema_version: 0,
          attributes: {
            id: INPUT,
            arn: `arn:aws:medialive:ap-southeast-1:111111111111:input:${INPUT}`,
            attached_channels: [CHANNEL],
            name: "livestream-dev-ch0-rtmp",
            type: "RTMP_PUSH",
            input_class: "SINGLE_PIPELINE",
            input_partner_ids: [],
            input_security_groups: ["1234567"],
            input_source_type: "STATIC",
            destinations: [{ stream_name: `live/initial-${CHANNEL}` }],
            tags: { "livestream:pool": "dev" },
            tags_all: { "livestream:pool": "dev" },
            timeouts: null,
          },
        },
      ],
    },
  ],
};

let aws: FakeAws;
let projectFolder: string;
let binDir: string;
let terraformVersion: string;

beforeAll(async () => {
  // The repository layout Atlantis sees: the project three levels below the root, which holds dist/.
  const root = mkdtempSync(join(tmpdir(), "apply-check-"));
  symlinkSync(dirname(dirname(builtEntry("cli/main.js"))), join(root, "dist"));
  projectFolder = join(root, projectDir("livestream-dev"));
  expect(join(projectFolder, TO_ROOT)).toBe(root);
  mkdirSync(projectFolder, { recursive: true });
  writeFileSync(join(projectFolder, "main.tf"), config);
  writeFileSync(join(projectFolder, "terraform.tfstate"), JSON.stringify(priorState));
  for (const args of [["init", "-input=false"], ["plan", "-input=false", "-lock=false", "-refresh=false", "-out=default.tfplan"]]) {
    const r = await terraform(projectFolder, args);
    if (r.status !== 0) throw new Error(`terraform ${args[0]} failed:\n${r.stderr}\n${r.stdout}`);
  }
  // Atlantis puts each Terraform release on PATH as terraform<version>.
  terraformVersion = (JSON.parse(execFileSync("terraform", ["version", "-json"], { env: offlineTerraformEnv(), encoding: "utf8" })) as { terraform_version: string }).terraform_version;
  binDir = mkdtempSync(join(tmpdir(), "atlantis-bin-"));
  symlinkSync(execFileSync("sh", ["-c", "command -v terraform"], { encoding: "utf8" }).trim(), join(binDir, `terraform${terraformVersion}`));
}, 300_000);

beforeEach(async () => {
  aws = await startFakeAws({ startMs: 0, stopMs: 0 });
  aws.medialive.addChannel({ id: CHANNEL, inputId: INPUT, tags: { "livestream:pool": "dev" } });
});
afterEach(async () => {
  await aws.close();
});

/** Runs the generated step like Atlantis's RunStepRunner: sh -c in the project folder, its variables. */
function runApplyCheck(): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    const child = spawn("sh", ["-c", APPLY_CHECK_COMMAND], {
      cwd: projectFolder,
      env: {
        ...offlineTerraformEnv(),
        ...aws.env,
        PATH: `${process.env.PATH}${delimiter}${binDir}`,
        AWS_EC2_METADATA_DISABLED: "true",
        ATLANTIS_TERRAFORM_VERSION: terraformVersion,
        DIR: projectFolder,
        PLANFILE: join(projectFolder, "default.tfplan"),
        SHOWFILE: join(projectFolder, "default.json"),
        PROJECT_NAME: "livestream-dev",
      },
    });
    let output = "";
    child.stdout.on("data", (d) => (output += d));
    child.stderr.on("data", (d) => (output += d));
    child.on("close", (code) => resolve({ code: code ?? -1, output }));
  });
}

test("the step stops the apply while the input's channel is on air, and lets it through once the channel is idle", async () => {
  aws.medialive.setState(CHANNEL, "RUNNING");
  const refused = await runApplyCheck();
  expect(refused.code).toBe(5);
  expect(refused.output).toMatch(/aws_medialive_input\.pool_input-0 \[update\]: UpdateInput \(name\): MediaLive refuses it while the attached channel is not idle/);
  expect(refused.output).toMatch(/3456789 {2}RUNNING +REFUSED/);
  expect(refused.output).toMatch(/error: apply refused: it would interrupt channel 3456789 \(RUNNING\)/);
  // Real `terraform show -json` wrote the document Atlantis keeps in SHOWFILE.
  const shown = JSON.parse(readFileSync(join(projectFolder, "default.json"), "utf8"));
  expect(shown.resource_changes.map((c: { address: string; change: { actions: string[] } }) => [c.address, c.change.actions])).toEqual([
    ["aws_budgets_budget.budget", ["create"]],
    ["aws_medialive_input.pool_input-0", ["update"]],
  ]);
  expect(aws.medialive.calls.map((c) => c.operation)).toEqual(["DescribeInput", "DescribeChannel"]);

  aws.medialive.setState(CHANNEL, "IDLE");
  const passed = await runApplyCheck();
  expect(passed.output).toMatch(new RegExp(`budget aws_budgets_budget\\.budget: planned limits from ${thisMonth}, current month ${thisMonth} \\(UTC\\): ok`));
  expect(passed.output).toMatch(/^safe to apply$/m);
  expect(passed.code).toBe(0);
});

test("a plan file Terraform cannot read stops the step before the check", async () => {
  const r = await new Promise<number>((resolve) => {
    const child = spawn("sh", ["-c", APPLY_CHECK_COMMAND], {
      cwd: projectFolder,
      env: { ...offlineTerraformEnv(), ...aws.env, PATH: `${process.env.PATH}${delimiter}${binDir}`, ATLANTIS_TERRAFORM_VERSION: terraformVersion, PLANFILE: join(projectFolder, "missing.tfplan"), SHOWFILE: join(projectFolder, "missing.json") },
      stdio: "ignore",
    });
    child.on("close", (code) => resolve(code ?? -1));
  });
  expect(r).not.toBe(0);
  expect(aws.medialive.calls).toEqual([]);
});
