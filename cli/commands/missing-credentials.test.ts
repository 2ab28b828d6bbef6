/**
 * No AWS credentials at all (no variables, no profile files, no instance metadata): every command
 * that meets the SDK's credentials error says so, with the credentials hint, instead of a hint that
 * sends the operator the wrong way ("raise --max-attempts", "did not answer in time", "pass --queue-url").
 * The built CLI in a child process, so the SDK's real credential chain runs.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runOps } from "../../test/support/ops-cli";
import { ExitCode } from "../errors";

const HINT = /no AWS credentials found: pass --profile <name> or set AWS_PROFILE/;

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "ops-no-credentials-"));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** A region but no credentials anywhere the SDK looks. */
const noCredentials = () => ({ HOME: dir, AWS_CONFIG_FILE: join(dir, "none"), AWS_SHARED_CREDENTIALS_FILE: join(dir, "none"), AWS_REGION: "ap-southeast-1" });

test("ops preflight: every check that needs AWS says the credentials are missing, and so does the verdict", async () => {
  const r = await runOps(["preflight", "--environment", "dev", "--json"], noCredentials());
  // The committed example configuration also fails on its placeholders: exit 5.
  expect(r.code).toBe(ExitCode.Infeasible);
  const report = JSON.parse(r.stdout);
  const errored = report.checks.filter((c: { status: string }) => c.status === "error");
  expect(errored.map((c: { id: string }) => c.id)).toEqual(["account", "medialive-channels", "medialive-inputs", "lambda-concurrency", "elastic-ips", "nat-gateways"]);
  for (const check of errored) expect(check.fix).toMatch(HINT);
  expect(r.stdout).not.toMatch(/raise --max-attempts/);
  expect(report.error.hint).toMatch(HINT);
});

test("ops sessions reconcile: the credentials hint, not 'did not answer in time'", async () => {
  const schedule = join(dir, "s.json");
  writeFileSync(schedule, JSON.stringify([{ id: "a", startsAt: "2030-05-01T18:00:00+08:00", endsAt: "2030-05-01T19:00:00+08:00" }]));
  const r = await runOps(["sessions", "reconcile", "--schedule", schedule, "--pool", "dev"], noCredentials());
  expect(r.code).toBe(ExitCode.Remote);
  expect(r.stderr).toMatch(new RegExp(`^hint: ${HINT.source}`, "m"));
  expect(r.stderr).not.toMatch(/did not answer in time/);
});

test("ops recordings replay: the credentials hint, not 'pass --queue-url'", async () => {
  const r = await runOps(["recordings", "replay", "--pool", "dev", "--dry-run", "--json"], noCredentials());
  expect(r.code).toBe(ExitCode.Remote);
  expect(JSON.parse(r.stdout).error.hint).toMatch(HINT);
  expect(r.stderr).not.toMatch(/pass --queue-url/);
});
