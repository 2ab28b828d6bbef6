import { App, LocalBackend, TerraformOutput, TerraformStack } from "cdktf";
import type { Construct } from "constructs";
import type { EnvironmentConfig } from "../config/schema";
import { ContainerRepositories } from "../constructs/container-repositories";
import { StateBucket } from "../constructs/state-bucket";
import { bootstrapStatePath } from "./bootstrap-state";
import { ownRepositories } from "./images";
import { platformProvider } from "./provider";

export interface BootstrapStackProps {
  /** The environment whose prerequisites this stack creates (its account, region, bucket, images). */
  readonly config: EnvironmentConfig;
  /** Plan offline (see LivestreamStack). @default false */
  readonly offline?: boolean;
  /**
   * Create the state bucket; false when an earlier environment's bootstrap stack owns the same bucket.
   * @default true
   */
  readonly createStateBucket?: boolean;
}

/** Bootstrap stack name for an environment: `livestream-bootstrap-<env>`. */
export const bootstrapStackName = (env: string) => `livestream-bootstrap-${env}`;

/**
 * What must exist before an environment's platform stack can be applied: the S3 bucket holding its
 * Terraform state and the ECR repositories its images are pushed to. Applied once, by hand (its own
 * state stays local, in bootstrap-state/ outside cdktf.out: the bucket cannot hold the state that
 * creates it); Atlantis never runs it.
 */
export class BootstrapStack extends TerraformStack {
  constructor(scope: Construct, id: string, props: BootstrapStackProps) {
    super(scope, id);
    const { config } = props;
    const offline = props.offline ?? false;
    platformProvider(this, "aws", config, { offline });
    // Offline plans start from an empty state beside the stack; real state lives outside cdktf.out.
    new LocalBackend(this, { path: offline ? "terraform.tfstate" : bootstrapStatePath(App.of(this).outdir, id) });

    if (props.createStateBucket ?? true) {
      const stateRegion = config.state.region ?? config.region;
      const provider =
        stateRegion === config.region ? undefined : platformProvider(this, "aws-state", config, { offline, region: stateRegion, alias: "state" });
      const bucket = new StateBucket(this, "state-bucket", { bucketName: config.state.bucket, provider });
      new TerraformOutput(this, "state_bucket", { value: bucket.bucketName, description: "Holds the platform stack's state (S3 backend)" });
    }

    const repositories = new ContainerRepositories(this, "container-repositories", {
      repositoryNames: ownRepositories(config),
      // prod deploys pinned tags; dev pushes moving tags such as `latest`.
      immutableTags: config.tier === "prod",
    });
    new TerraformOutput(this, "repository_urls", { value: repositories.repositoryUrls, description: "docker push targets for the services and the ops task" });
  }
}
