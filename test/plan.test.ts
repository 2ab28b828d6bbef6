/**
 * Synthesizes every environment with the compiled app and runs real `terraform init`, `validate`
 * and `plan` on each stack, offline, from an empty state.
 */
import { mkdtempSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { initValidatePlan, synthApp } from "./support/terraform";

const outdir = mkdtempSync(join(tmpdir(), "livestream-plan-"));

beforeAll(() => {
  const r = synthApp(outdir);
  if (r.status !== 0) throw new Error(`synth failed:\n${r.stderr}`);
});

// The first test fails when the app writes a stack this list does not plan.
const STACKS = ["livestream-dev", "livestream-prod", "livestream-state-dev", "livestream-state-prod"];

test("synth writes the platform stack and the state bootstrap stack of each environment", () => {
  expect(readdirSync(join(outdir, "stacks")).sort()).toEqual(STACKS);
});

describe.each(STACKS)("%s", (stack) => {
  test("validates and plans offline from an empty state", () => {
    const { plan, planJson } = initValidatePlan(join(outdir, "stacks", stack));
    expect(plan.stdout).toMatch(/Plan: \d+ to add, 0 to change, 0 to destroy|No changes/);
    const changes = (planJson as { resource_changes?: { change: { actions: string[] } }[] }).resource_changes ?? [];
    expect(changes.every((c) => c.change.actions.join() === "create")).toBe(true);
  });
});
