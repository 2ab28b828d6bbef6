/**
 * The one harness CLI tests run `ops` through: in a child process from dist/ (real argv, exit code
 * and streams), or in this process through main() (fast; shares process.env and the fakes).
 */
import { execFile } from "node:child_process";
import { main } from "../../cli/main";
import { builtEntry } from "./built";

export interface OpsRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** The compiled CLI (`npm test` builds first); fails the test when dist/ is older than the sources. */
export const opsBin = (): string => builtEntry("cli/main.js");

/**
 * Runs the built `ops` in a child process, as an operator would: real argv, real exit code, stdout
 * and stderr apart. Asynchronous, so fake AWS servers in the test process keep answering.
 * `env` replaces the environment entirely (PATH and the instance-metadata switch are kept).
 */
export function runOps(args: string[], env: Record<string, string | undefined> = {}, options: { timeoutMs?: number; cwd?: string } = {}): Promise<OpsRun> {
  const bin = opsBin();
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [bin, ...args],
      {
        cwd: options.cwd,
        timeout: options.timeoutMs ?? 60_000,
        maxBuffer: 64 * 1024 * 1024,
        // Never ask the EC2 metadata endpoint for credentials from a test.
        env: { PATH: process.env.PATH, AWS_EC2_METADATA_DISABLED: "true", ...env } as NodeJS.ProcessEnv,
      },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === "number" ? error.code : -1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

/** Runs main(argv) in this process, capturing stdout and stderr (fast; shares process.env). */
export async function runOpsInProcess(...argv: string[]): Promise<OpsRun> {
  let stdout = "";
  let stderr = "";
  const out = jest.spyOn(process.stdout, "write").mockImplementation((chunk: string | Uint8Array) => {
    stdout += String(chunk);
    return true;
  });
  const err = jest.spyOn(process.stderr, "write").mockImplementation((chunk: string | Uint8Array) => {
    stderr += String(chunk);
    return true;
  });
  try {
    const code = await main(argv);
    return { code, stdout, stderr };
  } finally {
    out.mockRestore();
    err.mockRestore();
  }
}
