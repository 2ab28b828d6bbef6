/**
 * `ops channels start|stop` tell the truth: every id is checked before the first call that changes
 * anything, "some done, some failed" is exit 6 with both listed, and real and dry runs print their
 * results the same way on stdout (progress and errors on stderr). Real SDK against the fake MediaLive.
 */
import { startFakeAws, type FakeAws } from "../../test/fakes/aws";
import { runOpsInProcess as ops } from "../../test/support/ops-cli";
import { ExitCode } from "../errors";

let aws: FakeAws;
beforeEach(async () => {
  aws = await startFakeAws({ startMs: 0, stopMs: 0 });
  for (const id of ["1000001", "1000002"]) aws.medialive.addChannel({ id, tags: { "livestream:pool": "dev" } });
});
afterEach(async () => {
  await aws.close();
});

test("an unknown second id starts nothing, dry run or not, and names the id", async () => {
  for (const extra of [[], ["--dry-run"]]) {
    const r = await ops("channels", "start", "1000001", "5555555", ...extra);
    expect(r.code).toBe(ExitCode.Usage);
    expect(r.stderr).toMatch(/error: no MediaLive channel '5555555' in ap-southeast-1; nothing was started/);
    expect(r.stdout).toBe("");
  }
  expect(aws.medialive.accepted()).toEqual([]);
  expect(aws.medialive.state("1000001")).toBe("IDLE");

  const json = await ops("channels", "stop", "5555555", "6666666", "--json");
  expect(json.code).toBe(ExitCode.Usage);
  expect(JSON.parse(json.stdout)).toMatchObject({ error: { type: "usage", exitCode: 2 }, unknownIds: ["5555555", "6666666"] });
});

test("malformed ids are refused before any AWS call", async () => {
  const r = await ops("channels", "start", "1000001", "livestream-dev-ch1");
  expect(r.code).toBe(ExitCode.Usage);
  expect(r.stderr).toMatch(/not a MediaLive channel id: 'livestream-dev-ch1'; nothing was started/);
  expect(aws.medialive.calls).toEqual([]);
});

test("one channel started and one refused: exit 6 (partial), both reported on stdout and in JSON", async () => {
  // StartChannel of 1000002 fails on every attempt the SDK makes.
  aws.medialive.faults.add({ operation: "StartChannel", target: "1000002", status: 500, times: 3 });
  const human = await ops("channels", "start", "1000001", "1000002");
  expect(human.code).toBe(ExitCode.Partial);
  expect(human.stdout).toMatch(/^1000001: started \(now STARTING\)$/m);
  expect(human.stdout).toMatch(/^1000002: FAILED: MediaLive StartChannel 1000002 failed/m);
  expect(human.stdout).toMatch(/^started 1, already RUNNING 0, failed 1$/m);
  expect(human.stderr).toMatch(/error: 1 channel\(s\) started \(1000001\) but 1 failed: 1000002: MediaLive StartChannel/);
  expect(human.stderr).toMatch(/hint: the started channels are billed/);

  aws.medialive.setState("1000001", "IDLE");
  aws.medialive.faults.add({ operation: "StartChannel", target: "1000002", status: 500, times: 3 });
  const json = await ops("channels", "start", "1000001", "1000002", "--json");
  expect(json.code).toBe(ExitCode.Partial);
  const report = JSON.parse(json.stdout);
  expect(report.error).toMatchObject({ type: "partial", exitCode: 6 });
  expect(report.goal).toBe("RUNNING");
  expect(report.channels.map((c: { id: string; action: string; error?: string }) => [c.id, c.action, !!c.error])).toEqual([
    ["1000001", "started", false],
    ["1000002", "none", true],
  ]);
});

test("nothing done and one failure: that failure's exit code, not partial", async () => {
  aws.medialive.setState("1000001", "RUNNING");
  aws.medialive.faults.add({ operation: "StartChannel", target: "1000002", status: 500, times: 3 });
  const r = await ops("channels", "start", "1000001", "1000002");
  expect(r.code).toBe(ExitCode.Remote);
  expect(r.stdout).toMatch(/^1000001: already RUNNING, nothing to do$/m);
});

test("real and dry runs print results the same way on stdout; progress goes to stderr", async () => {
  const dry = await ops("channels", "start", "1000001", "--dry-run");
  expect(dry.code).toBe(ExitCode.Ok);
  expect(dry.stdout).toBe("1000001: would start (now IDLE)\n[dry run] would start 1, already RUNNING 0, failed 0\n");
  const real = await ops("channels", "start", "1000001", "--wait", "--poll-interval", "20ms");
  expect(real.code).toBe(ExitCode.Ok);
  expect(real.stdout).toBe("1000001: started (now RUNNING)\nstarted 1, already RUNNING 0, failed 0\n");
  expect(real.stderr).toMatch(/1000001: IDLE/);
  expect(real.stderr).not.toMatch(/started 1/);
});
