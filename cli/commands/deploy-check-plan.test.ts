/**
 * `ops deploy check-plan` against the MediaLive fake through the real SDK, with plan documents in
 * the shape `terraform show -json` writes: a change that would stop, delete or half-update a channel
 * that is not idle is refused (exit 5) with the channel, its state and what to do; budget limits that
 * start in another month are refused; everything else passes, without an AWS call when nothing in the
 * plan reaches a channel.
 */
import { startFakeAws, type FakeAws } from "../../test/fakes/aws";
import { runOpsInProcess as ops } from "../../test/support/ops-cli";
import {
  budgetAfter,
  channelState,
  endpointStackState,
  inputSecurityGroupState,
  inputState,
  planDocument,
  resourceChange,
  writePlan,
} from "../../test/support/terraform-plan-json";
import { ExitCode } from "../errors";

const CHANNEL = "3456789";
const INPUT = "7654321";
const OTHER = "4567890";

let aws: FakeAws;
beforeEach(async () => {
  aws = await startFakeAws({ startMs: 0, stopMs: 0 });
  aws.medialive.addChannel({ id: CHANNEL, inputId: INPUT, mediaPackageChannelId: "livestream-dev-ch0", tags: { "livestream:pool": "dev" } });
  aws.medialive.addChannel({ id: OTHER, inputId: "8765432", mediaPackageChannelId: "livestream-dev-ch1", tags: { "livestream:pool": "dev" } });
});
afterEach(async () => {
  await aws.close();
});

/** The channel's encoder ladder changes: an UpdateChannel. */
const encoderUpdate = () => {
  const before = channelState(CHANNEL, INPUT);
  const after = channelState(CHANNEL, INPUT, {
    encoder_settings: [{ ...(before.encoder_settings as Record<string, unknown>[])[0], video_descriptions: [{ name: "video_720p", height: 720, width: 1280, codec_settings: [{ h264_settings: [{ bitrate: 3500000, rate_control_mode: "CBR" }] }] }] }],
  });
  return resourceChange({ type: "aws_medialive_channel", name: "pool_channel-0", actions: ["update"], before, after });
};
const check = (file: string, ...extra: string[]) => ops("deploy", "check-plan", "--plan", file, ...extra);
const describeCalls = () => aws.medialive.calls.map((c) => `${c.operation} ${c.target ?? ""}`.trim());

test("a channel update while the channel is RUNNING is refused: the channel, its state and what to do", async () => {
  aws.medialive.setState(CHANNEL, "RUNNING");
  const file = writePlan(planDocument({ changes: [encoderUpdate()] }));

  const human = await check(file);
  expect(human.code).toBe(ExitCode.Infeasible);
  expect(human.stdout).toMatch(/aws_medialive_channel\.pool_channel-0 \[update\]: UpdateChannel \(encoder_settings\): the provider stops a RUNNING channel first and, with start_channel = false, leaves it stopped \(channel 3456789\)/);
  expect(human.stdout).toMatch(/^ {2}3456789 {2}RUNNING +REFUSED: a session is on air or about to be: wait until its sessions end .*pause the loop \(reconcile\.paused\) and stop it first$/m);
  expect(human.stdout).toMatch(/^apply refused: 1 problem\(s\)$/m);
  expect(human.stderr).toMatch(/error: apply refused: it would interrupt channel 3456789 \(RUNNING\)/);
  expect(human.stderr).toMatch(/hint: wait until the sessions end .*"reconcile": \{"paused": true\}, apply that alone, stop the channels \(ops channels stop 3456789 --wait\), then plan and apply again/);
  // Read only: the check changes nothing, and the channel is still on air.
  expect(describeCalls()).toEqual([`DescribeChannel ${CHANNEL}`]);
  expect(aws.medialive.state(CHANNEL)).toBe("RUNNING");

  const json = await check(file, "--json");
  expect(json.code).toBe(ExitCode.Infeasible);
  const report = JSON.parse(json.stdout);
  expect(report.error).toMatchObject({ type: "infeasible", exitCode: 5 });
  expect(report).toMatchObject({ safeToApply: false, exitCode: 5, region: "ap-southeast-1" });
  expect(report.channels).toEqual([{ id: CHANNEL, state: "RUNNING", changes: ["aws_medialive_channel.pool_channel-0"], quiet: false, advice: expect.stringMatching(/reconcile\.paused/) }]);
  expect(report.impacts).toEqual([expect.objectContaining({ address: "aws_medialive_channel.pool_channel-0", actions: ["update"], channels: [CHANNEL] })]);
});

test("the same update passes once the channel is IDLE; every non-idle state is refused, failed ones are not", async () => {
  const file = writePlan(planDocument({ changes: [encoderUpdate()] }));
  const ok = await check(file, "--json");
  expect(ok.code).toBe(ExitCode.Ok);
  const report = JSON.parse(ok.stdout);
  expect(report).toMatchObject({ safeToApply: true, exitCode: 0, problems: [], channels: [{ id: CHANNEL, state: "IDLE", quiet: true }] });
  // Safe now, not for the whole apply: the loop may start the channel for a session meanwhile.
  expect(report.notes).toEqual([expect.stringMatching(/^channel 3456789 is IDLE now, but the reconcile loop starts channels ahead of sessions/)]);

  for (const state of ["STARTING", "RECOVERING", "STOPPING", "UPDATING"]) {
    aws.medialive.setState(CHANNEL, state);
    aws.medialive.stick(CHANNEL, state);
    const r = await check(file);
    expect([state, r.code]).toEqual([state, ExitCode.Infeasible]);
    expect(r.stderr).toContain(`it would interrupt channel ${CHANNEL} (${state})`);
    aws.medialive.release(CHANNEL);
  }
  // A channel whose creation failed carries no stream: replacing it is the repair.
  aws.medialive.setState(CHANNEL, "CREATE_FAILED");
  expect((await check(file)).code).toBe(ExitCode.Ok);
});

test("creations, tag-only updates and changes elsewhere pass without a single AWS call", async () => {
  aws.medialive.setState(CHANNEL, "RUNNING");
  const before = channelState(CHANNEL, INPUT);
  const retagged = { ...before, tags: { ...(before.tags as object), team: "media" }, tags_all: { ...(before.tags_all as object), team: "media" } };
  const file = writePlan(
    planDocument({
      changes: [
        resourceChange({ type: "aws_medialive_channel", name: "pool_channel-0", actions: ["update"], before, after: retagged }),
        resourceChange({ type: "aws_medialive_input", name: "pool_input-1", actions: ["create"], after: inputState("", ""), afterUnknown: { id: true, arn: true } }),
        resourceChange({ type: "aws_medialive_input_security_group", name: "pool_sg", actions: ["update"], before: inputSecurityGroupState("1234567", [INPUT], ["203.0.113.0/24"]), after: inputSecurityGroupState("1234567", [INPUT], ["203.0.113.0/24", "198.51.100.0/24"]) }),
        resourceChange({ type: "aws_cloudformation_stack", name: "endpoint-0", actions: ["update"], before: endpointStackState("livestream-dev-ch0", 86400), after: endpointStackState("livestream-dev-ch0", 172800) }),
        resourceChange({ type: "aws_media_package_channel", name: "mp-0", actions: ["update"], before: { channel_id: "livestream-dev-ch0", id: "livestream-dev-ch0", description: "a" }, after: { channel_id: "livestream-dev-ch0", id: "livestream-dev-ch0", description: "b" } }),
        resourceChange({ type: "aws_ecs_service", name: "mentor", actions: ["update"], before: { desired_count: 1 }, after: { desired_count: 3 } }),
        resourceChange({ type: "aws_medialive_channel", name: "pool_channel-2", actions: ["read"], mode: "data", before: null, after: {} }),
      ],
    }),
  );
  const r = await check(file, "--json");
  expect(r.code).toBe(ExitCode.Ok);
  const report = JSON.parse(r.stdout);
  expect(report).toMatchObject({ safeToApply: true, impacts: [], channels: [] });
  expect(report.region).toBeUndefined();
  expect(aws.medialive.calls).toEqual([]);

  const human = await check(file);
  expect(human.stdout).toMatch(/no planned change reaches a MediaLive channel/);
  expect(human.stdout).toMatch(/^safe to apply$/m);
});

test("an input update finds its channel through DescribeInput: refused while that channel runs", async () => {
  aws.medialive.setState(CHANNEL, "RUNNING");
  const before = inputState(INPUT, CHANNEL);
  // attached_channels in the plan is stale on purpose: the check asks MediaLive.
  const file = writePlan(
    planDocument({
      changes: [
        resourceChange({ type: "aws_medialive_input", name: "pool_input-0", actions: ["update"], before: { ...before, attached_channels: [] }, after: { ...before, attached_channels: [], name: "livestream-dev-ch0-push" } }),
      ],
    }),
  );
  const r = await check(file, "--json");
  expect(r.code).toBe(ExitCode.Infeasible);
  const report = JSON.parse(r.stdout);
  expect(report.impacts[0]).toMatchObject({ effect: expect.stringMatching(/^UpdateInput \(name\): MediaLive refuses it while the attached channel is not idle/), channels: [CHANNEL] });
  expect(report.channels).toEqual([expect.objectContaining({ id: CHANNEL, state: "RUNNING", quiet: false })]);
  expect(describeCalls()).toEqual([`DescribeInput ${INPUT}`, `DescribeChannel ${CHANNEL}`]);
});

test("an allow-list change that drops a range reaches the channels of the group's inputs", async () => {
  aws.medialive.setState(OTHER, "STARTING");
  aws.medialive.stick(OTHER, "STARTING");
  const file = writePlan(
    planDocument({
      changes: [
        resourceChange({
          type: "aws_medialive_input_security_group",
          name: "pool_sg",
          actions: ["update"],
          before: inputSecurityGroupState("1234567", [INPUT, "8765432"], ["203.0.113.0/24", "198.51.100.0/24"]),
          after: inputSecurityGroupState("1234567", [INPUT, "8765432"], ["198.51.100.0/24"]),
        }),
      ],
    }),
  );
  const r = await check(file, "--json");
  expect(r.code).toBe(ExitCode.Infeasible);
  const report = JSON.parse(r.stdout);
  expect(report.impacts[0].effect).toMatch(/the allow list loses 203\.0\.113\.0\/24 at once/);
  expect(report.channels.map((c: { id: string; state: string; quiet: boolean }) => [c.id, c.state, c.quiet])).toEqual([
    [CHANNEL, "IDLE", true],
    [OTHER, "STARTING", false],
  ]);
  expect(report.problems).toEqual([expect.stringMatching(/^channel 4567890 is STARTING and aws_medialive_input_security_group\.pool_sg would reach it/)]);
});

test("replacing an origin endpoint's stack or deleting a MediaPackage channel reaches the MediaLive channel sending to it", async () => {
  aws.medialive.setState(OTHER, "RUNNING");
  const file = writePlan(
    planDocument({
      changes: [
        resourceChange({ type: "aws_cloudformation_stack", name: "endpoint-1", actions: ["delete", "create"], before: endpointStackState("livestream-dev-ch1"), after: endpointStackState("livestream-dev-ch1"), afterUnknown: { id: true, outputs: true } }),
        resourceChange({ type: "aws_media_package_channel", name: "mp-0", actions: ["delete"], before: { arn: "arn:aws:mediapackage:ap-southeast-1:111111111111:channels/abc", channel_id: "livestream-dev-ch0", id: "livestream-dev-ch0", description: "x" } }),
      ],
    }),
  );
  const r = await check(file, "--json");
  expect(r.code).toBe(ExitCode.Infeasible);
  const report = JSON.parse(r.stdout);
  expect(report.impacts.map((i: { address: string; channels: string[] }) => [i.address, i.channels])).toEqual([
    ["aws_cloudformation_stack.endpoint-1", [OTHER]],
    ["aws_media_package_channel.mp-0", [CHANNEL]],
  ]);
  expect(report.impacts[0].effect).toMatch(/origin endpoint is replaced with its startover window: live and not yet harvested recordings are lost/);
  expect(report.channels.map((c: { id: string; quiet: boolean }) => [c.id, c.quiet])).toEqual([
    [CHANNEL, true],
    [OTHER, false],
  ]);
  // One listing serves every MediaPackage lookup.
  expect(describeCalls().filter((c) => c === "ListChannels")).toHaveLength(1);
});

test("budget limits from last month are refused after the month turns (UTC), with no AWS call", async () => {
  const file = writePlan(planDocument({ timestamp: "2027-03-31T23:40:00Z", changes: [resourceChange({ type: "aws_budgets_budget", name: "budget", actions: ["update"], before: budgetAfter("2027-02"), after: budgetAfter("2027-03") })] }));

  // 00:10 in Singapore on 1 April is still 31 March in UTC: the limits start with the current month.
  const sameMonth = await check(file, "--now", "2027-04-01T00:10:00+08:00", "--json");
  expect(sameMonth.code).toBe(ExitCode.Ok);
  expect(JSON.parse(sameMonth.stdout).budgets).toEqual([{ address: "aws_budgets_budget.budget", firstMonth: "2027-03", currentMonth: "2027-03", ok: true }]);

  const nextMonth = await check(file, "--now", "2027-04-01T00:10:00Z");
  expect(nextMonth.code).toBe(ExitCode.Infeasible);
  expect(nextMonth.stdout).toMatch(/budget aws_budgets_budget\.budget: planned limits from 2027-03, current month 2027-04 \(UTC\): REFUSED: plan again/);
  expect(nextMonth.stderr).toMatch(/error: apply refused: its budget limits start in 2027-03, not 2027-04/);
  expect(nextMonth.stderr).toMatch(/hint: plan again \(atlantis plan -p <project>\)/);
  expect(aws.medialive.calls).toEqual([]);
});

test("every reason is reported at once: a running channel and a stale budget", async () => {
  aws.medialive.setState(CHANNEL, "RUNNING");
  const file = writePlan(planDocument({ changes: [encoderUpdate(), resourceChange({ type: "aws_budgets_budget", name: "budget", actions: ["create"], after: budgetAfter("2027-03") })] }));
  const r = await check(file, "--now", "2027-04-02T09:00:00+08:00", "--json");
  expect(r.code).toBe(ExitCode.Infeasible);
  const report = JSON.parse(r.stdout);
  expect(report.problems).toEqual([expect.stringMatching(/^channel 3456789 is RUNNING/), expect.stringMatching(/^aws_budgets_budget\.budget: planned limits start in 2027-03 but it is 2027-04 \(UTC\) now/)]);
  expect(report.error.message).toBe("apply refused: it would interrupt channel 3456789 (RUNNING); its budget limits start in 2027-03, not 2027-04");
});

test("MediaLive failing after retries is exit 3 with the report; with a refusal already known it stays 5", async () => {
  aws.medialive.faults.add({ operation: "DescribeChannel", target: CHANNEL, status: 500, times: 3 });
  const file = writePlan(planDocument({ changes: [encoderUpdate()] }));
  const r = await check(file, "--json", "--max-attempts", "3");
  expect(r.code).toBe(ExitCode.Remote);
  expect(describeCalls()).toEqual(Array(3).fill(`DescribeChannel ${CHANNEL}`));
  const report = JSON.parse(r.stdout);
  expect(report.error).toMatchObject({ type: "remote", exitCode: 3, message: expect.stringMatching(/could not read the MediaLive channels this plan reaches \(InternalServerErrorException/) });
  expect(report).toMatchObject({ safeToApply: false, exitCode: 3 });
  aws.medialive.faults.add({ operation: "DescribeChannel", target: CHANNEL, status: 500, times: 3 });
  const human = await check(file);
  expect(human.stdout).toMatch(/^not safe to apply: the channels this plan reaches could not be read$/m);
  expect(human.stderr).toMatch(/hint: the profile needs medialive:DescribeChannel, DescribeInput and ListChannels/);

  aws.medialive.faults.add({ operation: "DescribeChannel", target: CHANNEL, status: 500, times: 3 });
  const withBudget = writePlan(planDocument({ changes: [encoderUpdate(), resourceChange({ type: "aws_budgets_budget", name: "budget", actions: ["create"], after: budgetAfter("2027-03") })] }));
  const both = await check(withBudget, "--now", "2027-05-01T12:00:00Z");
  expect(both.code).toBe(ExitCode.Infeasible);
  expect(both.stderr).toMatch(/apply refused: the channels it reaches could not be read; its budget limits start in 2027-03, not 2027-05/);
});

test("a channel or input that no longer exists blocks nothing and is noted", async () => {
  const gone = channelState("9999999", "9999998");
  const file = writePlan(
    planDocument({
      changes: [
        resourceChange({ type: "aws_medialive_channel", name: "pool_channel-9", actions: ["delete"], before: gone }),
        resourceChange({ type: "aws_medialive_input", name: "pool_input-9", actions: ["delete"], before: inputState("9999998", "9999999") }),
      ],
    }),
  );
  const r = await check(file, "--json");
  expect(r.code).toBe(ExitCode.Ok);
  const report = JSON.parse(r.stdout);
  expect(report.channels).toEqual([expect.objectContaining({ id: "9999999", state: "NOT_FOUND", quiet: true })]);
  expect(report.notes).toEqual(["aws_medialive_input.pool_input-9: input 9999998 does not exist (any more)"]);
});

test("bad input is exit 2 before any AWS call: not JSON, a state file, a region other than the plan's", async () => {
  const notJson = await check(writePlan("Terraform will perform the following actions:", "plan.txt"));
  expect(notJson.code).toBe(ExitCode.Usage);
  expect(notJson.stderr).toMatch(/--plan .*plan\.txt: not valid JSON/);

  const state = await check(writePlan({ format_version: "1.0", terraform_version: "1.11.4", values: { root_module: {} } }), "--json");
  expect(state.code).toBe(ExitCode.Usage);
  expect(JSON.parse(state.stdout).error.message).toMatch(/is not the JSON of a Terraform plan: no resource_changes or planned_values \(a state file\?\)/);

  const broken = await check(writePlan({ format_version: "2.0", resource_changes: [{ address: "x.y", type: "x", change: { actions: ["explode"] } }] }));
  expect(broken.stderr).toMatch(/format_version must be 1\.x, got "2\.0"; x\.y: unknown actions \["explode"\]/);

  aws.medialive.setState(CHANNEL, "RUNNING");
  const region = await check(writePlan(planDocument({ changes: [encoderUpdate()] })), "--region", "us-east-1");
  expect(region.code).toBe(ExitCode.Usage);
  expect(region.stderr).toMatch(/--region us-east-1, but the plan's aws provider deploys to ap-southeast-1/);

  const missing = await check("/nonexistent/plan.json");
  expect(missing.code).toBe(ExitCode.Usage);
  expect(aws.medialive.calls).toEqual([]);
});

test("a change to a channel the plan does not identify is refused: nothing can clear it", async () => {
  const before = channelState(CHANNEL, INPUT);
  delete before.id;
  delete before.channel_id;
  const file = writePlan(planDocument({ changes: [resourceChange({ type: "aws_medialive_channel", name: "pool_channel-0", actions: ["update"], before, after: { ...before, log_level: "INFO" } })] }));
  const r = await check(file, "--json");
  expect(r.code).toBe(ExitCode.Infeasible);
  const report = JSON.parse(r.stdout);
  expect(report.problems).toEqual(["aws_medialive_channel.pool_channel-0: the plan does not say which channel it is (no id in its prior state); check it by hand"]);
  expect(report.error.message).toBe("apply refused: aws_medialive_channel.pool_channel-0 names no channel");
  expect(aws.medialive.calls).toEqual([]);
});
