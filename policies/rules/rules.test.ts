import { readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import ts from "typescript";
import type { Rule } from "../engine/types";
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

test("every rule is declared by exactly one test file that requires a compliant and a non-compliant example of it", () => {
  const declared = ruleTestDeclarations();
  const ids = declared.map((d) => d.rule.id);
  expect(ALL_RULES.map((r) => r.id).filter((id) => !ids.includes(id))).toEqual([]);
  expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([]);
  // Each declared rule is the pack's own object, not a look-alike.
  for (const d of declared) expect([d.file, ALL_RULES.includes(d.rule)]).toEqual([d.file, true]);
});

/**
 * The rules named by each rule test file's top-level `requireBothOutcomes([...])` call (policies/testing.ts),
 * read from the syntax tree, so a rule named in a comment or a string declares nothing. Each name is
 * resolved through the file's imports to the rule object its module exports.
 */
function ruleTestDeclarations(): { file: string; rule: Rule }[] {
  const files = readdirSync(__dirname, { recursive: true, encoding: "utf8" }).filter((f) => f.endsWith(".test.ts") && f.includes("/"));
  return files.flatMap((file) => {
    const path = join(__dirname, file);
    const source = ts.createSourceFile(file, readFileSync(path, "utf8"), ts.ScriptTarget.Latest, true);
    const imports = new Map<string, { module: string; name: string }>();
    for (const statement of source.statements) {
      if (!ts.isImportDeclaration(statement) || !ts.isStringLiteral(statement.moduleSpecifier)) continue;
      const bindings = statement.importClause?.namedBindings;
      if (bindings && ts.isNamedImports(bindings)) for (const e of bindings.elements) imports.set(e.name.text, { module: statement.moduleSpecifier.text, name: (e.propertyName ?? e.name).text });
    }
    return source.statements.flatMap((statement) => {
      if (!ts.isExpressionStatement(statement) || !ts.isCallExpression(statement.expression)) return [];
      const call = statement.expression;
      if (!ts.isIdentifier(call.expression) || call.expression.text !== "requireBothOutcomes") return [];
      const list = call.arguments[0];
      if (!list || !ts.isArrayLiteralExpression(list)) throw new Error(`${file}: requireBothOutcomes takes an array of imported rules`);
      return list.elements.map((element) => {
        const imported = ts.isIdentifier(element) ? imports.get(element.text) : undefined;
        if (!imported) throw new Error(`${file}: ${element.getText(source)} is not a rule imported by name`);
        const rule = (require(join(dirname(path), imported.module)) as Record<string, Rule>)[imported.name];
        return { file, rule: rule! };
      });
    });
  });
}
