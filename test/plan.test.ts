/**
 * Synthesizes every environment with the compiled app and runs real `terraform init`, `validate`
 * and `plan` on each stack, offline, from an empty state (two stacks at a time).
 */
import { mkdtempSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { initValidatePlan, limitConcurrency, synthApp } from "./support/terraform";

// The first test fails when the app writes a stack this list does not plan.
const STACKS = ["livestream-bootstrap-dev", "livestream-bootstrap-prod", "livestream-dev", "livestream-prod"];

// Planning ~200 resources takes tens of seconds on an idle 2-core machine; give a loaded one room.
jest.setTimeout(600_000);

const outdir = mkdtempSync(join(tmpdir(), "livestream-plan-"));
let plans: Record<string, ReturnType<typeof initValidatePlan>> = {};

beforeAll(() => {
  const r = synthApp(outdir);
  if (r.status !== 0) throw new Error(`synth failed:\n${r.stderr}`);
  const started = limitConcurrency(2, STACKS.map((stack) => () => initValidatePlan(join(outdir, "stacks", stack))));
  started.forEach((p) => p.catch(() => undefined)); // failures surface in each stack's own test
  plans = Object.fromEntries(STACKS.map((stack, i) => [stack, started[i]]));
});

test("synth writes the platform stack and the bootstrap stack of each environment", () => {
  expect(readdirSync(join(outdir, "stacks")).sort()).toEqual(STACKS);
});

describe.each(STACKS)("%s", (stack) => {
  test("validates and plans offline from an empty state: only creations", async () => {
    const { summary, changes } = await plans[stack];
    expect(summary).toMatch(/^Plan: [1-9]\d* to add, 0 to change, 0 to destroy/);
    // Policy documents whose inputs are known only after apply are read then: only managed resources count.
    const managed = changes.filter((c) => !c.address.startsWith("data.") && !c.address.includes(".data."));
    expect(managed.length).toBe(Number(/Plan: (\d+) to add/.exec(summary)![1]));
    expect(managed.filter((c) => c.action !== "create")).toEqual([]);
  });
});
