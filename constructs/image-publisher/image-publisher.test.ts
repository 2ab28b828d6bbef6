import { TerraformStack, Testing } from "cdktf";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { ImagePublisher, type ImagePublisherProps } from ".";

type Resources = Record<string, Record<string, Record<string, unknown>>>;

const base: ImagePublisherProps = {
  accountId: "111111111111",
  region: "ap-southeast-1",
  githubRepository: "acme/livestream-platform",
  repositoryName: "livestream-dev-ops",
  roleName: "livestream-dev-ops-image-publisher",
};

function synth(props: Partial<ImagePublisherProps> = {}): Resources {
  const stack = new TerraformStack(Testing.app(), "test");
  new AwsProvider(stack, "aws", { region: "ap-southeast-1" });
  new ImagePublisher(stack, "publisher", { ...base, ...props });
  return (JSON.parse(Testing.synth(stack)) as { resource: Resources }).resource;
}

const only = (r: Resources, type: string) => {
  const all = Object.values(r[type] ?? {});
  expect(all).toHaveLength(1);
  return all[0];
};

test("GitHub's OIDC provider for the sts.amazonaws.com audience, without thumbprints (IAM trusts GitHub's CA)", () => {
  const provider = only(synth(), "aws_iam_openid_connect_provider");
  expect(provider.url).toBe("https://token.actions.githubusercontent.com");
  expect(provider.client_id_list).toEqual(["sts.amazonaws.com"]);
  expect(provider.thumbprint_list).toBeUndefined();
});

test("the role trusts only the main branch of the configured repository, by exact aud and sub", () => {
  const role = only(synth(), "aws_iam_role");
  expect(role.name).toBe("livestream-dev-ops-image-publisher");
  const trust = JSON.parse(String(role.assume_role_policy));
  expect(trust.Statement).toHaveLength(1);
  const [statement] = trust.Statement;
  expect(statement.Action).toBe("sts:AssumeRoleWithWebIdentity");
  expect(statement.Principal.Federated).toMatch(/aws_iam_openid_connect_provider\..*\.arn/);
  // StringEquals only: a StringLike with `*` would let pull requests and other branches assume it.
  expect(Object.keys(statement.Condition)).toEqual(["StringEquals"]);
  expect(statement.Condition.StringEquals).toEqual({
    "token.actions.githubusercontent.com:aud": "sts.amazonaws.com",
    "token.actions.githubusercontent.com:sub": "repo:acme/livestream-platform:ref:refs/heads/main",
  });
});

test("push permissions on the ops repository only; registry login on * as the SAR requires", () => {
  const policy = JSON.parse(String(only(synth(), "aws_iam_role_policy").policy));
  const byResource = Object.fromEntries(policy.Statement.map((s: { Resource: string; Action: string[] }) => [s.Resource, s.Action]));
  expect(byResource["*"]).toEqual(["ecr:GetAuthorizationToken"]);
  expect(byResource["arn:aws:ecr:ap-southeast-1:111111111111:repository/livestream-dev-ops"]).toEqual(
    expect.arrayContaining(["ecr:PutImage", "ecr:InitiateLayerUpload", "ecr:UploadLayerPart", "ecr:CompleteLayerUpload", "ecr:BatchCheckLayerAvailability"]),
  );
  expect(Object.keys(byResource)).toHaveLength(2);
  expect(JSON.stringify(policy)).not.toMatch(/ecr:\*|Delete|SetRepositoryPolicy/);
});

test("a second environment in the same account references the existing provider instead of creating one", () => {
  const r = synth({ createOidcProvider: false, branch: "release" });
  expect(r.aws_iam_openid_connect_provider).toBeUndefined();
  const trust = JSON.parse(String(only(r, "aws_iam_role").assume_role_policy));
  expect(trust.Statement[0].Principal.Federated).toBe("arn:aws:iam::111111111111:oidc-provider/token.actions.githubusercontent.com");
  expect(trust.Statement[0].Condition.StringEquals["token.actions.githubusercontent.com:sub"]).toBe("repo:acme/livestream-platform:ref:refs/heads/release");
});

test("invalid props are refused together, naming each", () => {
  expect(() => synth({ githubRepository: "livestream-platform", branch: "feature/*", repositoryName: "Ops_Image" })).toThrow(
    /githubRepository must be owner\/name.*branch must be a branch name without wildcards.*repositoryName must be an ECR repository name/,
  );
});
