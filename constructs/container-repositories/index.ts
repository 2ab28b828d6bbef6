import { Construct } from "constructs";
import { EcrLifecyclePolicy } from "@cdktf/provider-aws/lib/ecr-lifecycle-policy";
import { EcrRepository } from "@cdktf/provider-aws/lib/ecr-repository";

export interface ContainerRepositoriesProps {
  /** Repository names, e.g. `mentee-service`; one private ECR repository each. */
  readonly repositoryNames: readonly string[];
  /**
   * Refuse to overwrite a pushed tag: a deployed tag then always means the same image.
   * @default true
   */
  readonly immutableTags?: boolean;
  /** How many images each repository keeps; older ones expire. @default 30 */
  readonly keepImages?: number;
}

const REPOSITORY_NAME = /^[a-z0-9]+(?:[._-][a-z0-9]+)*(?:\/[a-z0-9]+(?:[._-][a-z0-9]+)*)*$/;

/**
 * Private ECR repositories for the platform's images (the three services and the ops CLI): scanned
 * on push, encrypted with KMS, expiring old images. They live in the bootstrap stack because images
 * must be pushed before the platform stack can start its services.
 */
export class ContainerRepositories extends Construct {
  /** Repository URL by name, for `docker push`. */
  readonly repositoryUrls: Record<string, string> = {};

  constructor(scope: Construct, id: string, props: ContainerRepositoriesProps) {
    super(scope, id);
    const keep = props.keepImages ?? 30;
    if (!Number.isInteger(keep) || keep < 1) {
      throw new Error(`ContainerRepositories ${this.node.path}: keepImages must be a positive whole number, got ${keep}`);
    }
    const bad = props.repositoryNames.filter((n) => !REPOSITORY_NAME.test(n));
    if (bad.length) throw new Error(`ContainerRepositories ${this.node.path}: repositoryNames has invalid ECR names: ${bad.join(", ")}`);
    const names = [...new Set(props.repositoryNames)].sort();

    for (const name of names) {
      const id = name.replace(/[^a-z0-9-]/g, "-");
      const repository = new EcrRepository(this, id, {
        name,
        imageTagMutability: props.immutableTags ?? true ? "IMMUTABLE" : "MUTABLE",
        imageScanningConfiguration: { scanOnPush: true },
        encryptionConfiguration: [{ encryptionType: "KMS" }],
      });
      new EcrLifecyclePolicy(this, `${id}-lifecycle`, {
        repository: repository.name,
        policy: JSON.stringify({
          rules: [
            {
              rulePriority: 1,
              description: `keep the newest ${keep} images`,
              selection: { tagStatus: "any", countType: "imageCountMoreThan", countNumber: keep },
              action: { type: "expire" },
            },
          ],
        }),
      });
      this.repositoryUrls[name] = repository.repositoryUrl;
    }
  }
}
