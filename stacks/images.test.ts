import { join } from "node:path";
import { loadEnvironment, parseEnvironment } from "../config/load";
import { opsImage, opsRepositoryName, ownRepositories } from "./images";

const dir = join(__dirname, "..", "config", "environments");

test("the environment's own ECR images need repositories; the ops image is the configured digest", () => {
  const dev = loadEnvironment("dev", dir);
  expect(opsImage(dev)).toMatch(/^111111111111\.dkr\.ecr\.ap-southeast-1\.amazonaws\.com\/livestream-dev-ops@sha256:[a-f0-9]{64}$/);
  expect(ownRepositories(dev)).toEqual(["livestream-dev-ops", "mentee-service", "mentor-service", "social-service"]);
  expect(opsRepositoryName(dev)).toBe("livestream-dev-ops");
});

test("images of other accounts, regions or registries are left alone", () => {
  const dev = loadEnvironment("dev", dir);
  const raw = JSON.parse(JSON.stringify(dev));
  raw.services.mentee.image = "222222222222.dkr.ecr.ap-southeast-1.amazonaws.com/shared/mentee:1";
  raw.services.mentor.image = "public.ecr.aws/nginx/nginx:stable";
  raw.services.social.image = "111111111111.dkr.ecr.us-east-1.amazonaws.com/social:1";
  raw.reconcile.image = "111111111111.dkr.ecr.ap-southeast-1.amazonaws.com/tools/ops@sha256:" + "a".repeat(64);
  expect(ownRepositories(parseEnvironment("dev", raw))).toEqual(["tools/ops"]);
  raw.reconcile.image = "333333333333.dkr.ecr.ap-southeast-1.amazonaws.com/ops:2026-05-01";
  expect(opsRepositoryName(parseEnvironment("dev", raw))).toBeUndefined();
});

test("the ops image must be immutable: latest, untagged and missing references are configuration errors", () => {
  const raw = JSON.parse(JSON.stringify(loadEnvironment("prod", dir)));
  for (const image of ["222222222222.dkr.ecr.ap-southeast-1.amazonaws.com/livestream-prod-ops:latest", "222222222222.dkr.ecr.ap-southeast-1.amazonaws.com/livestream-prod-ops"]) {
    raw.reconcile.image = image;
    expect(() => parseEnvironment("prod", raw)).toThrow(/reconcile\.image: expected the ops image by digest/);
  }
  delete raw.reconcile.image;
  expect(() => parseEnvironment("prod", raw)).toThrow(/reconcile\.image/);
  raw.reconcile.image = "222222222222.dkr.ecr.ap-southeast-1.amazonaws.com/livestream-prod-ops:3f2a9c1";
  expect(opsImage(parseEnvironment("prod", raw))).toMatch(/:3f2a9c1$/);
});
