import { LocalBackend, S3Backend, TerraformStack } from "cdktf";
import type { Construct } from "constructs";
import type { EnvironmentConfig } from "../config/schema";
import { platformProvider } from "./provider";

export interface LivestreamStackProps {
  /** The validated configuration of the environment this stack deploys. */
  readonly config: EnvironmentConfig;
  /**
   * Plan without AWS: a local state backend and a provider that asks AWS nothing before planning.
   * @default false (S3 state with lock files; the provider checks credentials and the account id)
   */
  readonly offline?: boolean;
}

/** Stack name for an environment: `livestream-<env>`. */
export const stackName = (env: string) => `livestream-${env}`;

/**
 * One environment of the platform. Plans from an empty state on its own: it reads no other stack's
 * state and calls no data source that needs AWS.
 */
export class LivestreamStack extends TerraformStack {
  readonly config: EnvironmentConfig;

  constructor(scope: Construct, id: string, props: LivestreamStackProps) {
    super(scope, id);
    const { config } = props;
    this.config = config;
    const offline = props.offline ?? false;

    platformProvider(this, "aws", config, { offline });

    if (offline) {
      new LocalBackend(this, { path: "terraform.tfstate" });
    } else {
      const backend = new S3Backend(this, {
        bucket: config.state.bucket,
        key: `livestream/${config.name}/terraform.tfstate`,
        region: config.state.region ?? config.region,
        encrypt: true,
      });
      // Native S3 lock files (Terraform >= 1.10): no DynamoDB table to run.
      backend.addOverride("use_lockfile", true);
    }
  }
}
