import type { Construct } from "constructs";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import type { EnvironmentConfig } from "../config/schema";
import { ENVIRONMENT_TAG, MANAGED_BY_TAG } from "../contracts/tags";

export interface PlatformProviderOptions {
  /** Plan offline: ask AWS nothing before planning (dummy credentials are enough). */
  readonly offline: boolean;
  /** Region override (e.g. us-east-1 for CloudFront certificates). @default config.region */
  readonly region?: string;
  /** Provider alias for a second region. @default none (the stack's default provider) */
  readonly alias?: string;
}

/**
 * The AWS provider every stack uses: default tags on every resource, and outside offline mode a
 * guard that refuses to touch any account but the environment's own.
 */
export function platformProvider(scope: Construct, id: string, config: EnvironmentConfig, options: PlatformProviderOptions): AwsProvider {
  return new AwsProvider(scope, id, {
    region: options.region ?? config.region,
    alias: options.alias,
    defaultTags: [{ tags: { [ENVIRONMENT_TAG]: config.name, [MANAGED_BY_TAG]: "cdktf", ...config.tags } }],
    ...(options.offline
      ? { skipCredentialsValidation: true, skipRequestingAccountId: true, skipMetadataApiCheck: "true" }
      : { allowedAccountIds: [config.accountId] }),
  });
}
