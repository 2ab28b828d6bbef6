import { App } from "cdktf";
import type { EnvironmentConfig } from "../config/schema";
import { LivestreamStack, stackName } from "./livestream-stack";

export interface PlatformAppOptions {
  /** Validated environments; one stack each. */
  readonly environments: readonly EnvironmentConfig[];
  /** Synthesize for offline plans (local backend, no AWS calls before planning). @default false */
  readonly offline?: boolean;
  /** Output folder. @default "cdktf.out" */
  readonly outdir?: string;
}

/** Builds the cdktf app: one LivestreamStack per environment. Nothing is written until synth(). */
export function buildPlatformApp(options: PlatformAppOptions): App {
  const app = new App({ outdir: options.outdir ?? "cdktf.out", skipValidation: false });
  for (const config of options.environments) {
    new LivestreamStack(app, stackName(config.name), { config, offline: options.offline });
  }
  return app;
}
