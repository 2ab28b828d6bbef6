/**
 * `npm run plan -- <env>`: what `terraform plan` would do for an environment, with no AWS account,
 * no credentials and no registry. It synthesizes the environment offline (LIVESTREAM_OFFLINE: local
 * state backend, no AWS calls before planning) into cdktf.out/offline/<env>, then runs real
 * `terraform init` and `terraform plan` in each stack folder with the provider from the local
 * mirror (lib/terraform-offline.ts, as the plan tests do). Every stack plans from an empty state.
 */
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { parseArgs } from "node:util";
import { listEnvironments } from "../../config/load";
import { didYouMean } from "../../lib/did-you-mean";
import { projectRoot } from "../../lib/project-root";
import { offlineTerraformEnv } from "../../lib/terraform-offline";
import { bootstrapStackName, stackName } from "../../contracts/stacks";

export const USAGE = `usage: npm run plan -- <environment> [--stack platform|bootstrap|all] [--out <dir>]

Synthesizes the environment offline and runs terraform init + plan on its stacks with the local
provider mirror (TF_PLUGIN_MIRROR) and dummy credentials: no AWS account, no registry.
  --stack  platform (livestream-<env>), bootstrap (livestream-bootstrap-<env>) or all (default)
  --out    synth folder (default: cdktf.out/offline/<env>)`;

export interface PlanRun {
  readonly stack: string;
  /** terraform's "Plan: ..." or "No changes." line. */
  readonly summary: string;
  readonly planFile: string;
}

export class PlanUsageError extends Error {}

interface Io {
  readonly stdout: NodeJS.WritableStream & { isTTY?: boolean };
  readonly stderr: NodeJS.WritableStream;
}

/** Runs the whole offline plan; returns the exit code (0 planned, 1 terraform or synth failed, 2 bad arguments). */
export async function offlinePlan(argv: string[], io: Io = { stdout: process.stdout, stderr: process.stderr }): Promise<number> {
  let env: string;
  let stacks: string[];
  let outdir: string;
  try {
    ({ env, stacks, outdir } = parsePlanArgs(argv));
  } catch (err) {
    if (!(err instanceof PlanUsageError)) throw err;
    io.stderr.write(`error: ${err.message}\n${USAGE}\n`);
    return 2;
  }
  const root = projectRoot(__dirname);
  // The cdktf app itself (`npm run synth`): it rebuilds a stale synth bundle first.
  const app = join(root, "tooling", "synth-app.js");
  io.stderr.write(`synthesizing ${env} offline into ${relative(root, outdir) || outdir}\n`);
  mkdirSync(dirname(outdir), { recursive: true });
  const synth = spawnSync(process.execPath, [app], {
    cwd: root,
    env: { ...process.env, LIVESTREAM_OFFLINE: "1", LIVESTREAM_ENVIRONMENTS: env, CDKTF_OUTDIR: outdir },
    stdio: ["ignore", "inherit", "inherit"],
  });
  if (synth.status !== 0) {
    io.stderr.write(`error: synth of ${env} failed (exit ${synth.status}); nothing planned\n`);
    return 1;
  }
  const color = !!io.stdout.isTTY && !process.env.NO_COLOR;
  const runs: PlanRun[] = [];
  for (const stack of stacks) {
    const dir = join(outdir, "stacks", stack);
    if (!existsSync(dir)) {
      io.stderr.write(`error: synth wrote no stack ${stack} in ${dir}\n`);
      return 1;
    }
    io.stderr.write(`terraform init ${stack}\n`);
    const init = await terraform(dir, ["init", "-input=false"], color, undefined);
    if (init.status !== 0) {
      io.stderr.write(`${init.output}\nerror: terraform init failed for ${stack}\n`);
      return 1;
    }
    const plan = await terraform(dir, ["plan", "-input=false", "-lock=false", "-refresh=false", "-out=plan.tfplan"], color, io.stdout);
    if (plan.status !== 0) {
      io.stderr.write(`error: terraform plan failed for ${stack}\n`);
      return 1;
    }
    const summary = plan.output.split("\n").map(stripAnsi).find((l) => /^(Plan: |No changes\.)/.test(l.trim()))?.trim() ?? "planned";
    runs.push({ stack, summary, planFile: relative(root, join(dir, "plan.tfplan")) });
  }
  for (const r of runs) io.stdout.write(`${r.stack}: ${r.summary} (saved plan: ${r.planFile}; \`terraform show\` it in that folder)\n`);
  return 0;
}

export function parsePlanArgs(argv: string[]): { env: string; stacks: string[]; outdir: string } {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, allowPositionals: true, strict: true, options: { stack: { type: "string", default: "all" }, out: { type: "string" } } });
  } catch (err) {
    throw new PlanUsageError((err as Error).message);
  }
  const [env, ...extra] = parsed.positionals;
  if (!env) throw new PlanUsageError("name an environment");
  if (extra.length) throw new PlanUsageError(`one environment at a time, got ${parsed.positionals.join(" ")}`);
  const known = listEnvironments();
  if (!known.includes(env)) throw new PlanUsageError(`no environment '${env}' in config/environments${didYouMean(env, known)} (known: ${known.join(", ")})`);
  const choice = parsed.values.stack!;
  const byChoice: Record<string, string[]> = {
    platform: [stackName(env)],
    bootstrap: [`livestream-bootstrap-${env}`],
    all: [stackName(env), bootstrapStackName(env)],
  };
  if (!byChoice[choice]) throw new PlanUsageError(`--stack must be platform, bootstrap or all, got '${choice}'`);
  const outdir = parsed.values.out ?? join(projectRoot(__dirname), "cdktf.out", "offline", env);
  return { env, stacks: byChoice[choice]!, outdir };
}

const stripAnsi = (s: string) => s.replace(/\u001b\[[0-9;]*m/g, "");

/** Runs terraform in dir, offline; streams its output to `echo` when given, and keeps it. */
function terraform(dir: string, args: string[], color: boolean, echo: NodeJS.WritableStream | undefined): Promise<{ status: number; output: string }> {
  return new Promise((resolve) => {
    const child = spawn("terraform", color ? args : [...args, "-no-color"], { cwd: dir, env: offlineTerraformEnv(), stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    const keep = (chunk: Buffer) => {
      output += chunk.toString();
      echo?.write(chunk);
    };
    child.stdout.on("data", keep);
    child.stderr.on("data", keep);
    child.on("error", (err) => resolve({ status: 1, output: `cannot run terraform: ${err.message}` }));
    child.on("close", (code) => resolve({ status: code ?? 1, output }));
  });
}
