/**
 * The ECR repository ARN behind an image reference such as
 * `111111111111.dkr.ecr.ap-southeast-1.amazonaws.com/mentee-service:1.0.0`, so image pulls can be
 * granted on that repository only. Undefined for images outside ECR.
 */
export function ecrRepositoryArn(image: string): string | undefined {
  const match = /^(\d{12})\.dkr\.ecr(?:-fips)?\.([a-z0-9-]+)\.amazonaws\.com(\.cn)?\/([a-z0-9._\/-]+?)(?::[\w.-]+)?(?:@sha256:[a-f0-9]{64})?$/.exec(image);
  if (!match) return undefined;
  const [, account, region, china, repository] = match;
  return `arn:${china ? "aws-cn" : "aws"}:ecr:${region}:${account}:repository/${repository}`;
}
