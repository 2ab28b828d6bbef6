/**
 * The `ops channels` and `ops sessions` commands end to end: argv -> main() -> real SDK -> fake
 * protocol servers. Asserts exit codes, --json output and that --dry-run never mutates.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startFakeAws, type FakeAws } from "../../test/fakes/aws";
import { runOpsInProcess } from "../../test/support/ops-cli";
import { ExitCode } from "../errors";

let aws: FakeAws;
let dir: string;
let stdout = "";
let stderr = "";

/** Runs `ops` in process; its output stays in stdout and stderr for the assertions that follow. */
const ops = async (...argv: string[]): Promise<number> => ({ stdout, stderr } = await runOpsInProcess(...argv)).code;

const iso = (minutesFromNow: number) => new Date(Date.now() + minutesFromNow * 60_000).toISOString();
const file = (name: string, text: string) => {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
};
const mutations = () => aws.medialive.accepted().length + aws.mediapackage.calls.filter((c) => c.operation === "CreateHarvestJob").length + aws.cloudwatch.put.length;

beforeEach(async () => {
  // Transitions complete at once: the commands wait in real time, the fake clock stands still.
  aws = await startFakeAws({ startMs: 0, stopMs: 0 });
  for (const id of ["1000001", "1000002"]) {
    aws.medialive.addChannel({ id, tags: { "livestream:pool": "dev" }, mediaPackageChannelId: `mp-${id}`, channelClass: "STANDARD" });
    aws.mediapackage.addOriginEndpoint(`mp-${id}`, `ep-${id}`);
  }
  dir = mkdtempSync(join(tmpdir(), "ops-sessions-"));
});

afterEach(async () => {
  await aws.close();
  rmSync(dir, { recursive: true, force: true });
});

test("channels list --json shows the pool only, with running time and cost from CloudWatch", async () => {
  aws.medialive.addChannel({ id: "2000001", tags: { "livestream:pool": "prod" } });
  aws.medialive.setState("1000002", "RUNNING");
  const since = Date.now() - 25.5 * 60_000; // 25.5 min: billed as 26 whole minutes
  aws.cloudwatch.series = (q) => (q.dimensions.ChannelId === "1000002" ? Array.from({ length: 26 }, (_, i) => [since + i * 60_000, 1] as [number, number]) : []);
  expect(await ops("channels", "list", "--pool", "dev", "--json")).toBe(ExitCode.Ok);
  const out = JSON.parse(stdout);
  expect(out.channels.map((c: { id: string; state: string }) => [c.id, c.state])).toEqual([
    ["1000001", "IDLE"],
    ["1000002", "RUNNING"],
  ]);
  const running = out.channels[1];
  expect(running.pipelinesRunning).toBe(2);
  expect(Date.parse(running.runningSince)).toBe(since);
  expect(running.billedMinutes).toBe(26);
  // From DescribeChannel's encoder settings: 720p/540p/360p in two output groups. STANDARD = two
  // pipelines, each billing 0.234 (HD input) + 2 x 0.882 (HD) + 4 x 0.441 (SD): 7.524 an hour.
  expect(running).toMatchObject({ outputs: "2 HD + 4 SD", outputsFrom: "encoder settings", usdPerHour: 7.524 });
  expect(running.costSoFarUsd).toBe(3.26); // 26/60 h x 7.524
});

test("channels list prices each channel from its own encoder settings", async () => {
  aws.medialive.addChannel({ id: "1000003", tags: { "livestream:pool": "dev" }, channelClass: "SINGLE_PIPELINE", renditionHeights: [1080], outputGroups: 1 });
  expect(await ops("channels", "list", "--pool", "dev", "--json")).toBe(ExitCode.Ok);
  const lean = JSON.parse(stdout).channels.find((c: { id: string }) => c.id === "1000003");
  // one pipeline: HD input 0.234 + one HD output 0.882
  expect(lean).toMatchObject({ channelClass: "SINGLE_PIPELINE", outputs: "1 HD", usdPerHour: 1.116 });
  expect(aws.medialive.calls.filter((c) => c.operation === "DescribeChannel").map((c) => c.target).sort()).toEqual(["1000001", "1000002", "1000003"]);
});

test("channels status shows alarms on the channel and its latest metrics", async () => {
  aws.cloudwatch.alarms = [
    { AlarmName: "livestream-dev-1000001-input-loss", StateValue: "ALARM", Dimensions: [{ Name: "ChannelId", Value: "1000001" }], StateReason: "no input" },
    { AlarmName: "other", StateValue: "ALARM", Dimensions: [{ Name: "ChannelId", Value: "9" }] },
  ];
  aws.cloudwatch.series = (q) => (q.metricName === "InputVideoFrameRate" ? [[Date.now() - 120_000, 29.97]] : []);
  expect(await ops("channels", "status", "1000001", "--json")).toBe(ExitCode.Ok);
  const out = JSON.parse(stdout);
  expect(out.health.alarms.map((a: { name: string }) => a.name)).toEqual(["livestream-dev-1000001-input-loss"]);
  expect(out.health.metrics.InputVideoFrameRate).toBe(29.97);
  expect(out.channel.mediaPackageChannelIds).toEqual(["mp-1000001"]);
});

test("channels start/stop are idempotent and --dry-run calls nothing", async () => {
  expect(await ops("channels", "start", "1000001", "--dry-run", "--json")).toBe(ExitCode.Ok);
  expect(JSON.parse(stdout).channels[0].action).toBe("would-start");
  expect(aws.medialive.accepted()).toEqual([]);
  expect(await ops("channels", "start", "1000001", "--wait", "--poll-interval", "20ms", "--json")).toBe(ExitCode.Ok);
  expect(aws.medialive.state("1000001")).toBe("RUNNING");
  expect(await ops("channels", "start", "1000001", "--json")).toBe(ExitCode.Ok);
  expect(JSON.parse(stdout).channels[0].action).toBe("none");
  expect(aws.medialive.accepted("StartChannel")).toHaveLength(1);
  expect(await ops("channels", "stop", "1000001", "--wait", "--poll-interval", "20ms")).toBe(ExitCode.Ok);
  expect(aws.medialive.state("1000001")).toBe("IDLE");
});

test("channels start/stop refuse channels outside the pool before any call that changes something, unless --any-channel", async () => {
  aws.medialive.addChannel({ id: "3000001" }); // another workload's channel: no pool tag
  aws.medialive.addChannel({ id: "2000001", tags: { "livestream:pool": "prod" }, state: "RUNNING" });
  expect(await ops("channels", "start", "3000001")).toBe(ExitCode.Usage);
  expect(stderr).toMatch(/error: not a pool channel: 3000001 \(no livestream:pool tag\); nothing was started/);
  expect(stderr).toMatch(/hint: .*--any-channel/);
  expect(await ops("channels", "stop", "2000001", "--pool", "dev", "--json")).toBe(ExitCode.Usage);
  expect(JSON.parse(stdout)).toMatchObject({ error: { type: "usage", message: "not in pool 'dev': 2000001 (livestream:pool=prod); nothing was stopped" }, outsidePool: [{ id: "2000001", pool: "prod" }] });
  // One channel outside the pool stops the whole command: the pool's own channel is not started either.
  process.env.LIVESTREAM_POOL = "dev";
  try {
    expect(await ops("channels", "start", "1000001", "2000001", "3000001")).toBe(ExitCode.Usage);
    expect(stderr).toMatch(/not in pool 'dev': 2000001 \(livestream:pool=prod\), 3000001 \(no livestream:pool tag\)/);
  } finally {
    delete process.env.LIVESTREAM_POOL;
  }
  expect(aws.medialive.accepted()).toEqual([]);
  expect(aws.medialive.state("1000001")).toBe("IDLE");

  expect(await ops("channels", "start", "3000001", "--any-channel", "--json")).toBe(ExitCode.Ok);
  expect(aws.medialive.accepted("StartChannel").map((c) => c.target)).toEqual(["3000001"]);
  expect(await ops("channels", "stop", "1000001", "--pool", "dev")).toBe(ExitCode.Ok);
});

test("channels start: a wait that runs out exits 4; an unknown channel exits 2; AWS failing exits 3", async () => {
  aws.medialive.stick("1000001", "STARTING");
  expect(await ops("channels", "start", "1000001", "--wait", "--timeout", "1s", "--poll-interval", "50ms")).toBe(ExitCode.Timeout);
  expect(stderr).toMatch(/still STARTING/);
  expect(await ops("channels", "start", "4040404")).toBe(ExitCode.Usage);
  aws.medialive.faults.add({ operation: "DescribeChannel", status: 500, times: 3 });
  expect(await ops("channels", "stop", "1000002", "--max-attempts", "3")).toBe(ExitCode.Remote);
  expect(await ops("channels", "stop", "1000002", "--timeout", "abc")).toBe(ExitCode.Usage);
});

test("sessions plan prints assignments, channel-hours and cost; a pool too small exits 5 naming what does not fit", async () => {
  const csv = file("s.csv", `id,startsAt,endsAt,channelId,title\na,2026-05-01T10:00:00+08:00,2026-05-01T11:00:00+08:00,,"Intro, part 1"\nb,2026-05-01T10:30:00+08:00,2026-05-01T11:30:00+08:00,,\nc,2026-05-01T11:00:00+08:00,2026-05-01T12:00:00+08:00,,\n`);
  expect(await ops("sessions", "plan", "--schedule", csv, "--pool", "dev", "--json")).toBe(ExitCode.Ok);
  const plan = JSON.parse(stdout);
  expect(plan.assignments.map((a: { sessionId: string; channelId: string }) => `${a.sessionId}:${a.channelId}`)).toEqual(["a:1000001", "b:1000002", "c:1000001"]);
  // channel 1000001 runs 09:50 -> 12:05 (a and c back to back), 1000002 10:20 -> 11:35
  expect(plan.billedChannelHours).toBeCloseTo(135 / 60 + 75 / 60, 2);
  // Both STANDARD with the pool's six outputs: 7.524 an hour each (from their encoder settings).
  expect(plan.channelPrices.map((p: { channelId: string; usdPerHour: number; outputsFrom: string }) => [p.channelId, p.usdPerHour, p.outputsFrom])).toEqual([
    ["1000001", 7.524, "encoder settings"],
    ["1000002", 7.524, "encoder settings"],
  ]);
  expect(plan.costUsd).toBeCloseTo((135 / 60 + 75 / 60) * 7.524, 1);
  const tooMany = file("s.yaml", ["- {id: x, startsAt: '2026-05-01T10:00:00Z', endsAt: '2026-05-01T11:00:00Z'}", "- {id: y, startsAt: '2026-05-01T10:00:00Z', endsAt: '2026-05-01T11:00:00Z'}", "- {id: z, startsAt: '2026-05-01T10:10:00Z', endsAt: '2026-05-01T11:00:00Z'}"].join("\n"));
  expect(await ops("sessions", "plan", "--schedule", tooMany, "--pool", "dev")).toBe(ExitCode.Infeasible);
  expect(stderr).toMatch(/needs 3/);
  expect(stderr).toMatch(/z \(2026-05-01T10:10/);
});

test("bad schedule rows exit 2 listing every bad row, and nothing is acted on; a channel outside the pool is not a bad row", async () => {
  const bad = file(
    "bad.csv",
    [
      "id,startsAt,endsAt,channelId",
      "ok,2026-05-01T10:00:00Z,2026-05-01T11:00:00Z,",
      "late,2026-05-01T12:00:00Z,2026-05-01T11:00:00Z,",
      "nooffset,2026-05-01T10:00:00,2026-05-01T11:00:00Z,",
      "ok,2026-05-01T13:00:00Z,2026-05-01T14:00:00Z,",
      "ghost,2026-05-01T13:00:00Z,2026-05-01T14:00:00Z,7777777",
    ].join("\n"),
  );
  expect(await ops("sessions", "reconcile", "--schedule", bad, "--pool", "dev")).toBe(ExitCode.Usage);
  expect(stderr).toMatch(/3 bad row/);
  expect(stderr).toMatch(/line 3 \(id late\): ends/);
  expect(stderr).toMatch(/line 4 \(id nooffset\): startsAt '2026-05-01T10:00:00' has no UTC offset/);
  expect(stderr).toMatch(/line 5 \(id ok\): duplicate id 'ok' \(first at bad.csv line 2\)/);
  expect(stderr).not.toMatch(/ghost/);
  expect(mutations()).toBe(0);
});

test("sessions reconcile: --dry-run mutates nothing; a real pass starts, a second pass makes no mutating call", async () => {
  // "old" ended two days ago: a file remembers no harvest, so it is no lost recording, pass after pass.
  const schedule = file("s.json", JSON.stringify({ sessions: [{ id: "old", startsAt: iso(-48 * 60), endsAt: iso(-47 * 60) }, { id: "live1", startsAt: iso(5), endsAt: iso(60) }] }));
  aws.medialive.setState("1000002", "RUNNING");
  const args = ["sessions", "reconcile", "--schedule", schedule, "--pool", "dev", "--poll-interval", "20ms", "--json"];
  expect(await ops(...args, "--dry-run")).toBe(ExitCode.Ok);
  expect(JSON.parse(stdout).channels.flatMap((c: { actions: string[] }) => c.actions).sort()).toEqual(["would-start", "would-stop"]);
  expect(mutations()).toBe(0);

  expect(await ops(...args, "--wait", "5s", "--recording-bucket", "rec", "--harvest-role-arn", "arn:aws:iam::123456789012:role/harvest")).toBe(ExitCode.Ok);
  expect(aws.medialive.state("1000001")).toBe("RUNNING");
  expect(aws.medialive.state("1000002")).toBe("IDLE");
  expect(JSON.parse(stdout).channels.map((c: { id: string; state: string }) => `${c.id}:${c.state}`)).toEqual(["1000001:RUNNING", "1000002:IDLE"]);
  expect(aws.cloudwatch.put.map((d) => `${d.metricName}=${d.value}`)).toEqual([
    "Actions=2",
    "Errors=0",
    "RecordingsMissing=0",
    "ChannelsRunning=1",
    "SessionsLive=0",
    "HealthyChannels=2",
    "ChannelsNeededNextHour=1",
    "ChannelShortfallNextHour=0",
  ]);
  // A file schedule has nowhere to publish per-session keys: the inputs keep theirs.
  expect(aws.medialive.inputUpdates).toEqual([]);
  const before = aws.medialive.accepted().length;
  expect(await ops(...args)).toBe(ExitCode.Ok);
  expect(aws.medialive.accepted().length).toBe(before);
  expect(JSON.parse(stdout).mutatingCalls).toBe(0);
});

test("sessions reconcile --pool with a pool no channel carries exits 2 naming the pools that exist; nothing done, no metric", async () => {
  const schedule = file("s.json", JSON.stringify([{ id: "a", startsAt: iso(5), endsAt: iso(60) }]));
  expect(await ops("sessions", "reconcile", "--schedule", schedule, "--pool", "dve", "--json")).toBe(ExitCode.Usage);
  const report = JSON.parse(stdout);
  expect(report.error).toEqual({ type: "usage", exitCode: 2, message: "nothing done: no channel carries livestream:pool=dve in ap-southeast-1 (did you mean 'dev'?)", hint: "pools in ap-southeast-1: dev" });
  expect(report.mutatingCalls).toBe(0);
  expect(stderr).not.toMatch(/no healthy channel/);
  expect(mutations()).toBe(0);
});

test("sessions reconcile: a failed channel's session runs on a healthy one; a channel outside the pool is partial (exit 6); bad flags exit 2", async () => {
  const schedule = file("s.json", JSON.stringify([{ id: "a", startsAt: iso(5), endsAt: iso(60), channelId: "1000001" }]));
  aws.medialive.setState("1000001", "UPDATE_FAILED");
  expect(await ops("sessions", "reconcile", "--schedule", schedule, "--pool", "dev")).toBe(ExitCode.Ok);
  expect(stdout).toMatch(/channel 1000001 .*UNHEALTHY: channel is UPDATE_FAILED/);
  expect(stdout).toMatch(/session a .* on 1000002: assigned to 1000002 \(asked for channel 1000001, which is unhealthy/);
  expect(aws.medialive.accepted("StartChannel").map((c) => c.target)).toEqual(["1000002"]);

  const ghost = file("g.json", JSON.stringify([{ id: "ghost", startsAt: iso(5), endsAt: iso(60), channelId: "7777777" }, { id: "real", startsAt: iso(5), endsAt: iso(60) }]));
  aws.medialive.setState("1000001", "IDLE");
  expect(await ops("sessions", "reconcile", "--schedule", ghost, "--pool", "dev")).toBe(ExitCode.Partial);
  expect(stderr).toMatch(/session ghost .*asks for channel '7777777', which is not in pool 'dev'/);
  expect(stdout).toMatch(/channel 1000001 +IDLE -> STARTING +wanted running \(real\) +start/);

  expect(await ops("sessions", "reconcile", "--schedule", schedule, "--pool", "dev", "--lead", "ten")).toBe(ExitCode.Usage);
  expect(await ops("sessions", "reconcile", "--schedule", schedule, "--pool", "dev", "--deadline", "2h")).toBe(ExitCode.Usage);
  expect(stderr).toMatch(/--deadline must be between 5s and 15m/);
  expect(await ops("sessions", "reconcile", "--schedule", join(dir, "missing.json"), "--pool", "dev")).toBe(ExitCode.Usage);
  expect(await ops("sessions", "reconcile", "--pool", "dev")).toBe(ExitCode.Usage);
});
