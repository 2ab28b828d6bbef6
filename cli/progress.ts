/**
 * Progress for long work. On a terminal it is an ora spinner (loaded lazily: ora is ESM-only and
 * costs start-up time); elsewhere (CI, cron, pipes) it prints one plain line per change, to stderr,
 * so stdout stays clean for --json.
 */
export interface Progress {
  update(text: string): void;
  succeed(text: string): void;
  fail(text: string): void;
}

export const silentProgress: Progress = { update() {}, succeed() {}, fail() {} };

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

/** A spinner on a TTY, plain lines otherwise, nothing when quiet (e.g. --json). */
export async function createProgress(options: { quiet?: boolean; stream?: NodeJS.WriteStream } = {}): Promise<Progress> {
  if (options.quiet) return silentProgress;
  const stream = options.stream ?? process.stderr;
  if (!stream.isTTY) return new LineProgress(stream);
  const { default: ora } = await import("ora");
  const spinner = ora({ stream }).start();
  return {
    update: (text) => {
      spinner.text = text;
    },
    succeed: (text) => {
      spinner.succeed(text);
    },
    fail: (text) => {
      spinner.fail(text);
    },
  };
}
