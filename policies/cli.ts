#!/usr/bin/env node
/**
 * `npm run policy`: synthesizes every environment in report mode and prints the policy report.
 *   --format table|json|sarif   (default table)
 *   --output <file>             write the report there instead of stdout
 * Exit codes: 0 clean, 1 unsuppressed errors or stale suppressions, 2 bad flags, configuration or
 * an --output that cannot be written (checked before the synthesis).
 */
import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { Command, CommanderError, Option } from "commander";
import { TerraformStack } from "cdktf";
import { ConfigError, loadAllEnvironments } from "../config/load";
import { writeFileAtomic } from "../lib/atomic-write";
import { buildPlatformApp } from "../stacks/app";
import { PolicyPack } from "./engine/policy-pack";
import { formatTable, staleSuppressions, toJsonReport, toSarif } from "./engine/report";
import type { StackReport } from "./engine/types";
import { ALL_RULES } from "./rules";

/** Synthesizes all environments into a scratch folder with the pack in report mode. */
export function collectReports(): StackReport[] {
  const outdir = mkdtempSync(join(tmpdir(), "policy-"));
  try {
    const app = buildPlatformApp({ environments: loadAllEnvironments(), offline: true, outdir, policy: "report" });
    app.synth();
    const stacks = app.node.children.filter(TerraformStack.isStack);
    const pack = stacks.map((s) => PolicyPack.of(s)).find((p) => p !== undefined);
    return pack ? [...pack.reports] : [];
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}

export function render(reports: readonly StackReport[], format: string): string {
  if (format === "json") return `${JSON.stringify(toJsonReport(reports), null, 2)}\n`;
  if (format === "sarif") return `${JSON.stringify(toSarif(reports, ALL_RULES), null, 2)}\n`;
  return formatTable(reports);
}

/** Why the report cannot be written to `file`, checked before the (slow) synthesis; undefined when it can. */
export function outputProblem(file: string): string | undefined {
  const folder = dirname(resolve(file));
  try {
    if (!statSync(folder).isDirectory()) return `${folder} is not a folder`;
  } catch {
    return `the folder ${folder} does not exist`;
  }
  try {
    if (statSync(file).isDirectory()) return `${file} is a folder; name a file`;
  } catch {
    // a new file: fine
  }
  return undefined;
}

/** Runs the report; `collect` is the synthesis (tests hand in reports of their own). */
export function main(argv: string[], collect: () => StackReport[] = collectReports): number {
  const program = new Command("policy")
    .description("Check every stack against the policy pack and print the report.")
    .addOption(new Option("--format <format>", "output format").choices(["table", "json", "sarif"]).default("table"))
    .option("--output <file>", "write the report to a file instead of stdout")
    .exitOverride();
  try {
    program.parse(argv, { from: "user" });
  } catch (err) {
    if (err instanceof CommanderError) return err.exitCode === 0 ? 0 : 2;
    throw err;
  }
  const opts = program.opts<{ format: string; output?: string }>();
  const unwritable = opts.output === undefined ? undefined : outputProblem(opts.output);
  if (unwritable) {
    process.stderr.write(`policy: --output ${opts.output}: ${unwritable}\n`);
    return 2;
  }
  let reports: StackReport[];
  try {
    reports = collect();
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`policy: ${err.message}\n`);
      return 2;
    }
    throw err;
  }
  const text = render(reports, opts.format);
  if (opts.output) {
    try {
      writeFileAtomic(opts.output, text);
    } catch (err) {
      process.stderr.write(`policy: --output ${opts.output}: cannot write (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})\n`);
      return 2;
    }
  } else process.stdout.write(text);
  const errors = reports.reduce((n, r) => n + r.counts.error, 0);
  const stale = reports.reduce((n, r) => n + staleSuppressions(r).length, 0);
  if (errors > 0) process.stderr.write(`policy: ${errors} unsuppressed error(s)\n`);
  if (stale > 0) process.stderr.write(`policy: ${stale} stale suppression(s) (see the suppressions lines)\n`);
  return errors > 0 || stale > 0 ? 1 : 0;
}

if (require.main === module) process.exitCode = main(process.argv.slice(2));
