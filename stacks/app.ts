import { join } from "node:path";
import { App, TerraformStack } from "cdktf";
import { TERRAFORM_REQUIRED_VERSION } from "../contracts";
import { applyPolicyPack, livestreamPolicyPack } from "../policies";
import type { EnvironmentConfig } from "../config/schema";
import { LivestreamStack, stackName } from "./livestream-stack";
import { BootstrapStack, bootstrapStackName } from "./bootstrap-stack";
import { opsRepositoryName } from "./images";

export interface PlatformAppOptions {
  /** Validated environments; one stack each. */
  readonly environments: readonly EnvironmentConfig[];
  /** Synthesize for offline plans (local backend, no AWS calls before planning). @default false */
  readonly offline?: boolean;
  /** Output folder. @default "cdktf.out" */
  readonly outdir?: string;
  /**
   * Policy pack mode: `enforce` fails synth on unsuppressed error-level violations, `report` only
   * records them (the `npm run policy` report). Either way the report is written to <outdir>/policy-report.json.
   * @default "enforce"
   */
  readonly policy?: "enforce" | "report";
  /**
   * Build only these environments' stacks. Every environment still counts for what environments
   * share (the first of those sharing a state bucket or an account creates the bucket or the OIDC
   * provider), so one environment built alone synthesizes as it does among the others.
   * @default every environment
   */
  readonly only?: readonly string[];
}

/**
 * Builds the cdktf app: per environment a LivestreamStack and a BootstrapStack (state bucket and
 * ECR repositories; environments sharing a bucket let the first create it). Nothing is written
 * until synth().
 */
export function buildPlatformApp(options: PlatformAppOptions): App {
  const outdir = options.outdir ?? "cdktf.out";
  const app = new App({ outdir, skipValidation: false });
  const stateBuckets = new Set<string>();
  const oidcAccounts = new Set<string>();
  for (const config of options.environments) {
    const createStateBucket = !stateBuckets.has(config.state.bucket);
    stateBuckets.add(config.state.bucket);
    // One GitHub OIDC provider per account: the first environment's bootstrap stack creates it.
    const createOidcProvider = !oidcAccounts.has(config.accountId);
    if (config.imagePipeline && opsRepositoryName(config)) oidcAccounts.add(config.accountId);
    if (options.only && !options.only.includes(config.name)) continue;
    new LivestreamStack(app, stackName(config.name), { config, offline: options.offline });
    new BootstrapStack(app, bootstrapStackName(config.name), { config, offline: options.offline, createStateBucket, createOidcProvider });
  }
  const stacks = app.node.children.filter(TerraformStack.isStack);
  // Every stack states the Terraform it is planned with (contracts/terraform.ts; Atlantis pins the same release).
  for (const stack of stacks) stack.addOverride("terraform.required_version", TERRAFORM_REQUIRED_VERSION);
  const pack = livestreamPolicyPack({ mode: options.policy ?? "enforce", reportFile: join(outdir, "policy-report.json") });
  applyPolicyPack(stacks, pack);
  return app;
}
