import { readFileSync, readdirSync, mkdtempSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Aspects, Testing } from "cdktf";
import { Construct } from "constructs";
import { S3Bucket } from "@cdktf/provider-aws/lib/s3-bucket";
import { SqsQueue } from "@cdktf/provider-aws/lib/sqs-queue";
import { PolicyPack } from "./policy-pack";
import { registerRuleIds, suppress, suppressByPath } from "./suppressions";
import { evaluateStack } from "./evaluate";
import { formatFailure, formatTable, toJsonReport, toSarif } from "./report";
import type { Rule } from "./types";
import { testStack } from "../testing";

const bucketNamed: Rule = {
  id: "LS-TEST-001",
  title: "bucket has a name",
  level: "error",
  checkov: ["CKV_TEST_1"],
  trivy: [],
  resourceTypes: ["aws_s3_bucket"],
  rationale: "test rule",
  fix: "set bucket",
  check: (r) => (r.attributes.bucket ? [] : [{ message: "bucket is not set" }]),
};
const queueWarning: Rule = { ...bucketNamed, id: "LS-TEST-002", level: "warning", resourceTypes: ["aws_sqs_queue"], check: () => [{ message: "always" }] };
const prodOnly: Rule = { ...bucketNamed, id: "LS-TEST-003", tiers: ["prod"] };
const throwsOnQueues: Rule = {
  ...bucketNamed,
  id: "LS-TEST-004",
  resourceTypes: ["aws_sqs_queue", "aws_s3_bucket"],
  check: (r) => {
    if (r.type === "aws_sqs_queue") throw new TypeError("cannot read properties of undefined (reading 'arn')");
    return [{ message: "bucket seen" }];
  },
};
// The test rules are not in ALL_RULES: suppress() accepts them once registered (PolicyPack registers its own).
registerRuleIds([bucketNamed.id, queueWarning.id, prodOnly.id, throwsOnQueues.id]);

describe("suppress", () => {
  test("requires a reason of at least 10 characters", () => {
    const stack = testStack();
    expect(() => suppress(stack, "LS-TEST-001", "")).toThrow(/reason of at least 10 characters/);
    expect(() => suppress(stack, "LS-TEST-001", "   short  ")).toThrow(/reason/);
    expect(() => suppress(stack, "S3-1", "a reason long enough")).toThrow(/not a policy rule id/);
  });

  test("covers the construct and its children, and is listed with its reason", () => {
    const stack = testStack();
    const group = new Construct(stack, "group");
    new S3Bucket(group, "inside", {});
    new S3Bucket(stack, "outside", {});
    suppress(group, "LS-TEST-001", "names come from the bucket prefix in this test");
    const report = evaluateStack(stack, { rules: [bucketNamed], tier: "dev" });
    expect(report.findings.map((f) => [f.path, !!f.suppressedBy])).toEqual([
      ["test/group/inside", true],
      ["test/outside", false],
    ]);
    expect(report.counts).toEqual({ error: 1, warning: 0, info: 0, suppressed: 1 });
    expect(report.suppressions).toEqual([{ ruleId: "LS-TEST-001", reason: "names come from the bucket prefix in this test", path: "test/group", matched: 1, stale: false }]);
    expect(formatTable([report])).toContain("LS-TEST-001 on test/group (1 finding(s)): names come from the bucket prefix");
  });

  test("suppressByPath finds the construct or throws naming the missing id", () => {
    const stack = testStack();
    const group = new Construct(stack, "group");
    new S3Bucket(group, "b", {});
    suppressByPath(stack, "group/b", "LS-TEST-001", "declared centrally for this test");
    expect(evaluateStack(stack, { rules: [bucketNamed] }).counts.suppressed).toBe(1);
    expect(() => suppressByPath(stack, "group/missing", "LS-TEST-001", "declared centrally for this test")).toThrow(/no construct 'missing' under test\/group/);
  });
});

describe("suppress rejects rule ids that do not exist", () => {
  test("at the call, naming the id and the closest known ids", () => {
    const stack = testStack();
    expect(() => suppress(stack, "LS-S3-040", "a reason long enough to pass")).toThrow(
      /^suppress\(test\): unknown rule id 'LS-S3-040'; closest known ids: LS-S3-004, /,
    );
    expect(() => suppress(stack, "LS-S3-004", "a reason long enough to pass")).not.toThrow(); // a rule of ALL_RULES
  });
});

describe("stale suppressions", () => {
  test("a suppression whose rule ran and matched nothing is stale and fails synth, named", () => {
    const stack = testStack();
    const b = new S3Bucket(stack, "named", { bucket: "has-a-name" });
    suppress(b, "LS-TEST-001", "left over from when the bucket had no name");
    const report = evaluateStack(stack, { rules: [bucketNamed] });
    expect(report.suppressions).toEqual([expect.objectContaining({ ruleId: "LS-TEST-001", path: "test/named", matched: 0, stale: true })]);
    expect(toJsonReport([report]).summary.staleSuppressions).toBe(1);
    expect(formatTable([report])).toContain("LS-TEST-001 on test/named (0 finding(s), STALE: matched nothing, remove it)");
    Aspects.of(stack).add(new PolicyPack({ rules: [bucketNamed] }));
    expect(() => Testing.synth(stack, true)).toThrow(/0 unsuppressed error\(s\) and 1 stale suppression\(s\)[\s\S]*LS-TEST-001 suppressed on test\/named[\s\S]*reason given: left over/);
  });

  test("a suppression whose rule did not run (other tier, other pack) is not stale; report mode does not fail", () => {
    const stack = testStack();
    const b = new S3Bucket(stack, "named", { bucket: "has-a-name" });
    suppress(b, "LS-TEST-003", "prod-only rule, irrelevant in dev");
    suppress(b, "LS-TEST-001", "matches nothing but only reported here");
    const report = evaluateStack(stack, { rules: [prodOnly, bucketNamed], tier: "dev" });
    expect(report.suppressions.map((s) => [s.ruleId, s.stale])).toEqual([
      ["LS-TEST-003", false],
      ["LS-TEST-001", true],
    ]);
    Aspects.of(stack).add(new PolicyPack({ rules: [prodOnly, bucketNamed], tier: "dev", mode: "report" }));
    expect(() => Testing.synth(stack, true)).not.toThrow();
  });
});

describe("a rule that throws", () => {
  test("becomes an error finding naming the rule and the resource; the rule still checks the other resources", () => {
    const stack = testStack();
    const q = new SqsQueue(stack, "q", {});
    new S3Bucket(stack, "b", {});
    suppress(q, "LS-TEST-004", "a suppression must not hide a rule that could not run");
    const report = evaluateStack(stack, { rules: [throwsOnQueues, bucketNamed] });
    const crash = report.findings.find((f) => f.ruleError);
    expect(crash).toMatchObject({ ruleId: "LS-TEST-004", level: "error", path: "test/q" });
    expect(crash!.suppressedBy).toBeUndefined();
    expect(crash!.message).toMatch(/^rule LS-TEST-004 threw while checking aws_sqs_queue\.q \(test\/q\): cannot read properties of undefined/);
    expect(report.findings.filter((f) => f.ruleId === "LS-TEST-004" && !f.ruleError).map((f) => f.path)).toEqual(["test/b"]);
    expect(report.findings.filter((f) => f.ruleId === "LS-TEST-001")).toHaveLength(1); // later rules still ran
    expect(formatFailure(report)).toMatch(/LS-TEST-004[\s\S]*at:  test\/q  \(aws_sqs_queue\.q\)[\s\S]*fix: A bug in the rule/);
  });
});

describe("PolicyPack aspect", () => {
  test("an unsuppressed error fails synth with the path, the rule and the fix", () => {
    const stack = testStack();
    new S3Bucket(stack, "nameless", {});
    Aspects.of(stack).add(new PolicyPack({ rules: [bucketNamed] }));
    expect(() => Testing.synth(stack, true)).toThrow(/LS-TEST-001 bucket has a name[\s\S]*at:  test\/nameless[\s\S]*fix: set bucket/);
  });

  test("warnings do not fail synth, and report mode records errors without failing", () => {
    const stack = testStack();
    new SqsQueue(stack, "q", {});
    new S3Bucket(stack, "nameless", {});
    const reportFile = join(mkdtempSync(join(tmpdir(), "pack-")), "policy-report.json");
    writeFileSync(reportFile, "{}");
    const before = statSync(reportFile).ino;
    const pack = new PolicyPack({ rules: [bucketNamed, queueWarning], mode: "report", reportFile });
    Aspects.of(stack).add(pack);
    expect(() => Testing.synth(stack, true)).not.toThrow();
    expect(pack.reports[0].counts).toMatchObject({ error: 1, warning: 1 });
    const written = JSON.parse(readFileSync(reportFile, "utf8"));
    expect(written.summary).toMatchObject({ stacks: 1, errors: 1, warnings: 1, staleSuppressions: 0 });
    // Written to a temp file and renamed over the old report (a new inode, not a rewrite in place), leaving nothing beside it.
    expect(statSync(reportFile).ino).not.toBe(before);
    expect(readdirSync(join(reportFile, ".."))).toEqual(["policy-report.json"]);
    expect(PolicyPack.of(stack)).toBe(pack);

    const warnOnly = testStack("warn");
    new SqsQueue(warnOnly, "q", {});
    Aspects.of(warnOnly).add(new PolicyPack({ rules: [queueWarning] }));
    expect(() => Testing.synth(warnOnly, true)).not.toThrow();
  });

  test("a suppressed error does not fail synth", () => {
    const stack = testStack();
    const b = new S3Bucket(stack, "nameless", {});
    suppress(b, "LS-TEST-001", "generated name is fine for this test");
    Aspects.of(stack).add(new PolicyPack({ rules: [bucketNamed] }));
    expect(() => Testing.synth(stack, true)).not.toThrow();
  });

  test("prod-only rules skip dev stacks; the tier comes from the stack's config", () => {
    const stack = testStack();
    new S3Bucket(stack, "nameless", {});
    Object.assign(stack, { config: { tier: "dev" } });
    expect(evaluateStack(stack, { rules: [prodOnly] }).findings).toHaveLength(0);
    Object.assign(stack, { config: { tier: "prod" } });
    expect(evaluateStack(stack, { rules: [prodOnly] }).findings).toHaveLength(1);
  });

  test("escape-hatch overrides are what the rules see", () => {
    const stack = testStack();
    const b = new S3Bucket(stack, "b", { bucket: "named" });
    b.addOverride("bucket", null);
    expect(evaluateStack(stack, { rules: [bucketNamed] }).counts.error).toBe(1);
  });
});

test("SARIF output is 2.1.0 with rule metadata and construct-path locations", () => {
  const stack = testStack();
  const b = new S3Bucket(stack, "nameless", {});
  new SqsQueue(stack, "q", {});
  suppress(b, "LS-TEST-001", "generated name is fine for this test");
  const sarif = toSarif([evaluateStack(stack, { rules: [bucketNamed, queueWarning] })], [bucketNamed, queueWarning]);
  expect(sarif.version).toBe("2.1.0");
  const run = sarif.runs[0];
  expect(run.tool.driver.rules.map((r) => r.id)).toEqual(["LS-TEST-001", "LS-TEST-002"]);
  expect(run.tool.driver.rules[0].help.text).toContain("Checkov: CKV_TEST_1. Trivy: no equivalent.");
  const [bucket, queue] = run.results;
  expect(bucket).toMatchObject({ ruleId: "LS-TEST-001", level: "error", suppressions: [{ kind: "inSource" }] });
  expect(bucket.locations[0].logicalLocations[0].fullyQualifiedName).toBe("test/nameless");
  expect(queue).toMatchObject({ ruleId: "LS-TEST-002", level: "warning", ruleIndex: 1 });
});
