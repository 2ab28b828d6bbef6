import { LocalBackend, S3Backend, type TerraformStack } from "cdktf";
import type { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import type { EnvironmentConfig } from "../../config/schema";
import { PlatformKey } from "../../constructs/encryption";
import { OpsAlerts } from "../../constructs/observability";
import { platformProvider } from "../provider";

/** What every area of the platform is built with. */
export interface Platform {
  /** The stack the areas add their constructs to (construct ids are Terraform addresses: keep them). */
  readonly stack: TerraformStack;
  readonly config: EnvironmentConfig;
  /** `livestream-<env>`: the prefix of every resource name. */
  readonly namePrefix: string;
  /** The customer-managed key that encrypts the platform's data at rest. */
  readonly kmsKeyArn: string;
  /** The ops alert topic every alarm and the budget notify. */
  readonly alarmTopicArn: string;
  /** AWS provider aliased to us-east-1 (CloudFront certificates, DNSSEC keys, Route 53 query logs). */
  readonly usEast1Provider: AwsProvider;
}

/**
 * The providers, the state backend, the platform key and the ops alert topic: what the other areas
 * need before they build anything.
 */
export function buildFoundation(stack: TerraformStack, config: EnvironmentConfig, namePrefix: string, offline: boolean): Platform {
  platformProvider(stack, "aws", config, { offline });
  if (offline) {
    new LocalBackend(stack, { path: "terraform.tfstate" });
  } else {
    const backend = new S3Backend(stack, {
      bucket: config.state.bucket,
      key: `livestream/${config.name}/terraform.tfstate`,
      region: config.state.region ?? config.region,
      encrypt: true,
    });
    // Native S3 lock files (Terraform >= 1.10): no DynamoDB table to run.
    backend.addOverride("use_lockfile", true);
  }
  const usEast1Provider = platformProvider(stack, "aws-us-east-1", config, { offline, region: "us-east-1", alias: "us-east-1" });

  // One customer-managed key encrypts the platform's data at rest.
  const key = new PlatformKey(stack, "platform-key", { namePrefix, accountId: config.accountId, region: config.region });
  // Alarms and budgets publish here; on-call reads it by e-mail.
  const alerts = new OpsAlerts(stack, "ops-alerts", { namePrefix, kmsKeyArn: key.arn, accountId: config.accountId, emails: [config.alarms.email] });

  return { stack, config, namePrefix, kmsKeyArn: key.arn, alarmTopicArn: alerts.topicArn, usEast1Provider };
}
