/**
 * Progress for long work, always on stderr so stdout stays clean for results and --json.
 * - a spinner (ora, loaded lazily: ESM-only and costly at start-up) only on a terminal that reports a
 *   usable width, without NO_COLOR, TERM=dumb or CI: ora redraws forever at 0 columns (`script`,
 *   `kubectl exec -t` before a resize), so it never sees fewer columns than MIN_SPINNER_COLUMNS;
 * - one plain line per change elsewhere (pipes, CI, cron, NO_COLOR);
 * - nothing with --no-progress or when the caller is quiet (--json).
 * Every spinner is stopped when the command ends, whatever happened (main calls stopAllProgress), so
 * no timer outlives the command or its timeout.
 */
export interface Progress {
  update(text: string): void;
  succeed(text: string): void;
  fail(text: string): void;
}

export const silentProgress: Progress = { update() {}, succeed() {}, fail() {} };

/** Narrower terminals get plain lines: a spinner line would wrap on every frame. */
export const MIN_SPINNER_COLUMNS = 20;

class LineProgress implements Progress {
  private last = "";
  constructor(private readonly stream: NodeJS.WritableStream) {}
  update(text: string): void {
    if (text !== this.last) this.stream.write(`… ${text}\n`);
    this.last = text;
  }
  succeed(text: string): void {
    this.stream.write(`✔ ${text}\n`);
  }
  fail(text: string): void {
    this.stream.write(`✖ ${text}\n`);
  }
}

let disabled = false;
const active = new Set<{ stop(): void }>();

/** `--no-progress`: no spinner and no progress lines for the rest of this process (or until reset). */
export function setProgressEnabled(enabled: boolean): void {
  disabled = !enabled;
}

/** Stops every spinner still running (main calls this when a command ends, failed or not). */
export function stopAllProgress(): void {
  for (const spinner of active) spinner.stop();
  active.clear();
}

export type ProgressMode = "silent" | "lines" | "spinner";

/** Which kind of progress this stream and environment get. */
export function progressMode(stream: Pick<NodeJS.WriteStream, "isTTY" | "columns">, env: NodeJS.ProcessEnv = process.env, quiet = false): ProgressMode {
  if (quiet || disabled) return "silent";
  if (!stream.isTTY) return "lines";
  // https://no-color.org: present and not empty. A spinner is nothing but escape codes.
  if (env.NO_COLOR || env.TERM === "dumb" || env.CI) return "lines";
  if (!(Number(stream.columns) >= MIN_SPINNER_COLUMNS)) return "lines";
  return "spinner";
}

/**
 * The stream as ora sees it: the width never drops below MIN_SPINNER_COLUMNS, even if the terminal is
 * resized to 0 columns while the spinner runs (ora divides by the width to count lines to clear).
 */
function withSafeWidth(stream: NodeJS.WriteStream): NodeJS.WriteStream {
  return new Proxy(stream, {
    get(target, key) {
      if (key === "columns") return Math.max(Number(target.columns) || 0, MIN_SPINNER_COLUMNS);
      const value = Reflect.get(target, key, target);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}

/** A spinner on a usable terminal, plain lines otherwise, nothing when quiet (e.g. --json) or disabled. */
export async function createProgress(options: { quiet?: boolean; stream?: NodeJS.WriteStream; env?: NodeJS.ProcessEnv } = {}): Promise<Progress> {
  const stream = options.stream ?? process.stderr;
  const mode = progressMode(stream, options.env, options.quiet);
  if (mode === "silent") return silentProgress;
  if (mode === "lines") return new LineProgress(stream);
  const { default: ora } = await import("ora");
  // discardStdin false: ora would otherwise hold stdin in raw mode, and Ctrl+C must still interrupt.
  const spinner = ora({ stream: withSafeWidth(stream), discardStdin: false }).start();
  const handle = { stop: () => spinner.stop() };
  active.add(handle);
  const end = (finish: () => void) => {
    finish();
    active.delete(handle);
  };
  return {
    update: (text) => {
      if (!spinner.isSpinning) spinner.start();
      active.add(handle);
      spinner.text = text;
    },
    succeed: (text) => end(() => spinner.succeed(text)),
    fail: (text) => end(() => spinner.fail(text)),
  };
}
