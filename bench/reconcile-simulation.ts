/**
 * Simulation: a day of 200 sessions run by `reconcile` once a simulated minute against the fake
 * MediaLive/MediaPackage/CloudWatch servers, through the real SDK, on an accelerated clock, with
 * 20 % of all calls throttled (429).
 *
 * Reports:
 * - on-time share: sessions whose channel was RUNNING at startsAt (target 100 %);
 * - billed channel-hours / session-hours (per-minute billing from RUNNING until the stop call, 10-minute
 *   minimum per run; target <= 1.25 with a 10-minute lead and 5-minute grace);
 * - mutating calls accepted / the minimum (one start and one stop per planned run; target <= 1.1);
 * - harvest jobs created / sessions (exactly 1.0 expected).
 *
 * Run: `npm run bench` (via bench/run.ts) or `node dist/bench/reconcile-simulation.js`.
 */
import { listPoolChannels } from "../cli/channels/pool";
import type { Session } from "../cli/schedule/session";
import { reconcile } from "../cli/sessions/reconciler";
import { peakOverlap, planSessions } from "../cli/sessions/planner";
import { startFakeAws } from "../test/fakes/aws";
import { FakeClock, seededRandom } from "../test/fakes/http";

const MIN = 60_000;

export interface SimulationResult {
  readonly sessions: number;
  readonly poolSize: number;
  readonly passes: number;
  readonly onTimeShare: number;
  readonly billedChannelHours: number;
  readonly sessionHours: number;
  readonly billedOverSessionHours: number;
  readonly mutatingCalls: number;
  readonly minimumMutatingCalls: number;
  readonly mutatingOverMinimum: number;
  readonly harvestJobsPerSession: number;
  readonly throttledCalls: number;
  readonly totalCalls: number;
  readonly passErrors: number;
  readonly wallSeconds: number;
}

/** 200 sessions in one day (UTC+8): 40 % in prime time 18:00-21:00, the rest 07:00-23:00; 45-120 min. */
export function generateDay(count = 200, seed = 2026): Session[] {
  const random = seededRandom(seed);
  const day = Date.parse("2026-05-01T00:00:00+08:00");
  const sessions: Session[] = [];
  for (let i = 0; i < count; i++) {
    const prime = random() < 0.4;
    const startMin = prime ? 18 * 60 + Math.floor(random() * 12) * 15 : 7 * 60 + Math.floor(random() * 60) * 15;
    const duration = 45 + Math.floor(random() * 6) * 15;
    sessions.push({ id: `s${String(i).padStart(3, "0")}`, startsAt: day + startMin * MIN, endsAt: day + (startMin + duration) * MIN, origin: `generated ${i}` });
  }
  return sessions;
}

/**
 * 200 sessions on the default regional quota of 5 channels: five tracks of back-to-back 20-35 minute
 * sessions from 06:00, some with a 5-minute break, so every channel runs a long chain.
 */
export function generateTracks(count = 200, tracks = 5, seed = 7): Session[] {
  const random = seededRandom(seed);
  const day = Date.parse("2026-05-01T06:00:00+08:00");
  const next = Array.from({ length: tracks }, (_, t) => t * 5); // minutes after 06:00, staggered
  const sessions: Session[] = [];
  for (let i = 0; i < count; i++) {
    const track = i % tracks;
    const startMin = next[track]! + (random() < 0.3 ? 5 : 0);
    const duration = 20 + Math.floor(random() * 4) * 5;
    next[track] = startMin + duration;
    sessions.push({ id: `t${track}-${String(i).padStart(3, "0")}`, startsAt: day + startMin * MIN, endsAt: day + (startMin + duration) * MIN, origin: `track ${track}` });
  }
  return sessions;
}

/** The two days the benchmark simulates. */
export const DAYS: Record<string, { readonly describe: string; readonly sessions: () => Session[] }> = {
  "prime-time": { describe: "40 % of sessions in 18:00-21:00, 45-120 min; pool sized to the peak", sessions: () => generateDay() },
  "quota-pool": { describe: "five back-to-back tracks on the default quota of 5 channels", sessions: () => generateTracks() },
};

/** Runs every simulated day in turn (the `npm run bench` entry). */
export async function run(): Promise<SimulationResult[]> {
  const results: SimulationResult[] = [];
  for (const [name, day] of Object.entries(DAYS)) {
    process.stdout.write(`-- ${name}: ${day.describe}\n`);
    results.push(await simulate(day.sessions()));
  }
  return results;
}

/** One simulated day of reconcile passes, once a simulated minute, against the fake AWS servers. */
export async function simulate(sessions: Session[], options: { throttleRate?: number; log?: (line: string) => void } = {}): Promise<SimulationResult> {
  const log = options.log ?? ((line: string) => process.stdout.write(`${line}\n`));
  const wallStart = Date.now();
  const poolSize = peakOverlap(sessions);
  const leadMs = 10 * MIN;
  const graceMs = 5 * MIN;
  const first = Math.min(...sessions.map((s) => s.startsAt));
  const last = Math.max(...sessions.map((s) => s.endsAt));
  const clock = new FakeClock(first - 30 * MIN);
  const aws = await startFakeAws({ clock, startMs: 90_000, stopMs: 30_000, seed: 99 });
  try {
    for (let i = 0; i < poolSize; i++) {
      const id = String(3_000_000 + i);
      aws.medialive.addChannel({ id, tags: { "livestream:pool": "sim" }, mediaPackageChannelId: `mp-${id}` });
      aws.mediapackage.addOriginEndpoint(`mp-${id}`, `ep-${id}`);
    }
    const throttle = options.throttleRate ?? 0.2;
    aws.medialive.faults.throttleRate = throttle;
    aws.mediapackage.faults.throttleRate = throttle;
    aws.cloudwatch.faults.throttleRate = throttle;
    const clients = await aws.clients(3);

    // Observe each session's channel at startsAt: sample states whenever the clock passes a start.
    const plan = planSessions(sessions, Array.from({ length: poolSize }, (_, i) => ({ id: String(3_000_000 + i) })), { leadMs, graceMs });
    const channelOf = new Map(plan.assignments.map((a) => [a.session.id, a.channelId]));
    const pendingStarts = [...sessions].sort((a, b) => a.startsAt - b.startsAt);
    const onTime = new Set<string>();
    const observe = () => {
      while (pendingStarts.length && pendingStarts[0]!.startsAt <= clock.now()) {
        const s = pendingStarts.shift()!;
        if (aws.medialive.state(channelOf.get(s.id)!) === "RUNNING") onTime.add(s.id);
      }
    };
    // The clock only moves in sleeps and between passes; observe at each step so no start is skipped.
    const baseSleep = clock.sleep;
    clock.sleep = async (ms: number) => {
      const target = clock.t + ms;
      while (pendingStarts.length && pendingStarts[0]!.startsAt <= target) {
        clock.t = Math.max(clock.t, pendingStarts[0]!.startsAt);
        observe();
      }
      await baseSleep(target - clock.t);
    };

    let passes = 0;
    let passErrors = 0;
    for (let t = first - 30 * MIN; t <= last + 30 * MIN; t += MIN) {
      if (clock.t < t) await clock.sleep(t - clock.t);
      observe();
      passes++;
      try {
        const channels = await listPoolChannels(clients.medialive, "sim");
        const r = await reconcile(clients, clock, channels, sessions, {
          pool: "sim",
          leadMs,
          graceMs,
          pollMs: 10_000,
          timeoutMs: 240_000,
          harvest: { bucket: "livestream-sim-recorded-media", roleArn: "arn:aws:iam::123456789012:role/harvest" },
        });
        passErrors += r.errors.length;
      } catch {
        passErrors++; // e.g. ListChannels throttled three times: the next pass picks up
      }
    }
    observe();

    const now = clock.now();
    const billedMinutes = aws.medialive.runs.reduce((sum, r) => sum + Math.max(10, Math.ceil(((r.end ?? now) - r.start) / MIN)), 0);
    const sessionMinutes = sessions.reduce((sum, s) => sum + (s.endsAt - s.startsAt) / MIN, 0);
    const mutating = aws.medialive.accepted().length;
    const minimum = plan.runs.length * 2;
    const calls = [...aws.medialive.calls, ...aws.mediapackage.calls, ...aws.cloudwatch.calls];
    const result: SimulationResult = {
      sessions: sessions.length,
      poolSize,
      passes,
      onTimeShare: onTime.size / sessions.length,
      billedChannelHours: Math.round((billedMinutes / 60) * 100) / 100,
      sessionHours: Math.round((sessionMinutes / 60) * 100) / 100,
      billedOverSessionHours: Math.round((billedMinutes / sessionMinutes) * 1000) / 1000,
      mutatingCalls: mutating,
      minimumMutatingCalls: minimum,
      mutatingOverMinimum: Math.round((mutating / minimum) * 1000) / 1000,
      harvestJobsPerSession: aws.mediapackage.harvestJobs.length / sessions.length,
      throttledCalls: calls.filter((c) => c.status === 429).length,
      totalCalls: calls.length,
      passErrors,
      wallSeconds: Math.round((Date.now() - wallStart) / 100) / 10,
    };
    log(`reconcile simulation: ${result.sessions} sessions, pool of ${result.poolSize}, ${result.passes} passes, ${Math.round(throttle * 100)} % of calls throttled`);
    log(`  on time (RUNNING at startsAt): ${(result.onTimeShare * 100).toFixed(1)} %  (target 100 %)`);
    log(`  billed channel-hours / session-hours: ${result.billedChannelHours} / ${result.sessionHours} = ${result.billedOverSessionHours}  (target <= 1.25)`);
    log(`  mutating calls / minimum: ${result.mutatingCalls} / ${result.minimumMutatingCalls} = ${result.mutatingOverMinimum}  (target <= 1.1)`);
    log(`  harvest jobs per session: ${result.harvestJobsPerSession}; throttled ${result.throttledCalls} of ${result.totalCalls} calls; pass errors ${result.passErrors}; ${result.wallSeconds} s wall`);
    return result;
  } finally {
    await aws.close();
  }
}

if (require.main === module) {
  run().then(
    (results) => {
      const ok = results.every((r) => r.onTimeShare === 1 && r.billedOverSessionHours <= 1.25 && r.mutatingOverMinimum <= 1.1);
      process.exitCode = ok ? 0 : 1;
    },
    (err) => {
      process.stderr.write(`${(err as Error).stack}\n`);
      process.exitCode = 1;
    },
  );
}
