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
  constructor(message: string, hint?: string) {
    super(message, ExitCode.Usage, hint);
  }
}

/** An AWS or database call failed after the SDK's retries. */
export class RemoteError extends OpsError {
  constructor(message: string, hint?: string) {
    super(message, ExitCode.Remote, hint);
  }
}

/** A bounded wait ran out. */
export class TimeoutError extends OpsError {
  constructor(message: string, hint?: string) {
    super(message, ExitCode.Timeout, hint);
  }
}

/** The input is valid but cannot be satisfied. */
export class InfeasibleError extends OpsError {
  constructor(message: string, hint?: string) {
    super(message, ExitCode.Infeasible, hint);
  }
}

/** Some of the work was done and some failed: the report (details) lists both. */
export class PartialError extends OpsError {
  constructor(message: string, hint?: string, details?: unknown) {
    super(message, ExitCode.Partial, hint, details);
  }
}
