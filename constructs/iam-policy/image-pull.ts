/** Image pulls for ECS task execution roles, scoped to the image's own repository. */
import type { PolicyStatement } from "./policy-document";

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

/**
 * What an execution role needs to pull `image`: the registry login (GetAuthorizationToken takes no
 * resource type: Service Authorization Reference, Amazon ECR) and the layer reads on the image's
 * repository only. None for an image outside ECR (a public registry needs no IAM).
 */
export function imagePullStatements(image: string): PolicyStatement[] {
  const repository = ecrRepositoryArn(image);
  if (!repository) return [];
  return [
    { Sid: "EcrLogin", Effect: "Allow", Action: ["ecr:GetAuthorizationToken"], Resource: "*" },
    { Sid: "PullImage", Effect: "Allow", Action: ["ecr:BatchCheckLayerAvailability", "ecr:GetDownloadUrlForLayer", "ecr:BatchGetImage"], Resource: repository },
  ];
}
