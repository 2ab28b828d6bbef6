/**
 * Typed errors that commands throw instead of calling process.exit. The entry point maps each to
 * an exit code, so scripts can tell a typo from an AWS outage.
 */
export const ExitCode = {
  Ok: 0,
  /** A bug or an unexpected failure. */
  Internal: 1,
  /** Bad flags, bad input files, bad configuration: fix the input and run again. */
  Usage: 2,
  /** AWS (or PostgreSQL) refused or failed after retries: try again later or fix permissions. */
  Remote: 3,
  /** A bounded wait ran out (a channel stuck in a transitional state). */
  Timeout: 4,
  /** The request is valid but cannot be satisfied (a channel pool too small for the schedule). */
  Infeasible: 5,
  /** Partly done: some actions succeeded and others failed; the report lists both. */
  Partial: 6,
} as const;
export type ExitCodeValue = (typeof ExitCode)[keyof typeof ExitCode];

export class OpsError extends Error {
  constructor(
    message: string,
    readonly exitCode: ExitCodeValue,
    /** A one-line hint on how to fix it, printed after the message. */
    readonly hint?: string,
    /** Machine-readable detail (what was done, what failed) printed with the error under --json. */
    readonly details?: unknown,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** Invalid flags or input: names the flag, file, line or field. */
export class UsageError extends OpsError {
  constructor(message: string, hint?: string, details?: unknown) {
    super(message, ExitCode.Usage, hint, details);
  }
}

/** An AWS or database call failed after the SDK's retries. */
export class RemoteError extends OpsError {
  constructor(message: string, hint?: string, details?: unknown) {
    super(message, ExitCode.Remote, hint, details);
  }
}

/** A bounded wait ran out. */
export class TimeoutError extends OpsError {
  constructor(message: string, hint?: string, details?: unknown) {
    super(message, ExitCode.Timeout, hint, details);
  }
}

/** The input is valid but cannot be satisfied. */
export class InfeasibleError extends OpsError {
  constructor(message: string, hint?: string, details?: unknown) {
    super(message, ExitCode.Infeasible, hint, details);
  }
}

/** Some of the work was done and some failed: the report (details) lists both. */
export class PartialError extends OpsError {
  constructor(message: string, hint?: string, details?: unknown) {
    super(message, ExitCode.Partial, hint, details);
  }
}

/** The word scripts read for each exit code (the `error.type` of a --json failure). */
export const EXIT_CODE_NAMES: Record<ExitCodeValue, string> = {
  0: "ok",
  1: "internal",
  2: "usage",
  3: "remote",
  4: "timeout",
  5: "infeasible",
  6: "partial",
};

/** What a failed command prints to stdout under --json: `error`, plus the command's report so far. */
export interface JsonFailure {
  readonly error: { readonly type: string; readonly exitCode: number; readonly message: string; readonly hint?: string };
  readonly [field: string]: unknown;
}

/**
 * The JSON envelope of a failure: `{ "error": {type, exitCode, message, hint}, ...details }`. A
 * command's details are its report as far as it got, in the same shape as its success output, so a
 * script reads both with one parser and checks `.error`; details that are not an object go under `details`.
 */
export function jsonFailure(message: string, exitCode: ExitCodeValue, hint?: string, details?: unknown): JsonFailure {
  const error = { type: EXIT_CODE_NAMES[exitCode], exitCode, message, ...(hint ? { hint } : {}) };
  if (details === undefined) return { error };
  // `error` first for people reading it; the report's fields after it.
  if (details && typeof details === "object" && !Array.isArray(details)) return Object.assign({ error }, details, { error });
  return { error, details };
}
