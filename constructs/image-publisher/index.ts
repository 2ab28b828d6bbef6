import { Construct } from "constructs";
import { IamOpenidConnectProvider } from "@cdktf/provider-aws/lib/iam-openid-connect-provider";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import { policyDocument } from "../iam-policy";

/** GitHub Actions' OIDC issuer, without the scheme (the form IAM condition keys use). */
export const GITHUB_OIDC_HOST = "token.actions.githubusercontent.com";
/** Audience aws-actions/configure-aws-credentials requests by default. */
export const GITHUB_OIDC_AUDIENCE = "sts.amazonaws.com";

export interface ImagePublisherProps {
  readonly accountId: string;
  readonly region: string;
  /** GitHub repository (owner/name) whose workflow may push. */
  readonly githubRepository: string;
  /** The only branch whose workflow runs may assume the role. @default "main" */
  readonly branch?: string;
  /** ECR repository (name, in this account and region) the role may push to; nothing else. */
  readonly repositoryName: string;
  /** IAM role name; the workflow derives the role ARN from it. */
  readonly roleName: string;
  /**
   * Create the account's GitHub OIDC provider. An account holds one provider per issuer URL: when
   * two environments share an account, the second references the first one's provider.
   * @default true
   */
  readonly createOidcProvider?: boolean;
}

const GITHUB_REPOSITORY = /^[A-Za-z0-9-]{1,39}\/[A-Za-z0-9._-]{1,100}$/;
const BRANCH = /^[A-Za-z0-9._/-]{1,255}$/;
const ECR_NAME = /^[a-z0-9]+(?:[._-][a-z0-9]+)*(?:\/[a-z0-9]+(?:[._-][a-z0-9]+)*)*$/;

/**
 * The role the ops-image workflow assumes through GitHub's OIDC provider to push the ops image:
 * trusted only for tokens of one repository's one branch, allowed to push to one ECR repository.
 *
 * - Thumbprints are not set: IAM verifies GitHub's OIDC endpoint against its library of trusted root
 *   CAs and ignores thumbprints for it (IAM API reference, UpdateOpenIDConnectProviderThumbprint;
 *   CreateOpenIDConnectProvider: ThumbprintList is optional).
 * - The trust pins both `aud` and `sub` with StringEquals, the conditions the IAM User Guide asks for
 *   GitHub ("Configuring a role for GitHub OIDC identity provider"); `sub` is
 *   repo:<owner>/<name>:ref:refs/heads/<branch>, so pull requests and other branches get nothing.
 * - Push actions follow the ECR User Guide's "Pushing an image" permissions; GetAuthorizationToken
 *   takes no resource type in the Service Authorization Reference, so it is granted on "*".
 */
export class ImagePublisher extends Construct {
  /** ARN of the role the workflow assumes. */
  readonly roleArn: string;
  /** ARN of the GitHub OIDC provider the role trusts. */
  readonly oidcProviderArn: string;

  constructor(scope: Construct, id: string, props: ImagePublisherProps) {
    super(scope, id);
    const branch = props.branch ?? "main";
    const problems: string[] = [];
    if (!GITHUB_REPOSITORY.test(props.githubRepository)) problems.push(`githubRepository must be owner/name, got '${props.githubRepository}'`);
    if (!BRANCH.test(branch)) problems.push(`branch must be a branch name without wildcards, got '${branch}'`);
    if (!ECR_NAME.test(props.repositoryName)) problems.push(`repositoryName must be an ECR repository name, got '${props.repositoryName}'`);
    if (!/^\d{12}$/.test(props.accountId)) problems.push(`accountId must be 12 digits, got '${props.accountId}'`);
    if (problems.length) throw new Error(`ImagePublisher ${this.node.path}: ${problems.join("; ")}`);

    if (props.createOidcProvider ?? true) {
      const provider = new IamOpenidConnectProvider(this, "github-oidc", {
        url: `https://${GITHUB_OIDC_HOST}`,
        clientIdList: [GITHUB_OIDC_AUDIENCE],
      });
      this.oidcProviderArn = provider.arn;
    } else {
      this.oidcProviderArn = `arn:aws:iam::${props.accountId}:oidc-provider/${GITHUB_OIDC_HOST}`;
    }

    const role = new IamRole(this, "role", {
      name: props.roleName,
      description: `GitHub Actions (${props.githubRepository}, ${branch}) pushes the ops image to ${props.repositoryName}`,
      maxSessionDuration: 3600,
      assumeRolePolicy: policyDocument([
        {
          Effect: "Allow",
          Principal: { Federated: this.oidcProviderArn },
          Action: "sts:AssumeRoleWithWebIdentity",
          Condition: {
            StringEquals: {
              [`${GITHUB_OIDC_HOST}:aud`]: GITHUB_OIDC_AUDIENCE,
              [`${GITHUB_OIDC_HOST}:sub`]: `repo:${props.githubRepository}:ref:refs/heads/${branch}`,
            },
          },
        },
      ]),
    });
    new IamRolePolicy(this, "push", {
      role: role.name,
      name: "push-ops-image",
      policy: policyDocument([
        { Sid: "RegistryLogin", Effect: "Allow", Action: ["ecr:GetAuthorizationToken"], Resource: "*" },
        {
          Sid: "PushOpsImage",
          Effect: "Allow",
          Action: [
            "ecr:BatchCheckLayerAvailability",
            "ecr:InitiateLayerUpload",
            "ecr:UploadLayerPart",
            "ecr:CompleteLayerUpload",
            "ecr:PutImage",
            "ecr:BatchGetImage",
          ],
          Resource: `arn:aws:ecr:${props.region}:${props.accountId}:repository/${props.repositoryName}`,
        },
      ]),
    });
    this.roleArn = role.arn;
  }
}
