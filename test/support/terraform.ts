import { execFile, spawnSync } from "node:child_process";
import { join } from "node:path";
import { offlineTerraformEnv } from "../../lib/terraform-offline";

/** Runs real Terraform offline (lib/terraform-offline.ts: local provider mirror, dummy credentials). */

export interface TerraformResult {
  readonly status: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `terraform <args>` in dir with dummy credentials and no network lookups. */
export function terraform(dir: string, args: string[]): Promise<TerraformResult> {
  return new Promise((resolve) => {
    execFile("terraform", [...args, "-no-color"], { cwd: dir, env: offlineTerraformEnv(), maxBuffer: 256 * 1024 * 1024 }, (error, stdout, stderr) => {
      const status = error ? (typeof error.code === "number" ? error.code : -1) : 0;
      resolve({ status, stdout, stderr });
    });
  });
}

/** One resource change of a plan, from `terraform plan -json`'s planned_change messages. */
export interface PlannedChange {
  /** Resource address, e.g. aws_s3_bucket.state (data sources start with `data.`). */
  readonly address: string;
  readonly type: string;
  /** create, update, delete, replace, read, noop, ... */
  readonly action: string;
}

export interface PlanOutcome {
  /** Terraform's own summary line, e.g. "Plan: 216 to add, 0 to change, 0 to destroy." */
  readonly summary: string;
  readonly changes: readonly PlannedChange[];
}

/**
 * init + validate + plan; rejects with Terraform's own output on the first failure. The plan's
 * machine-readable stream (-json) gives the changes directly: no plan file, no `terraform show`
 * (each Terraform command starts the 700 MB provider again).
 */
export async function initValidatePlan(dir: string): Promise<PlanOutcome> {
  for (const args of [["init", "-input=false"], ["validate"]]) {
    const r = await terraform(dir, args);
    if (r.status !== 0) throw new Error(`terraform ${args[0]} failed in ${dir}:\n${r.stderr}\n${r.stdout}`);
  }
  const plan = await terraform(dir, ["plan", "-input=false", "-lock=false", "-refresh=false", "-json"]);
  const messages = plan.stdout
    .split("\n")
    .filter((line) => line.startsWith("{"))
    .map((line) => JSON.parse(line) as { type: string; "@message": string; "@level": string; change?: { action: string; resource: { addr: string; resource_type: string } } });
  if (plan.status !== 0) {
    const errors = messages.filter((m) => m["@level"] === "error").map((m) => m["@message"]);
    throw new Error(`terraform plan failed in ${dir}:\n${plan.stderr}\n${errors.join("\n") || plan.stdout.slice(-4000)}`);
  }
  const summary = messages.find((m) => m.type === "change_summary")?.["@message"] ?? "";
  const changes = messages
    .filter((m) => m.type === "planned_change" && m.change)
    .map((m) => ({ address: m.change!.resource.addr, type: m.change!.resource.resource_type, action: m.change!.action }));
  return { summary, changes };
}

/** Runs tasks with at most `limit` in flight (the machines here have 2 cores). */
export function limitConcurrency<T>(limit: number, tasks: readonly (() => Promise<T>)[]): Promise<T>[] {
  let active = 0;
  const queue: (() => void)[] = [];
  const next = () => {
    active--;
    queue.shift()?.();
  };
  return tasks.map(
    (task) =>
      new Promise<T>((resolve, reject) => {
        const start = () => {
          active++;
          task().then(resolve, reject).finally(next);
        };
        if (active < limit) start();
        else queue.push(start);
      }),
  );
}

/** Runs the cdktf app as `cdktf synth` does (tooling/synth-app.js: it rebuilds a stale bundle first). */
export function synthApp(outdir: string, env: Record<string, string> = {}): TerraformResult {
  const result = spawnSync(process.execPath, [join(__dirname, "../../tooling/synth-app.js")], {
    encoding: "utf8",
    env: { ...process.env, LIVESTREAM_OFFLINE: "1", CDKTF_OUTDIR: outdir, ...env },
  });
  return { status: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

