import { existsSync, renameSync, rmSync } from "node:fs";
import type { App } from "cdktf";

/**
 * Synthesizes into `<outdir>.partial-<pid>` and swaps it into place only when every stack has
 * synthesized and passed its validations (the policy pack among them), so a failed synth leaves the
 * previous output untouched instead of half of a new one.
 */
export function synthesizeAtomically(outdir: string, build: (outdir: string) => App): void {
  const partial = `${outdir}.partial-${process.pid}`;
  rmSync(partial, { recursive: true, force: true });
  try {
    build(partial).synth();
  } catch (err) {
    rmSync(partial, { recursive: true, force: true });
    throw err;
  }
  if (existsSync(outdir)) rmSync(outdir, { recursive: true, force: true });
  renameSync(partial, outdir);
}

/**
 * cdktf records a full stack trace for every token it creates (to point at its origin should it
 * fail to resolve); formatting those traces is about a sixth of the whole synth. Traces of real
 * errors keep their usual form; set LIVESTREAM_TOKEN_TRACES=1 when debugging a token error.
 */
export function skipTokenCreationTraces(): void {
  if (process.env.LIVESTREAM_TOKEN_TRACES === "1") return;
  Error.prepareStackTrace = (error, frames) => {
    // cdktf captures into a plain object, never an Error: give it an empty trace.
    if (!(error instanceof Error)) return "";
    const header = error.message ? `${error.name}: ${error.message}` : error.name;
    return [header, ...frames.map((frame) => `    at ${frame}`)].join("\n");
  };
}
