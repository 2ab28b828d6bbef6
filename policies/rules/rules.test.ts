import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { ALL_RULES } from "./index";
import { CHECKOV_CHECKS, TRIVY_CHECKS } from "./scanner-ids";
import { equivalents } from "../engine/report";

test("rule ids are unique and well formed, with a fix and resource types", () => {
  const ids = ALL_RULES.map((r) => r.id);
  expect(new Set(ids).size).toBe(ids.length);
  for (const r of ALL_RULES) {
    expect(r.id).toMatch(/^LS-[A-Z0-9]+-\d{3}$/);
    expect(r.fix.length).toBeGreaterThan(20);
    expect(r.resourceTypes.length).toBeGreaterThan(0);
    for (const c of r.checkov) expect(c).toMatch(/^CKV2?_AWS_\d+$/);
    for (const t of r.trivy) expect(t).toMatch(/^AVD-AWS-\d{4}$/);
  }
});

test("every Checkov and Trivy id a rule names is one verified in scanner-ids.ts; the catalog lists nothing unused", () => {
  const unverified = ALL_RULES.flatMap((r) => [...r.checkov.filter((c) => !(c in CHECKOV_CHECKS)), ...r.trivy.filter((t) => !(t in TRIVY_CHECKS))].map((id) => `${r.id}: ${id}`));
  expect(unverified).toEqual([]);
  const used = new Set(ALL_RULES.flatMap((r) => [...r.checkov, ...r.trivy]));
  expect([...Object.keys(CHECKOV_CHECKS), ...Object.keys(TRIVY_CHECKS)].filter((id) => !used.has(id))).toEqual([]);
});

test("a rule without an equivalent check is reported as such", () => {
  const none = ALL_RULES.find((r) => r.checkov.length === 0)!;
  expect(equivalents(none.checkov)).toBe("no equivalent");
  expect(equivalents(["CKV_AWS_18", "CKV2_AWS_6"])).toBe("CKV_AWS_18, CKV2_AWS_6");
});

test("every rule has tests in its area (naming its id or its exported constant)", () => {
  const tests = readdirSync(__dirname, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .flatMap((d) => readdirSync(join(__dirname, d.name)).filter((f) => f.endsWith(".test.ts")).map((f) => readFileSync(join(__dirname, d.name, f), "utf8")))
    .join("\n");
  const untested = ALL_RULES.filter((r) => !tests.includes(r.id) && !new RegExp(`\\b${variableName(r.id)}\\b`).test(tests)).map((r) => r.id);
  expect(untested).toEqual([]);
});

/** Rules tested through a table of [rule, ...] cases are named by their exported constant. */
function variableName(id: string): string {
  const src = readdirSync(__dirname, { recursive: true, encoding: "utf8" })
    .filter((f) => f.endsWith(".ts") && !f.endsWith(".test.ts"))
    .map((f) => readFileSync(join(__dirname, f), "utf8"))
    .find((s) => s.includes(`id: "${id}"`));
  return src?.match(/export const (\w+): Rule/)?.[1] ?? "__none__";
}
