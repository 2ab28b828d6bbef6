import { join } from "node:path";
import { loadEnvironment, parseEnvironment } from "../config/load";
import { opsImage, ownRepositories } from "./images";

const dir = join(__dirname, "..", "config", "environments");

test("the environment's own ECR images need repositories; the ops image defaults into them", () => {
  const dev = loadEnvironment("dev", dir);
  expect(opsImage(dev)).toBe("111111111111.dkr.ecr.ap-southeast-1.amazonaws.com/livestream-dev-ops:latest");
  expect(ownRepositories(dev)).toEqual(["livestream-dev-ops", "mentee-service", "mentor-service", "social-service"]);
});

test("images of other accounts, regions or registries are left alone", () => {
  const dev = loadEnvironment("dev", dir);
  const raw = JSON.parse(JSON.stringify(dev));
  raw.services.mentee.image = "222222222222.dkr.ecr.ap-southeast-1.amazonaws.com/shared/mentee:1";
  raw.services.mentor.image = "public.ecr.aws/nginx/nginx:stable";
  raw.services.social.image = "111111111111.dkr.ecr.us-east-1.amazonaws.com/social:1";
  raw.reconcile.image = "111111111111.dkr.ecr.ap-southeast-1.amazonaws.com/tools/ops@sha256:" + "a".repeat(64);
  expect(ownRepositories(parseEnvironment("dev", raw))).toEqual(["tools/ops"]);
});
