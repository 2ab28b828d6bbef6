/**
 * buildPlatformApp: what environments share (a state bucket, an account's GitHub OIDC provider) is
 * created by the first environment only, also when only some environments are built
 * (LIVESTREAM_ENVIRONMENTS=prod must not make prod create dev's bucket).
 */
import { TerraformStack } from "cdktf";
import { loadEnvironment } from "../config/load";
import type { EnvironmentConfig } from "../config/schema";
import { buildPlatformApp } from "./app";

type Resources = Record<string, Record<string, unknown>>;
const resourcesOf = (stack: TerraformStack) => ((stack.toTerraform() as { resource?: Resources }).resource ?? {}) as Resources;

function sharingPair(): EnvironmentConfig[] {
  const dev = loadEnvironment("dev");
  const prod = loadEnvironment("prod");
  // One account and one state bucket for both: the first environment owns them.
  return [dev, { ...prod, accountId: dev.accountId, state: { ...prod.state, bucket: dev.state.bucket } }];
}

function bootstrapOf(only?: string[]) {
  const app = buildPlatformApp({ environments: sharingPair(), only, offline: true, policy: "report", outdir: "/tmp/app-test-unused" });
  const stacks = app.node.children.filter(TerraformStack.isStack);
  return Object.fromEntries(stacks.map((s) => [s.node.id, s]));
}

test("a shared state bucket and OIDC provider are created by the first environment's bootstrap stack only", () => {
  const stacks = bootstrapOf();
  expect(Object.keys(stacks).sort()).toEqual(["livestream-bootstrap-dev", "livestream-bootstrap-prod", "livestream-dev", "livestream-prod"]);
  expect(Object.keys(resourcesOf(stacks["livestream-bootstrap-dev"]!).aws_s3_bucket ?? {}).length).toBeGreaterThan(0);
  expect(resourcesOf(stacks["livestream-bootstrap-prod"]!).aws_s3_bucket).toBeUndefined();
  expect(resourcesOf(stacks["livestream-bootstrap-dev"]!).aws_iam_openid_connect_provider).toBeDefined();
  expect(resourcesOf(stacks["livestream-bootstrap-prod"]!).aws_iam_openid_connect_provider).toBeUndefined();
});

test("building one environment alone gives it the stacks it gets among the others", () => {
  const alone = bootstrapOf(["prod"]);
  expect(Object.keys(alone).sort()).toEqual(["livestream-bootstrap-prod", "livestream-prod"]);
  expect(resourcesOf(alone["livestream-bootstrap-prod"]!).aws_s3_bucket).toBeUndefined();
  expect(resourcesOf(alone["livestream-bootstrap-prod"]!).aws_iam_openid_connect_provider).toBeUndefined();
});
