import { TerraformStack, Testing } from "cdktf";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { ContainerRepositories, type ContainerRepositoriesProps } from ".";

type Resources = Record<string, Record<string, Record<string, unknown>>>;

function synth(props: ContainerRepositoriesProps): Resources {
  const stack = new TerraformStack(Testing.app(), "test");
  new AwsProvider(stack, "aws", { region: "ap-southeast-1" });
  new ContainerRepositories(stack, "repos", props);
  return (JSON.parse(Testing.synth(stack)) as { resource: Resources }).resource;
}

test("one scanned, KMS-encrypted repository per distinct name, with an expiry policy", () => {
  const r = synth({ repositoryNames: ["mentee-service", "ops/reconcile", "mentee-service"], keepImages: 10 });
  const repos = Object.values(r.aws_ecr_repository);
  expect(repos.map((x) => x.name).sort()).toEqual(["mentee-service", "ops/reconcile"]);
  for (const repo of repos) {
    expect(repo.image_scanning_configuration).toEqual({ scan_on_push: true });
    expect(repo.encryption_configuration).toEqual([{ encryption_type: "KMS" }]);
    expect(repo.image_tag_mutability).toBe("IMMUTABLE");
  }
  const policy = JSON.parse(String(Object.values(r.aws_ecr_lifecycle_policy)[0].policy));
  expect(policy.rules[0].selection).toMatchObject({ countType: "imageCountMoreThan", countNumber: 10 });
});

test("mutable tags when asked (dev pushes `latest`)", () => {
  const r = synth({ repositoryNames: ["mentor-service"], immutableTags: false });
  expect(Object.values(r.aws_ecr_repository)[0].image_tag_mutability).toBe("MUTABLE");
});

test("invalid names and retention are refused, naming the prop", () => {
  expect(() => synth({ repositoryNames: ["Mentee_Service"] })).toThrow(/repositoryNames has invalid ECR names: Mentee_Service/);
  expect(() => synth({ repositoryNames: ["a"], keepImages: 0 })).toThrow(/keepImages/);
});
