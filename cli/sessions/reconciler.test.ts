/**
 * Reconcile scenarios through the real SDK against the fake MediaLive/MediaPackage/CloudWatch
 * servers, on a fake clock (channels take 90 s to start and 30 s to stop).
 */
import { startFakeAws, type FakeAws } from "../../test/fakes/aws";
import type { AwsClients } from "../aws/clients";
import { listPoolChannels } from "../channels/pool";
import type { Session } from "../schedule/session";
import { reconcile, type ReconcileOptions } from "./reconciler";

const MIN = 60_000;
const T0 = Date.parse("2026-05-01T10:00:00Z");
let aws: FakeAws;
let clients: AwsClients;

const session = (id: string, startMin: number, endMin: number, channelId?: string): Session => ({
  id,
  startsAt: T0 + startMin * MIN,
  endsAt: T0 + endMin * MIN,
  channelId,
  origin: `test ${id}`,
});

const options = (extra: Partial<ReconcileOptions> = {}): ReconcileOptions => ({
  pool: "dev",
  leadMs: 10 * MIN,
  graceMs: 5 * MIN,
  pollMs: 10_000,
  timeoutMs: 240_000,
  harvest: { bucket: "livestream-dev-recorded-media", roleArn: "arn:aws:iam::123456789012:role/harvest" },
  ...extra,
});

async function pass(sessions: Session[], extra: Partial<ReconcileOptions> = {}) {
  const channels = await listPoolChannels(clients.medialive, "dev");
  return reconcile(clients, aws.clock, channels, sessions, options(extra));
}

const mutating = () => aws.medialive.accepted().length + aws.mediapackage.calls.filter((c) => c.operation === "CreateHarvestJob" && c.status < 300).length;

beforeEach(async () => {
  aws = await startFakeAws();
  aws.clock.t = T0;
  for (const id of ["1111111", "2222222", "3333333"]) {
    aws.medialive.addChannel({ id, tags: { "livestream:pool": "dev" }, mediaPackageChannelId: `mp-${id}` });
    aws.mediapackage.addOriginEndpoint(`mp-${id}`, `ep-${id}`);
  }
  aws.medialive.addChannel({ id: "9999999", tags: { "livestream:pool": "prod" }, state: "RUNNING" });
  clients = await aws.clients();
});

afterEach(async () => {
  await aws.close();
});

test("overlapping sessions get different channels, both RUNNING before they start; a second pass makes no mutating call", async () => {
  const sessions = [session("a", 5, 65), session("b", 8, 70)];
  const first = await pass(sessions);
  expect(first.errors).toEqual([]);
  const started = first.channels.filter((c) => c.actions.includes("start")).map((c) => c.id);
  expect(started).toHaveLength(2);
  expect(started.map((id) => aws.medialive.state(id))).toEqual(["RUNNING", "RUNNING"]);
  expect(aws.clock.now()).toBeLessThan(T0 + 5 * MIN);
  // the prod channel is not in the pool and is never touched
  expect(aws.medialive.calls.filter((c) => c.target === "9999999")).toEqual([]);
  expect(aws.cloudwatch.put.find((d) => d.metricName === "ChannelsRunning")?.value).toBe(2);

  const before = mutating();
  const second = await pass(sessions);
  expect(mutating()).toBe(before);
  expect(second.mutatingCalls).toBe(0);
  expect(second.errors).toEqual([]);
});

test("back-to-back sessions on one channel: no stop between, one harvest job per session after the stop", async () => {
  const sessions = [session("first", 5, 35, "1111111"), session("second", 35, 65, "1111111")];
  await pass(sessions);
  for (let t = 1; t <= 80; t++) {
    aws.clock.t = Math.max(aws.clock.t, T0 + t * MIN);
    const r = await pass(sessions);
    expect(r.errors).toEqual([]);
  }
  expect(aws.medialive.accepted("StartChannel")).toHaveLength(1);
  expect(aws.medialive.accepted("StopChannel")).toHaveLength(1);
  const stopAt = aws.medialive.accepted("StopChannel")[0]!.at;
  expect(stopAt).toBeGreaterThanOrEqual(T0 + 70 * MIN);
  expect(aws.mediapackage.harvestJobs.map((j) => j.s3Destination.manifestKey).sort()).toEqual(["sessions/first/index.m3u8", "sessions/second/index.m3u8"]);
  const first = aws.mediapackage.harvestJobs.find((j) => j.s3Destination.manifestKey.startsWith("sessions/first/"))!;
  expect([first.startTime, first.endTime, first.originEndpointId]).toEqual([new Date(T0 + 5 * MIN).toISOString(), new Date(T0 + 35 * MIN).toISOString(), "ep-1111111"]);
  expect(aws.mediapackage.calls.filter((c) => c.operation === "CreateHarvestJob")).toHaveLength(2);
});

test("a session removed while its channel runs: the channel is stopped and nothing else", async () => {
  const sessions = [session("a", 5, 65, "2222222")];
  await pass(sessions);
  expect(aws.medialive.state("2222222")).toBe("RUNNING");
  aws.clock.t = T0 + 20 * MIN;
  const r = await pass([]);
  expect(r.channels.find((c) => c.id === "2222222")?.actions).toEqual(["stop"]);
  expect(aws.medialive.state("2222222")).toBe("IDLE");
  expect(aws.medialive.accepted("StartChannel")).toHaveLength(1);
});

test("never stops a channel during its session or when its next session starts within the lead", async () => {
  aws.medialive.setState("1111111", "RUNNING");
  aws.clock.t = T0 + 30 * MIN;
  // live now on 1111111; 2222222 runs although its next session is only 8 minutes away
  aws.medialive.setState("2222222", "RUNNING");
  const r = await pass([session("live", 0, 60, "1111111"), session("soon", 38, 60, "2222222")]);
  expect(aws.medialive.accepted()).toEqual([]);
  expect(r.channels.filter((c) => c.desired).map((c) => c.id)).toEqual(["1111111", "2222222"]);
});

test("a channel stuck in STARTING past the timeout is reported (exit as timeout) and other channels still served", async () => {
  aws.medialive.stick("1111111", "STARTING");
  const r = await pass([session("stuck", 5, 60, "1111111"), session("fine", 5, 60, "2222222")], { timeoutMs: 120_000 });
  expect(r.errors).toEqual([expect.objectContaining({ kind: "timeout", channelId: "1111111" })]);
  expect(aws.medialive.state("2222222")).toBe("RUNNING");
  expect(aws.cloudwatch.put.find((d) => d.metricName === "Errors")?.value).toBe(1);
  // the next pass does not start it again: it is still STARTING, which is waited on, not retried
  const again = await pass([session("stuck", 5, 60, "1111111"), session("fine", 5, 60, "2222222")], { timeoutMs: 30_000 });
  expect(again.mutatingCalls).toBe(0);
  expect(aws.medialive.accepted("StartChannel")).toHaveLength(2);
});

test("a pool too small: what fits runs, the rest is reported as infeasible with the channels needed", async () => {
  const sessions = [session("a", 5, 60), session("b", 5, 60), session("c", 6, 60), session("d", 7, 60)];
  const r = await pass(sessions);
  expect(aws.medialive.accepted("StartChannel")).toHaveLength(3);
  expect(r.errors).toEqual([expect.objectContaining({ kind: "infeasible", sessionId: "d" })]);
  expect(r.errors[0]!.message).toMatch(/needs 4/);
});

test("429, 409 and 5xx: retried or re-read, and the pass still converges", async () => {
  aws.medialive.faults.add({ operation: "ListChannels", status: 429 });
  aws.medialive.faults.add({ operation: "StartChannel", target: "1111111", status: 500 });
  aws.medialive.faults.add({ operation: "StartChannel", target: "2222222", status: 409 });
  aws.medialive.faults.add({ operation: "DescribeChannel", status: 503, times: 2 });
  const r = await pass([session("a", 5, 60, "1111111"), session("b", 5, 60, "2222222")]);
  expect(r.errors).toEqual([]);
  expect(aws.medialive.state("1111111")).toBe("RUNNING");
  expect(aws.medialive.state("2222222")).toBe("RUNNING");
  expect(aws.medialive.calls.filter((c) => c.operation === "StartChannel").map((c) => c.status)).toEqual([500, 200, 409, 200]);
});

test("409 because another pass started it first: re-read, no second start", async () => {
  // Someone else starts the channel between our list and our start.
  const channels = await listPoolChannels(clients.medialive, "dev");
  aws.medialive.setState("1111111", "STARTING");
  const r = await reconcile(clients, aws.clock, channels, [session("a", 5, 60, "1111111")], options());
  expect(r.errors).toEqual([]);
  expect(aws.medialive.calls.filter((c) => c.operation === "StartChannel").map((c) => c.status)).toEqual([409]);
});

test("dry run: decides, calls nothing that mutates, waits for nothing", async () => {
  aws.medialive.setState("3333333", "RUNNING");
  const r = await pass([session("a", 5, 60)], { dryRun: true });
  expect(r.channels.flatMap((c) => c.actions).sort()).toEqual(["would-start", "would-stop"]);
  expect(aws.medialive.calls.filter((c) => c.operation !== "ListChannels" && c.operation !== "DescribeChannel")).toEqual([]);
  expect(aws.cloudwatch.calls).toEqual([]);
  expect(aws.clock.now()).toBe(T0);
});

test("harvest happens once per session even across restarts and a create that raced", async () => {
  const sessions = [session("x", -60, -20, "3333333")];
  aws.clock.t = T0;
  await pass(sessions);
  expect(aws.mediapackage.harvestJobs).toHaveLength(1);
  // A new process (fresh clients) finds the job by its deterministic id and creates nothing.
  const fresh = await aws.clients();
  const channels = await listPoolChannels(fresh.medialive, "dev");
  const r = await reconcile(fresh, aws.clock, channels, sessions, options());
  expect(r.harvests).toEqual([]);
  expect(aws.mediapackage.calls.filter((c) => c.operation === "CreateHarvestJob")).toHaveLength(1);
});
