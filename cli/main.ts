#!/usr/bin/env node
/**
 * The ops CLI entry: wires commands and loads each lazily, so `ops --help` pays for commander only.
 * Each command lives in ./commands/<name>.ts as an async function taking plain options.
 */
import { Command, CommanderError } from "commander";
import { ExitCode, OpsError } from "./errors";

function run<T>(load: () => Promise<(opts: T) => Promise<void>>) {
  return async (opts: T) => {
    const command = await load();
    await command(opts);
  };
}

export function buildProgram(): Command {
  const program = new Command("ops")
    .description("Operate the live-streaming platform: forecast its cost and run its MediaLive channels.")
    .showHelpAfterError("(run with --help for usage)")
    .exitOverride();

  // Commands register here; keep option parsing in this file and the work in ./commands.
  return program;
}

/** Runs the CLI and returns the exit code (never calls process.exit itself). */
export async function main(argv: string[]): Promise<number> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv, { from: "user" });
    return ExitCode.Ok;
  } catch (err) {
    if (err instanceof CommanderError) {
      // --help and --version arrive here as "errors" with exit code 0.
      return err.exitCode === 0 ? ExitCode.Ok : ExitCode.Usage;
    }
    if (err instanceof OpsError) {
      process.stderr.write(`error: ${err.message}\n`);
      if (err.hint) process.stderr.write(`hint: ${err.hint}\n`);
      return err.exitCode;
    }
    process.stderr.write(`internal error: ${(err as Error).stack ?? String(err)}\n`);
    return ExitCode.Internal;
  }
}

export { run as lazy };

if (require.main === module) {
  main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
