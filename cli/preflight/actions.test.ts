/** The read-only policy in docs/operations.md grants exactly the actions the checks call. */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { PREFLIGHT_CHECKS, preflightActions } from ".";

test("docs/operations.md's preflight policy lists exactly the checks' actions", () => {
  const docs = readFileSync(join(__dirname, "../../docs/operations.md"), "utf8");
  const section = docs.slice(docs.search(/^## \d+\. Preflight$/m));
  const policyJson = /```json\n(\{\n {2}"Version"[\s\S]*?)```/.exec(section)![1]!;
  const policy = JSON.parse(policyJson) as { Statement: { Action: string[]; Effect: string }[] };
  const granted = policy.Statement.flatMap((s) => s.Action).sort();
  expect(granted).toEqual(preflightActions());
  expect(policy.Statement.every((s) => s.Effect === "Allow")).toBe(true);
  // Read-only: nothing that creates, changes or deletes.
  expect(granted.filter((a) => !/:(Get|Describe|List)/.test(a))).toEqual([]);
});

test("every check is documented in the preflight table", () => {
  const docs = readFileSync(join(__dirname, "../../docs/operations.md"), "utf8");
  const section = docs.slice(docs.search(/^## \d+\. Preflight$/m));
  for (const check of PREFLIGHT_CHECKS) expect(section).toContain(`| \`${check.id}\` |`);
});
