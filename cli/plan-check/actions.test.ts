/**
 * The apply check's policy in docs/operations.md (§10.4) grants exactly the actions the check calls,
 * each on what AWS's Service Authorization Reference says it accepts.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { sarService } from "../../policies/engine/service-authorization";
import { PLAN_CHECK_ACTIONS } from "./channel-states";

type Statement = { Effect: string; Action: string | string[]; Resource: string | string[] };

const docs = readFileSync(join(__dirname, "../../docs/operations.md"), "utf8");
const policyJson = /```json\n(\{\n {2}"Version"[^`]*"ApplyCheckReadPool"[\s\S]*?)```/.exec(docs)![1]!;
const statements = (JSON.parse(policyJson) as { Statement: Statement[] }).Statement;
const list = (v: string | string[]) => (Array.isArray(v) ? v : [v]);

test("the documented policy grants exactly the check's actions, read-only", () => {
  expect(statements.flatMap((s) => list(s.Action)).sort()).toEqual([...PLAN_CHECK_ACTIONS].sort());
  expect(statements.every((s) => s.Effect === "Allow")).toBe(true);
});

test("each action is granted on what the SAR says it accepts: ARN patterns of its resource types, or * when it has none", () => {
  const medialive = sarService("medialive")!;
  for (const s of statements) {
    for (const action of list(s.Action)) {
      const types = medialive.actions.get(action.split(":")[1]!.toLowerCase())!.resourceTypes;
      if (!types.length) {
        expect([action, s.Resource]).toEqual([action, "*"]);
        continue;
      }
      // Every required resource type is matched by one of the statement's resources.
      for (const type of types.filter((t) => t.required)) {
        const pattern = medialive.arnPatterns.get(type.name.toLowerCase())!;
        const re = new RegExp(`^${pattern.replace(/[.*+?^()|[\]\\]/g, "\\$&").replace(/\$\{[^}]+\}/g, "[^:]+")}$`);
        const example = (list(s.Resource) as string[]).map((r) => r.replace("<region>", "ap-southeast-1").replace("<account>", "111111111111").replace(/\*$/, "1234567"));
        expect([action, type.name, example.some((r) => re.test(r))]).toEqual([action, type.name, true]);
      }
    }
  }
});
