/**
 * Flags several commands share, and the parsers that turn flag text into values. A parser throws
 * commander's InvalidArgumentError: commander prints the message and main maps it to exit code 2
 * (a JSON envelope on stdout under --json).
 */
import { type Command, InvalidArgumentError } from "commander";
import { DEFAULT_MAX_ATTEMPTS } from "./aws/clients";
import { OpsError } from "./errors";
import { parseDuration, type DurationLimits } from "./support/duration";

/** `--region`, `--profile`, `--max-attempts`, `--json`: every command that calls AWS takes these. */
export function withAws(cmd: Command): Command {
  return cmd
    .option("--region <region>", "AWS region (default: $AWS_REGION, then the profile's region in ~/.aws/config)")
    .option("--profile <name>", "named profile of ~/.aws/config and ~/.aws/credentials (default: $AWS_PROFILE)")
    .option("--max-attempts <n>", `attempts per AWS call, standard retry mode (1-10) (default: ${DEFAULT_MAX_ATTEMPTS})`, integerFlag("--max-attempts"))
    .option("--json", "print JSON to stdout, also on failure (progress goes to stderr)");
}


/** A whole number such as 3. */
export function integerFlag(flag: string) {
  return (value: string): number => {
    const n = Number(value);
    if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(n)) throw new InvalidArgumentError(`${flag} expects a whole number, got '${value}'`);
    return n;
  };
}

/** A whole decimal number (no sign, fraction, exponent or hex; `_` separators allowed): user counts and months. */
export function wholeNumberFlag(flag: string) {
  return (value: string): number => {
    const text = value.trim().replace(/_/g, "");
    if (!/^\d+$/.test(text) || !Number.isSafeInteger(Number(text))) throw new InvalidArgumentError(`${flag} expects a whole decimal number such as 10000, got '${value}'`);
    return Number(text);
  };
}

/** A plain decimal number such as 0.1 or -0.05 (no exponent, hex or percent sign). */
export function decimalFlag(flag: string) {
  return (value: string): number => {
    const text = value.trim();
    if (!/^-?(\d+(\.\d*)?|\.\d+)$/.test(text)) throw new InvalidArgumentError(`${flag} expects a decimal fraction such as 0.1 (+10 %), got '${value}'`);
    return Number(text);
  };
}

/**
 * A duration with a unit (`10m`, `50s`, `1h30m`, `250ms`), as milliseconds. Bare numbers are refused
 * with the unit to add. Help texts say "(a duration: 10m, 50s)"; defaults are given in the same form.
 */
export function durationFlag(flag: string, limits: DurationLimits = {}) {
  return (value: string): number => {
    try {
      return parseDuration(value, flag, limits);
    } catch (err) {
      if (err instanceof OpsError) throw new InvalidArgumentError(err.message);
      throw err;
    }
  };
}

/** Like durationFlag but keeps the text: for commands that still take the duration as a string. */
export function durationTextFlag(flag: string, limits: DurationLimits = {}) {
  const parse = durationFlag(flag, limits);
  return (value: string): string => {
    parse(value);
    return value.trim();
  };
}
