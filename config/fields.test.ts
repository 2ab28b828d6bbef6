/**
 * What the schema's shared field types refuse: each case is something AWS or Terraform refuses only
 * later (plan, apply, first run) or that silently breaks the platform (tags the stacks rely on).
 */
import { boundedDuration, containerImage, extraTags, httpsOrigin, networkCidr, scheduleExpression } from "./fields";

const problems = (schema: { safeParse(v: unknown): { success: boolean; error?: { issues: { message: string }[] } } }, value: unknown) => {
  const r = schema.safeParse(value);
  return r.success ? [] : r.error!.issues.map((i) => i.message);
};

test("CIDR blocks with host bits are refused with the network address to write", () => {
  expect(problems(networkCidr, "10.20.0.0/16")).toEqual([]);
  expect(problems(networkCidr, "52.10.0.7/32")).toEqual([]);
  expect(problems(networkCidr, "10.20.5.0/16")).toEqual(["10.20.5.0/16 has host bits set: the block is 10.20.0.0/16"]);
  expect(problems(networkCidr, "52.10.0.7/24")).toEqual(["52.10.0.7/24 has host bits set: the block is 52.10.0.0/24"]);
});

test("Scheduler expressions: rates of at least a minute with the right unit, six-field crons", () => {
  for (const ok of ["rate(1 minute)", "rate(5 minutes)", "rate(2 hours)", "cron(0/5 * * * ? *)"]) expect([ok, problems(scheduleExpression, ok)]).toEqual([ok, []]);
  expect(problems(scheduleExpression, "rate(30 seconds)")[0]).toMatch(/is not a Scheduler expression/);
  expect(problems(scheduleExpression, "rate(every minute please)")[0]).toMatch(/is not a Scheduler expression/);
  expect(problems(scheduleExpression, "rate(1 minutes)")).toEqual(["rate(1 minutes): write minute, hour or day for a value of 1"]);
  expect(problems(scheduleExpression, "rate(0 minutes)")).toEqual(["rate(0 minutes): a rate needs a value of at least 1"]);
  expect(problems(scheduleExpression, "cron(0 * * * *)")[0]).toMatch(/is not a Scheduler expression/);
});

test("extra tags may not take the stacks' own keys nor AWS's, and stay within AWS's lengths", () => {
  expect(problems(extraTags, { team: "media", "cost-center": "1234" })).toEqual([]);
  expect(problems(extraTags, { "livestream:environment": "prod" })[0]).toMatch(/livestream: keys belong to the stacks/);
  expect(problems(extraTags, { "aws:owner": "me" })[0]).toMatch(/aws: prefix is reserved/);
  expect(problems(extraTags, { team: "x".repeat(257) })).toEqual(["tag values are at most 256 characters"]);
  expect(problems(extraTags, { ["k".repeat(129)]: "v" })).toEqual(["tag keys are 1-128 characters"]);
});

test("container images need a repository and a tag or digest", () => {
  expect(problems(containerImage, "123456789012.dkr.ecr.ap-southeast-1.amazonaws.com/mentee-service:1.4.2")).toEqual([]);
  expect(problems(containerImage, `123456789012.dkr.ecr.ap-southeast-1.amazonaws.com/ops@sha256:${"a".repeat(64)}`)).toEqual([]);
  expect(problems(containerImage, "registry.local:5000/team/app:v1")).toEqual([]);
  for (const bad of ["not an image !!", "mentee-service", "123456789012.dkr.ecr.ap-southeast-1.amazonaws.com/mentee-service", "Registry/App:1"]) {
    expect([bad, problems(containerImage, bad).length]).toEqual([bad, 1]);
  }
});

test("CORS origins are origins: no path, no trailing slash", () => {
  expect(problems(httpsOrigin, "https://app.mentoring.io")).toEqual([]);
  expect(problems(httpsOrigin, "https://app.mentoring.io:8443")).toEqual([]);
  expect(problems(httpsOrigin, "https://app.x.io/path/")).toEqual(["'https://app.x.io/path/' is not an origin: write it as https://app.x.io (scheme, host and port only, no path or trailing slash)"]);
  expect(problems(httpsOrigin, "https://app.x.io/")[0]).toMatch(/write it as https:\/\/app\.x\.io /);
});

test("durations carry a unit and stay within their range", () => {
  const lead = boundedDuration(0, 2 * 3_600_000);
  expect(problems(lead, "10m")).toEqual([]);
  expect(problems(lead, "1h30m")).toEqual([]);
  expect(problems(lead, "1000h")).toEqual(["1000h is out of range: between 0s and 2h"]);
  expect(problems(lead, "10")).toEqual(["'10' is not a duration: write it with a unit, e.g. 10m or 90s"]);
});
