import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { TERRAFORM_REQUIRED_VERSION } from "../contracts";
import { loadAllEnvironments, parseEnvironment } from "../config/load";
import { publishTargets } from "../deploy/ops-image/targets";
import { buildPlatformApp } from "./app";

type StackJson = { terraform: { required_version?: string }; resource?: Record<string, Record<string, Record<string, unknown>>> };

const outdir = mkdtempSync(join(tmpdir(), "bootstrap-stack-"));
const [dev, prod] = loadAllEnvironments(join(__dirname, "..", "config", "environments"));
// A third environment in dev's account: the account's GitHub OIDC provider exists once.
const stagingRaw = JSON.parse(JSON.stringify(dev));
stagingRaw.name = "staging";
stagingRaw.reconcile.image = stagingRaw.reconcile.image.replace("livestream-dev-ops", "livestream-staging-ops");
const staging = parseEnvironment("staging", stagingRaw);
const environments = [dev, prod, staging];

beforeAll(() => buildPlatformApp({ environments, offline: true, outdir, policy: "report" }).synth());
afterAll(() => rmSync(outdir, { recursive: true, force: true }));

const stack = (name: string) => JSON.parse(readFileSync(join(outdir, "stacks", name, "cdk.tf.json"), "utf8")) as StackJson;

test("every stack states the Terraform release of contracts/terraform.ts", () => {
  for (const env of ["dev", "prod", "staging"]) {
    for (const name of [`livestream-${env}`, `livestream-bootstrap-${env}`]) expect([name, stack(name).terraform.required_version]).toEqual([name, TERRAFORM_REQUIRED_VERSION]);
  }
});

test("each bootstrap stack has the publisher role the ops-image workflow assumes; one OIDC provider per account", () => {
  const targets = publishTargets(environments);
  for (const target of targets) {
    const resources = stack(`livestream-bootstrap-${target.environment}`).resource!;
    const roles = Object.values(resources.aws_iam_role ?? {});
    expect(roles.map((r) => `arn:aws:iam::${target.roleArn.split(":")[4]}:role/${r.name}`)).toEqual([target.roleArn]);
    const push = JSON.parse(String(Object.values(resources.aws_iam_role_policy)[0].policy));
    expect(push.Statement[1].Resource).toBe(`arn:aws:ecr:${target.region}:${target.roleArn.split(":")[4]}:repository/${target.repository}`);
  }
  const providers = (env: string) => Object.keys(stack(`livestream-bootstrap-${env}`).resource!.aws_iam_openid_connect_provider ?? {}).length;
  expect([providers("dev"), providers("prod"), providers("staging")]).toEqual([1, 1, 0]);
});
