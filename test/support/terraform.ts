import { execFile, execFileSync, spawnSync } from "node:child_process";
import { join } from "node:path";
import { offlineTerraformEnv } from "../../lib/terraform-offline";

/** Runs real Terraform offline (lib/terraform-offline.ts: local provider mirror, dummy credentials). */
export { providerMirror } from "../../lib/terraform-offline";

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

/** init + validate + plan; rejects with Terraform's own output on the first failure. */
export async function initValidatePlan(dir: string): Promise<{ plan: TerraformResult; planJson: unknown }> {
  for (const args of [["init", "-input=false"], ["validate"]]) {
    const r = await terraform(dir, args);
    if (r.status !== 0) throw new Error(`terraform ${args[0]} failed in ${dir}:\n${r.stderr}\n${r.stdout}`);
  }
  const plan = await terraform(dir, ["plan", "-input=false", "-lock=false", "-refresh=false", "-out=plan.tfplan"]);
  if (plan.status !== 0) throw new Error(`terraform plan failed in ${dir}:\n${plan.stderr}\n${plan.stdout.slice(-4000)}`);
  const show = await terraform(dir, ["show", "-json", "plan.tfplan"]);
  if (show.status !== 0) throw new Error(`terraform show failed in ${dir}:\n${show.stderr}`);
  return { plan, planJson: JSON.parse(show.stdout) };
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

/** Runs the compiled cdktf app (`npm test` builds first) with the given environment. */
export function synthApp(outdir: string, env: Record<string, string> = {}): TerraformResult {
  const result = spawnSync(process.execPath, [join(__dirname, "../../dist/tooling/synth-loader.js")], {
    encoding: "utf8",
    env: { ...process.env, LIVESTREAM_OFFLINE: "1", CDKTF_OUTDIR: outdir, ...env },
  });
  return { status: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

export function terraformVersion(): string {
  return execFileSync("terraform", ["version", "-json"], { encoding: "utf8" });
}
