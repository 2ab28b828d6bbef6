import { join } from "node:path";
import { App, TerraformStack } from "cdktf";
import { applyPolicyPack, livestreamPolicyPack } from "../policies";
import type { EnvironmentConfig } from "../config/schema";
import { LivestreamStack, stackName } from "./livestream-stack";
import { BootstrapStack, bootstrapStackName } from "./bootstrap-stack";

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
  for (const config of options.environments) {
    new LivestreamStack(app, stackName(config.name), { config, offline: options.offline });
    const createStateBucket = !stateBuckets.has(config.state.bucket);
    stateBuckets.add(config.state.bucket);
    new BootstrapStack(app, bootstrapStackName(config.name), { config, offline: options.offline, createStateBucket });
  }
  const pack = livestreamPolicyPack({ mode: options.policy ?? "enforce", reportFile: join(outdir, "policy-report.json") });
  applyPolicyPack(app.node.children.filter(TerraformStack.isStack), pack);
  return app;
}
