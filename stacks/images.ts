import type { EnvironmentConfig } from "../config/schema";
import { SERVICE_NAMES } from "../contracts";
import { ecrRepositoryArn } from "../constructs/iam-policy/image-pull";


/**
 * The image the every-minute `ops sessions reconcile` task runs: `reconcile.image`, a digest (what
 * the ops-image pipeline records) or an immutable tag, never a moving one (the schema refuses them).
 */
export function opsImage(config: EnvironmentConfig): string {
  return config.reconcile.image;
}

/** The ECR repository name of an image in the environment's own account and region, if it is one. */
function ownRepository(config: EnvironmentConfig, image: string): string | undefined {
  const own = `arn:aws:ecr:${config.region}:${config.accountId}:repository/`;
  const arn = ecrRepositoryArn(image);
  return arn?.startsWith(own) ? arn.slice(own.length) : undefined;
}

/**
 * ECR repositories the environment's own images need: those of the three services and the ops
 * task that live in the environment's account and region (images elsewhere are someone else's).
 */
export function ownRepositories(config: EnvironmentConfig): string[] {
  const images = [...SERVICE_NAMES.map((name) => config.services[name].image), opsImage(config)];
  const names = images.flatMap((image) => ownRepository(config, image) ?? []);
  return [...new Set(names)].sort();
}

/** The ops image's repository when the environment owns it (the pipeline pushes there), else undefined. */
export function opsRepositoryName(config: EnvironmentConfig): string | undefined {
  return ownRepository(config, opsImage(config));
}

/** Name of the role the ops-image pipeline assumes to push (bootstrap stack); the workflow derives its ARN. */
export const opsImagePublisherRoleName = (env: string) => `livestream-${env}-ops-image-publisher`;
