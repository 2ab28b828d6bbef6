/**
 * The project's own stacks, synthesized with the real environment configs, pass the pack with zero
 * unsuppressed errors. A failure lists each violation with its fix.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { TerraformStack } from "cdktf";
import { loadAllEnvironments } from "../config/load";
import { buildPlatformApp } from "../stacks/app";
import { PolicyPack } from "./engine/policy-pack";
import { ALL_RULES } from "./rules";

test("dev and prod stacks have zero unsuppressed error-level violations and no stale suppressions", () => {
  const outdir = mkdtempSync(join(tmpdir(), "policy-project-"));
  try {
    const environments = loadAllEnvironments();
    expect(environments.map((e) => e.tier).sort()).toEqual(["dev", "prod"]);
    const app = buildPlatformApp({ environments, offline: true, outdir, policy: "report" });
    app.synth();
    const stacks = app.node.children.filter(TerraformStack.isStack);
    const pack = PolicyPack.of(stacks[0])!;
    expect(pack.reports.map((r) => r.stack).sort()).toEqual(stacks.map((s) => s.node.id).sort());
    for (const r of pack.reports) expect(r.rulesEvaluated).toBeGreaterThan(ALL_RULES.length / 2);
    const errors = pack.reports.flatMap((r) => r.findings.filter((f) => f.level === "error" && !f.suppressedBy).map((f) => `${f.ruleId} ${f.path}: ${f.message} -> ${f.fix}`));
    expect(errors).toEqual([]);
    const stale = pack.reports.flatMap((r) => r.suppressions.filter((s) => s.stale).map((s) => `${s.ruleId} on ${s.path}`));
    expect(stale).toEqual([]);
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
});
