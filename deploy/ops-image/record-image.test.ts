import { readFileSync } from "node:fs";
import { join } from "node:path";
import { loadAllEnvironments, parseEnvironment } from "../../config/load";
import { recordImage } from "./record-image";
import { publishTargets } from "./targets";

const dir = join(__dirname, "..", "..", "config", "environments");
const digest = (c: string) => `sha256:${c.repeat(64)}`;

test("records the pushed digest as reconcile.image, changing only that value", () => {
  const before = readFileSync(join(dir, "prod.json"), "utf8");
  const image = `222222222222.dkr.ecr.ap-southeast-1.amazonaws.com/livestream-prod-ops@${digest("c")}`;
  const after = recordImage(before, "prod", image);
  expect(parseEnvironment("prod", JSON.parse(after)).reconcile.image).toBe(image);
  const changed = after.split("\n").filter((line, i) => line !== before.split("\n")[i]);
  expect(changed).toHaveLength(1);
  expect(changed[0]).toContain(image);
  expect(after.length - before.length).toBe(image.length - JSON.parse(before).reconcile.image.length);
});

test("refuses a tag, a file without reconcile.image and a result the schema rejects", () => {
  const text = readFileSync(join(dir, "dev.json"), "utf8");
  expect(() => recordImage(text, "dev", "111111111111.dkr.ecr.ap-southeast-1.amazonaws.com/livestream-dev-ops:abc")).toThrow(/--image must be <repository>@sha256/);
  const without = JSON.stringify({ ...JSON.parse(text), reconcile: {} });
  expect(() => recordImage(without, "dev", `r/ops@${digest("d")}`)).toThrow(/no reconcile.image/);
  const broken = JSON.stringify({ ...JSON.parse(text), network: { cidr: "10.0.0.0/8" } });
  expect(() => recordImage(broken, "dev", `r/ops@${digest("d")}`)).toThrow(/network\.cidr/);
});

test("the workflow's matrix: one target per environment with a pipeline, each its own account's registry and role", () => {
  expect(publishTargets(loadAllEnvironments(dir))).toEqual([
    {
      environment: "dev",
      region: "ap-southeast-1",
      registry: "111111111111.dkr.ecr.ap-southeast-1.amazonaws.com",
      repository: "livestream-dev-ops",
      roleArn: "arn:aws:iam::111111111111:role/livestream-dev-ops-image-publisher",
    },
    {
      environment: "prod",
      region: "ap-southeast-1",
      registry: "222222222222.dkr.ecr.ap-southeast-1.amazonaws.com",
      repository: "livestream-prod-ops",
      roleArn: "arn:aws:iam::222222222222:role/livestream-prod-ops-image-publisher",
    },
  ]);
  const [dev] = loadAllEnvironments(dir);
  expect(publishTargets([{ ...dev, imagePipeline: undefined }])).toEqual([]);
});
