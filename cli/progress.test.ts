/**
 * The spinner never runs where it cannot work: a terminal reporting 0 columns (ora then redraws
 * forever at 100 % CPU and the command's timeout never fires), NO_COLOR, pipes, --no-progress.
 * The pseudo-terminal cases run the built CLI under `script`, as an operator's shell would.
 */
import { execFile } from "node:child_process";
import { startFakeAws, type FakeAws } from "../test/fakes/aws";
import { builtEntry } from "../test/support/built";
import { opsBin, runOps } from "../test/support/ops-cli";
import { ExitCode } from "./errors";
import { MIN_SPINNER_COLUMNS, progressMode, setProgressEnabled } from "./progress";

test("progress mode: spinner only on a terminal with a usable width and colours allowed", () => {
  const tty = (columns: number | undefined) => ({ isTTY: true, columns }) as never;
  expect(progressMode(tty(80), {})).toBe("spinner");
  expect(progressMode(tty(0), {})).toBe("lines");
  expect(progressMode(tty(undefined), {})).toBe("lines");
  expect(progressMode(tty(MIN_SPINNER_COLUMNS - 1), {})).toBe("lines");
  expect(progressMode(tty(80), { NO_COLOR: "1" })).toBe("lines");
  expect(progressMode(tty(80), { NO_COLOR: "" })).toBe("spinner"); // no-color.org: present and not empty
  expect(progressMode(tty(80), { TERM: "dumb" })).toBe("lines");
  expect(progressMode({ isTTY: false, columns: 80 } as never, {})).toBe("lines");
  expect(progressMode(tty(80), {}, true)).toBe("silent");
  setProgressEnabled(false);
  try {
    expect(progressMode(tty(80), {})).toBe("silent");
  } finally {
    setProgressEnabled(true);
  }
});

test("a spinner whose terminal shrinks to 0 columns keeps drawing a bounded amount and stops", async () => {
  // In a child process on the compiled module: ora is ESM and jest's runtime cannot import it, and
  // a spinner that loops forever must be killable (the timeout) rather than hang the test runner.
  const script = `
    const { Writable } = require("node:stream");
    const { createProgress, stopAllProgress } = require(${JSON.stringify(builtEntry("cli/progress.js"))});
    let written = 0;
    const stream = Object.assign(new Writable({ write(chunk, _e, done) { written += chunk.length; done(); } }),
      { isTTY: true, columns: 80, rows: 24, cursorTo() {}, moveCursor() {}, clearLine() {} });
    (async () => {
      const progress = await createProgress({ stream, env: {} });
      progress.update("1000001: STARTING");
      stream.columns = 0; // resized to nothing while spinning (kubectl exec -t before a resize)
      await new Promise((r) => setTimeout(r, 400));
      progress.update("1000001: RUNNING");
      await new Promise((r) => setTimeout(r, 200));
      progress.succeed("1000001: started");
      stopAllProgress();
      process.stdout.write(String(written));
    })();`;
  const out = await new Promise<{ code: number; stdout: string }>((resolve) =>
    execFile(process.execPath, ["-e", script], { timeout: 20_000 }, (error, stdout) => resolve({ code: error ? -1 : 0, stdout })),
  );
  expect(out.code).toBe(0);
  // A few frames of a few dozen bytes each, not an endless stream of escape codes.
  expect(Number(out.stdout)).toBeGreaterThan(0);
  expect(Number(out.stdout)).toBeLessThan(10_000);
});

describe("through the built CLI in a pseudo-terminal", () => {
  let aws: FakeAws;
  beforeEach(async () => {
    aws = await startFakeAws({ startMs: 0, stopMs: 0 });
    aws.medialive.addChannel({ id: "1000001", tags: { "livestream:pool": "dev" }, state: "RUNNING" });
  });
  afterEach(async () => {
    await aws.close();
  });

  /** Runs `ops <args>` under script(1) with a terminal of `columns` columns; returns what the terminal received. */
  function inTerminal(columns: number, args: string, env: Record<string, string> = {}): Promise<{ code: number; output: string }> {
    const command = `stty cols ${columns} rows 24; ${process.execPath} ${opsBin()} ${args}`;
    return new Promise((resolve) => {
      execFile(
        "script",
        ["-qec", command, "/dev/null"],
        { timeout: 30_000, maxBuffer: 64 * 1024 * 1024, env: { PATH: process.env.PATH, AWS_EC2_METADATA_DISABLED: "true", TERM: "xterm", ...aws.env, ...env } },
        (error, stdout) => resolve({ code: error ? (typeof error.code === "number" ? error.code : -1) : 0, output: stdout }),
      );
    });
  }

  test("0 columns: plain lines, the command ends within its timeout", async () => {
    const r = await inTerminal(0, "channels stop 1000001 --wait --timeout 20s --poll-interval 50ms");
    expect(r.code).toBe(ExitCode.Ok);
    expect(r.output).toMatch(/1000001: stopped \(now IDLE\)/);
    expect(r.output).not.toMatch(/\u001b\[\?25l/); // no hidden cursor: no spinner
    expect(r.output.length).toBeLessThan(10_000);
  });

  test("80 columns: a spinner; NO_COLOR or --no-progress: none", async () => {
    const spinner = await inTerminal(80, "channels stop 1000001 --wait --timeout 20s --poll-interval 50ms");
    expect(spinner.code).toBe(ExitCode.Ok);
    expect(spinner.output).toMatch(/\u001b\[\?25l/);
    aws.medialive.setState("1000001", "RUNNING");
    const noColor = await inTerminal(80, "channels stop 1000001 --wait --timeout 20s --poll-interval 50ms", { NO_COLOR: "1" });
    expect(noColor.code).toBe(ExitCode.Ok);
    expect(noColor.output).not.toMatch(/\u001b\[/);
    expect(noColor.output).toMatch(/… 1000001: RUNNING/);
    aws.medialive.setState("1000001", "RUNNING");
    const quiet = await inTerminal(80, "--no-progress channels stop 1000001 --wait --timeout 20s --poll-interval 50ms");
    expect(quiet.code).toBe(ExitCode.Ok);
    expect(quiet.output).not.toMatch(/…|✔|\u001b\[/);
    expect(quiet.output).toMatch(/1000001: stopped \(now IDLE\)/);
  });

  test("on a pipe: progress lines on stderr, results on stdout; --no-progress leaves stderr empty", async () => {
    const piped = await runOps(["channels", "stop", "1000001", "--wait", "--timeout", "20s", "--poll-interval", "50ms"], aws.env);
    expect(piped.code).toBe(ExitCode.Ok);
    expect(piped.stderr).toMatch(/… 1000001: RUNNING/);
    expect(piped.stdout).toBe("1000001: stopped (now IDLE)\nstopped 1, already IDLE 0, failed 0\n");
    aws.medialive.setState("1000001", "RUNNING");
    const quiet = await runOps(["channels", "stop", "1000001", "--no-progress"], aws.env);
    expect(quiet).toMatchObject({ code: ExitCode.Ok, stderr: "" });
  });
});
