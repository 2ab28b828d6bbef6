import type { EnvironmentConfig } from "../config/schema";
import { SERVICE_NAMES } from "../config/schema";

const ECR_IMAGE = /^(\d{12})\.dkr\.ecr\.([a-z0-9-]+)\.amazonaws\.com\/([a-z0-9._/-]+?)(?::[\w.-]+)?(?:@sha256:[a-f0-9]{64})?$/;

/** The image the every-minute `ops sessions reconcile` task runs. */
export function opsImage(config: EnvironmentConfig): string {
  return config.reconcile.image ?? `${config.accountId}.dkr.ecr.${config.region}.amazonaws.com/livestream-${config.name}-ops:latest`;
}

/**
 * ECR repositories the environment's own images need: those of the three services and the ops
 * task that live in the environment's account and region (images elsewhere are someone else's).
 */
export function ownRepositories(config: EnvironmentConfig): string[] {
  const images = [...SERVICE_NAMES.map((name) => config.services[name].image), opsImage(config)];
  const names = images.flatMap((image) => {
    const match = ECR_IMAGE.exec(image);
    return match && match[1] === config.accountId && match[2] === config.region ? [match[3]] : [];
  });
  return [...new Set(names)].sort();
}
