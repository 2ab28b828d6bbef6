/**
 * `ops sessions plan`: --pool-size without AWS (built CLI, an environment with no AWS settings at
 * all), a pool no channel carries is a usage error, strict dates and lengths, times shown as the
 * schedule wrote them, and the JSON report on failure.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startFakeAws, type FakeAws } from "../../test/fakes/aws";
import { runOps, runOpsInProcess as ops } from "../../test/support/ops-cli";
import { ExitCode } from "../errors";

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "ops-plan-"));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});
const file = (name: string, text: string) => {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
};
/** No region, no credentials, no shared config: any AWS call would fail. */
const noAws = () => ({ HOME: dir, AWS_CONFIG_FILE: join(dir, "none"), AWS_SHARED_CREDENTIALS_FILE: join(dir, "none"), AWS_ENDPOINT_URL: "http://127.0.0.1:9" });
const EVENT = "id,startsAt,endsAt,title\na,2026-05-01T18:00:00+08:00,2026-05-01T19:00:00+08:00,Intro\nb,2026-05-01T18:30:00+08:00,2026-05-01T19:30:00+08:00,Q&A\n";

test("--pool-size N plans without AWS, in the schedule's own offset", async () => {
  const r = await runOps(["sessions", "plan", "--schedule", file("event.csv", EVENT), "--pool-size", "3", "--json"], noAws());
  expect(r.stderr).toBe("");
  expect(r.code).toBe(ExitCode.Ok);
  const plan = JSON.parse(r.stdout);
  expect(plan).toMatchObject({ pool: null, poolSize: 3, hypothetical: true, channelClass: "SINGLE_PIPELINE", channelsNeeded: 2, sessions: 2 });
  expect(plan.assignments).toEqual([
    { sessionId: "a", channelId: "channel-1", explicit: false, startsAt: "2026-05-01T18:00+08:00", endsAt: "2026-05-01T19:00+08:00" },
    { sessionId: "b", channelId: "channel-2", explicit: false, startsAt: "2026-05-01T18:30+08:00", endsAt: "2026-05-01T19:30+08:00" },
  ]);
  // Lead 10m and grace 5m: 17:50-19:05 and 18:20-19:35, 75 minutes each.
  expect(plan.runs.map((r: { start: string; billedMinutes: number }) => [r.start, r.billedMinutes])).toEqual([
    ["2026-05-01T17:50+08:00", 75],
    ["2026-05-01T18:20+08:00", 75],
  ]);

  const human = await runOps(["sessions", "plan", "--schedule", file("event.csv", EVENT), "--pool-size", "2", "--timezone", "UTC"], noAws());
  expect(human.code).toBe(ExitCode.Ok);
  expect(human.stdout).toMatch(/^a +channel-1 +2026-05-01 10:00 Z +2026-05-01 11:00 Z +Intro$/m);
  expect(human.stdout).toMatch(/2 session\(s\), 2 session-hours on 2 of 2 hypothetical channel\(s\) \(peak need 2\); 2\.5 channel-hours billed, \$\d+\.\d\d \(cost-model\/catalogs\/ap-southeast-1\.json/);
});

test("a channel-hour costs what the forecast says: the deployed class (SINGLE_PIPELINE) with its six outputs", async () => {
  const one = file("one.csv", "id,startsAt,endsAt\na,2026-05-01T18:00:00+08:00,2026-05-01T19:00:00+08:00\n");
  const r = await runOps(["sessions", "plan", "--schedule", one, "--pool-size", "1", "--json"], noAws());
  expect(r.code).toBe(ExitCode.Ok);
  // cost-model/catalogs/ap-southeast-1.json: HD input 0.234 + 2 HD outputs x 0.882 + 4 SD outputs x 0.441 = 3.762 a pipeline-hour;
  // the 720p/540p/360p ladder in two output groups (HLS to S3, MediaPackage); 75 billed minutes.
  expect(JSON.parse(r.stdout)).toMatchObject({
    channelClass: "SINGLE_PIPELINE",
    channelPrices: [{ channelId: "each", channelClass: "SINGLE_PIPELINE", input: "HD", outputs: "2 HD + 4 SD", outputsFrom: "default ladder", usdPerHour: 3.762 }],
    billedChannelHours: 1.25,
    costUsd: 4.7,
  });
  const standard = await runOps(["sessions", "plan", "--schedule", one, "--pool-size", "1", "--channel-class", "STANDARD", "--json"], noAws());
  expect(JSON.parse(standard.stdout).channelPrices[0]).toMatchObject({ channelClass: "STANDARD", usdPerHour: 7.524 });

  // The forecast prices the same hour of the same channel the same way.
  const forecast = await runOps(["forecast", "--json"], noAws());
  expect(forecast.code).toBe(ExitCode.Ok);
  const onAir = JSON.parse(forecast.stdout).months[0].items.find((i: { item: string }) => i.item === "MediaLive channels on air");
  expect(onAir.detail).toMatch(/^4 x SINGLE_PIPELINE \(1 pipeline\), 2 HD \+ 4 SD outputs each/);
  expect(onAir.usd / onAir.usage.quantity).toBeCloseTo(3.762, 3);
});

test("--price-catalog must be a unit-price catalog with no negative price; nothing is planned otherwise", async () => {
  const schedule = file("event.json", JSON.stringify([{ id: "a", startsAt: "2026-05-01T18:00:00+08:00", endsAt: "2026-05-01T19:00:00+08:00" }]));
  const notCatalog = await runOps(["sessions", "plan", "--schedule", schedule, "--pool-size", "1", "--price-catalog", schedule], noAws());
  expect(notCatalog.code).toBe(ExitCode.Usage);
  expect(notCatalog.stderr).toMatch(/--price-catalog .*event\.json is not a price catalog: field kind/);
  expect(notCatalog.stdout).toBe("");

  const catalog = JSON.parse(readFileSync(join(__dirname, "..", "..", "cost-model", "catalogs", "ap-southeast-1.json"), "utf8"));
  catalog.prices["medialive.output.sd"].usd = -10;
  const negative = await runOps(["sessions", "plan", "--schedule", schedule, "--pool-size", "1", "--price-catalog", file("cat.json", JSON.stringify(catalog))], noAws());
  expect(negative.code).toBe(ExitCode.Usage);
  expect(negative.stderr).toMatch(/prices\.medialive\.output\.sd\.usd: prices cannot be negative/);
  expect(negative.stdout).not.toMatch(/\$-/);
});

test("a pool too small exits 5; --json still prints the report with the sessions that do not fit", async () => {
  const r = await runOps(["sessions", "plan", "--schedule", file("event.csv", EVENT), "--pool-size", "1", "--json"], noAws());
  expect(r.code).toBe(ExitCode.Infeasible);
  const report = JSON.parse(r.stdout);
  expect(report.error).toMatchObject({ type: "infeasible", exitCode: 5, hint: "plan again with --pool-size 2" });
  expect(report.channelsNeeded).toBe(2);
  expect(report.unplaced).toEqual([{ sessionId: "b", startsAt: "2026-05-01T18:30+08:00", endsAt: "2026-05-01T19:30+08:00", reason: expect.stringMatching(/busy/) }]);
  expect(r.stderr).toMatch(/the pool has 1 channel\(s\) but the schedule needs 2 at its peak/);
});

test("impossible dates and absurd lengths exit 2; a longer maximum is a flag; night sessions warn", async () => {
  const feb30 = await runOps(["sessions", "plan", "--schedule", file("f.csv", "x,2026-02-30T18:00:00+08:00,2026-02-30T19:00:00+08:00\n"), "--pool-size", "1"], noAws());
  expect(feb30.code).toBe(ExitCode.Usage);
  expect(feb30.stderr).toMatch(/f.csv line 1 \(id x\): startsAt '2026-02-30T18:00:00\+08:00': 2026-02-30 is not a calendar date/);

  const twoDays = file("long.json", JSON.stringify([{ id: "marathon", startsAt: "2026-05-01T18:00:00+08:00", endsAt: "2026-05-03T18:00:00+08:00" }]));
  const refused = await runOps(["sessions", "plan", "--schedule", twoDays, "--pool-size", "1", "--json"], noAws());
  expect(refused.code).toBe(ExitCode.Usage);
  expect(JSON.parse(refused.stdout)).toMatchObject({ error: { type: "usage" }, issues: [expect.stringMatching(/lasts 2d, longer than the longest session accepted \(8h\)/)] });

  const allowed = await runOps(["sessions", "plan", "--schedule", twoDays, "--pool-size", "1", "--max-session-length", "3d"], noAws());
  expect(allowed.code).toBe(ExitCode.Ok);
  expect(allowed.stderr).toMatch(/^warning: long.json item 1 \(id marathon\): runs 2026-05-01 18:00-18:00 \(UTC\+08:00\), partly between 00:00 and 06:00 local time/m);
});

test("the small-hours warning judges local time in --timezone when given", async () => {
  // Written in UTC: 00:30Z is 08:30 in Singapore, 18:00Z is 02:00 the next day there.
  const utc = file("utc.csv", "id,startsAt,endsAt\nbreakfast,2026-05-01T00:30:00Z,2026-05-01T01:30:00Z\nnight,2026-05-01T18:00:00Z,2026-05-01T19:00:00Z\n");
  const sg = await runOps(["sessions", "plan", "--schedule", utc, "--pool-size", "2", "--timezone", "Asia/Singapore"], noAws());
  expect(sg.code).toBe(ExitCode.Ok);
  expect(sg.stderr).toBe("warning: utc.csv line 3 (id night): runs 2026-05-02 02:00-03:00 (Asia/Singapore, UTC+08:00), partly between 00:00 and 06:00 local time: check the date and the offset\n");
  // Without --timezone, the offset each row was written with decides.
  const asWritten = await runOps(["sessions", "plan", "--schedule", utc, "--pool-size", "2"], noAws());
  expect(asWritten.stderr).toBe("warning: utc.csv line 2 (id breakfast): runs 2026-05-01 00:30-01:30 (UTC+00:00), partly between 00:00 and 06:00 local time: check the date and the offset\n");
});

test("a duplicate key in a JSON schedule is refused with its line and column, as in config files", async () => {
  const dup = file("dup.json", '[\n  {"id": "a", "startsAt": "2026-05-01T18:00:00+08:00",\n   "endsAt": "2026-05-01T19:00:00+08:00", "startsAt": "2026-05-02T18:00:00+08:00"}\n]\n');
  const r = await runOps(["sessions", "plan", "--schedule", dup, "--pool-size", "1"], noAws());
  expect(r.code).toBe(ExitCode.Usage);
  expect(r.stderr).toMatch(/error: schedule dup\.json is not valid JSON: line 3, column 43: duplicate key 'startsAt': JSON keeps only the last one; remove one of them/);
  expect(r.stdout).toBe("");
});

test("flag combinations and zones are checked before anything runs", async () => {
  const both = await runOps(["sessions", "plan", "--schedule", file("event.csv", EVENT), "--pool", "dev", "--pool-size", "2"], noAws());
  expect(both.code).toBe(ExitCode.Usage);
  expect(both.stderr).toMatch(/--pool and --pool-size exclude each other/);
  const zone = await runOps(["sessions", "plan", "--schedule", file("event.csv", EVENT), "--pool-size", "2", "--timezone", "Asia/Singapur"], noAws());
  expect(zone.code).toBe(ExitCode.Usage);
  expect(zone.stderr).toMatch(/--timezone 'Asia\/Singapur' is not an IANA time zone \(did you mean 'Asia\/Singapore'\?\)/);
});

describe("against the pool's real channels (fake MediaLive)", () => {
  let aws: FakeAws;
  beforeEach(async () => {
    aws = await startFakeAws({ startMs: 0, stopMs: 0 });
    for (const id of ["1000001", "1000002"]) aws.medialive.addChannel({ id, tags: { "livestream:pool": "dev" } });
  });
  afterEach(async () => {
    await aws.close();
  });

  test("a pool no channel carries is a usage error naming the tag and the pools that exist", async () => {
    const r = await ops("sessions", "plan", "--schedule", file("event.csv", EVENT), "--pool", "nosuchpool");
    expect(r.code).toBe(ExitCode.Usage);
    expect(r.stderr).toMatch(/error: no channel carries livestream:pool=nosuchpool in ap-southeast-1/);
    expect(r.stderr).toMatch(/hint: pools in ap-southeast-1: dev/);
    const typo = await ops("sessions", "plan", "--schedule", file("event.csv", EVENT), "--pool", "dve");
    expect(typo.stderr).toMatch(/livestream:pool=dve in ap-southeast-1 \(did you mean 'dev'\?\)/);
  });

  test("a header-only CSV is refused by plan and reconcile alike; nothing is acted on", async () => {
    aws.medialive.setState("1000001", "RUNNING");
    const truncated = file("export.csv", "id,startsAt,endsAt,channelId,title\n");
    for (const command of ["plan", "reconcile"]) {
      const r = await ops("sessions", command, "--schedule", truncated, "--pool", "dev");
      expect({ command, code: r.code }).toEqual({ command, code: ExitCode.Usage });
      expect(r.stderr).toMatch(/schedule export.csv has a header but no sessions: refusing to read it as "no sessions"/);
    }
    expect(aws.medialive.accepted()).toEqual([]);
    expect(aws.medialive.state("1000001")).toBe("RUNNING");
  });
});
