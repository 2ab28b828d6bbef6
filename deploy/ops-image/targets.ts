/**
 * `node dist/deploy/ops-image/targets.js`: where the ops-image workflow pushes, as the JSON matrix
 * GitHub Actions reads (one entry per environment that has an `imagePipeline` section and owns its
 * ops repository). Everything comes from config/environments/*.json, so the workflow names no
 * account, region or role itself.
 */
import { loadAllEnvironments } from "../../config/load";
import type { EnvironmentConfig } from "../../config/schema";
import { opsImagePublisherRoleName, opsRepositoryName } from "../../stacks/images";

export interface PublishTarget {
  readonly environment: string;
  readonly region: string;
  /** ECR registry host: <account>.dkr.ecr.<region>.amazonaws.com. */
  readonly registry: string;
  readonly repository: string;
  /** The bootstrap stack's publisher role (constructs/image-publisher). */
  readonly roleArn: string;
}

export function publishTargets(configs: readonly EnvironmentConfig[]): PublishTarget[] {
  return configs.flatMap((c) => {
    const repository = opsRepositoryName(c);
    if (!c.imagePipeline || !repository) return [];
    return [
      {
        environment: c.name,
        region: c.region,
        registry: `${c.accountId}.dkr.ecr.${c.region}.amazonaws.com`,
        repository,
        roleArn: `arn:aws:iam::${c.accountId}:role/${opsImagePublisherRoleName(c.name)}`,
      },
    ];
  });
}

if (require.main === module) process.stdout.write(`targets=${JSON.stringify(publishTargets(loadAllEnvironments()))}\n`);
