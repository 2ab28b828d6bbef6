import { App, LocalBackend, TerraformOutput, TerraformStack } from "cdktf";
import type { Construct } from "constructs";
import type { EnvironmentConfig } from "../config/schema";
import { ContainerRepositories } from "../constructs/container-repositories";
import { StateBucket } from "../constructs/state-bucket";
import { ImagePublisher } from "../constructs/image-publisher";
import { bootstrapStatePath } from "./bootstrap-state";
import { opsImagePublisherRoleName, opsRepositoryName, ownRepositories } from "./images";
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
  /** Create the account's GitHub OIDC provider; false when an earlier environment in the account did. @default true */
  readonly createOidcProvider?: boolean;
}

export { bootstrapStackName } from "../contracts/stacks";

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
      const bucket = new StateBucket(this, "state-bucket", { bucketName: config.state.bucket, provider, accountId: config.accountId, region: stateRegion });
      new TerraformOutput(this, "state_bucket", { value: bucket.bucketName, description: "Holds the platform stack's state (S3 backend)" });
      new TerraformOutput(this, "state_audit_trail", { value: bucket.auditTrailName, description: "CloudTrail trail recording every state read and write" });
    }

    const repositories = new ContainerRepositories(this, "container-repositories", {
      repositoryNames: ownRepositories(config),
      // prod deploys pinned tags; dev pushes moving tags such as `latest`.
      immutableTags: config.tier === "prod",
    });
    new TerraformOutput(this, "repository_urls", { value: repositories.repositoryUrls, description: "docker push targets for the services and the ops task" });

    // The ops-image workflow (on the configured repository's main branch) pushes here through OIDC.
    const opsRepository = opsRepositoryName(config);
    if (config.imagePipeline && opsRepository) {
      const publisher = new ImagePublisher(this, "ops-image-publisher", {
        accountId: config.accountId,
        region: config.region,
        githubRepository: config.imagePipeline.githubRepository,
        branch: config.imagePipeline.branch,
        repositoryName: opsRepository,
        roleName: opsImagePublisherRoleName(config.name),
        createOidcProvider: props.createOidcProvider,
      });
      new TerraformOutput(this, "ops_image_publisher_role_arn", { value: publisher.roleArn, description: "Role the ops-image workflow assumes to push" });
    }
  }
}
