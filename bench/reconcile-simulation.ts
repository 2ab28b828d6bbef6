/**
 * Reconcile replays: one pass a simulated minute, every step of the real pass (cli/sessions/pass),
 * through the real AWS SDK against the fake MediaLive/MediaPackage/CloudWatch servers over HTTP, on
 * a simulated clock (waits cost nothing; channels take 90 s to start, 30 s to stop; harvest jobs
 * take 60 s), with 20 % of all AWS calls throttled (429) and the schedule edited while it runs.
 *
 * 1. "14 days": 4 channels, about 14 sessions a day (40 % in prime time), cancellations before and
 *    during sessions, sessions created late and moved in time, a channel in UPDATE_FAILED for four
 *    hours and a channel whose starts fail twice. Store: MemoryStore, which keeps the PostgreSQL
 *    store's rules (cli/sessions/memory-store.test.ts runs one scenario through both and compares),
 *    so 20,000 passes take minutes, not hours.
 * 2. "50 channels": prime time on a 50-channel pool against a real PostgreSQL (one connection per
 *    pass, as each ECS task opens its own), with 30 ms added to every MediaLive/MediaPackage call
 *    and the SDK's own back-off: the pass duration distribution.
 *
 * Reports, per replay: sessions moved while on air (target 0), sessions whose channel was RUNNING
 * at their start (target 100 %), recordings harvested from the channel the session ran on
 * (target 100 %), billed channel-hours / session-hours (target <= 1.20), pass wall time p50/p99.
 *
 * Run: `npm run bench` (BENCH_ONLY=reconcile-simulation) or `node dist/bench/reconcile-simulation.js`.
 */
import { Client } from "pg";
import { ORIGIN_ENDPOINT_TAG, POOL_TAG, sessionManifestKey } from "../contracts";
import { migrate } from "../db/migrate";
import { createAwsClients, type AwsClients } from "../cli/aws/clients";
import { Deadline } from "../cli/sessions/deadline";
import { MemoryDatabase, MemoryStore } from "../cli/sessions/memory-store";
import { connectPassDatabase } from "../cli/sessions/pass-database";
import { createPassContext, type PassReport, type PassSettings } from "../cli/sessions/pass/context";
import { runPass } from "../cli/sessions/pass/steps";
import { peakOverlap } from "../cli/sessions/planner";
import { PostgresSessionStore } from "../cli/sessions/postgres-store";
import type { SessionStore } from "../cli/sessions/store";
import { startFakeAws, type FakeAws } from "../test/fakes/aws";
import { FakeClock, seededRandom } from "../test/fakes/http";
import { defaultSettings } from "../test/support/pass-harness";
import { startPostgres, type PostgresServer } from "../test/support/postgres";

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
const POOL = "sim";

export interface SimSession {
  readonly id: string;
  startsAt: number;
  endsAt: number;
  /** Written to the database at this time (created late); before the replay otherwise. */
  readonly createdAt?: number;
  /** The app cancels it at this time. */
  readonly cancelAt?: number;
  /** The app moves it by `byMs` at `at`. */
  readonly shift?: { readonly at: number; readonly byMs: number };
}

/** Something that happens to the pool during the replay. */
export interface SimEvent {
  readonly at: number;
  readonly what: string;
  apply(aws: FakeAws, app: AppDatabase): Promise<void>;
}

export interface Scenario {
  readonly name: string;
  readonly describe: string;
  readonly channels: number;
  readonly sessions: SimSession[];
  readonly events: SimEvent[];
  readonly from: number;
  readonly to: number;
  readonly store: "memory" | "postgres";
  readonly throttleRate: number;
  /** Added to every MediaLive/MediaPackage request (real time). */
  readonly latencyMs: number;
  /** The SDK's standard back-off (real time) instead of a 1 ms one. */
  readonly realBackoff: boolean;
}

export interface SimulationResult {
  readonly name: string;
  readonly sessions: number;
  readonly passes: number;
  readonly movedOnAir: number;
  readonly movedBeforeAir: number;
  readonly runningAtStart: number;
  readonly startedSessions: number;
  readonly harvested: number;
  readonly toHarvest: number;
  readonly billedChannelHours: number;
  readonly sessionHours: number;
  readonly billedOverSessionHours: number;
  /** Sessions streaming with a key another mentor's session also had (every session has its own mentor here). */
  readonly sessionsSharingAKey: number;
  readonly passP50Ms: number;
  readonly passP99Ms: number;
  readonly passMaxMs: number;
  /** p99 of each step's time, ms: where a slow pass spends it. */
  readonly stepP99Ms: Record<string, number>;
  readonly passesWithErrors: number;
  readonly errorKinds: Record<string, number>;
  readonly throttledCalls: number;
  readonly totalCalls: number;
  readonly wallSeconds: number;
  /** What happened, for comparing two replays: accepted mutating calls in order, and where each session ended up. */
  readonly trace: { readonly mutating: string[]; readonly channelOf: Record<string, string | undefined> };
}

/** What the app does to live_sessions (and an operator to pool_channels), for either store. */
export interface AppDatabase {
  insert(s: SimSession): Promise<void>;
  cancel(id: string): Promise<void>;
  shift(id: string, startsAt: number, endsAt: number): Promise<void>;
  /** An operator clears a channel's health after fixing it (docs/operations.md, failover). */
  resetChannel(channelId: string): Promise<void>;
  channels(): Promise<Map<string, string | undefined>>;
  /** Sessions whose ingest URLs (stream key) another mentor's session also got. */
  sessionsSharingAKey(): Promise<number>;
  /** A store for one pass. */
  passStore(): Promise<SessionStore>;
  close(): Promise<void>;
}

function memoryApp(): AppDatabase {
  const db = new MemoryDatabase();
  return {
    async insert(s) {
      db.putSession({ id: s.id, mentorId: `mentor-${s.id}`, startsAt: s.startsAt, endsAt: s.endsAt });
    },
    async cancel(id) {
      db.editSession(id, { status: "cancelled" });
    },
    async shift(id, startsAt, endsAt) {
      db.editSession(id, { startsAt, endsAt });
    },
    async resetChannel(channelId) {
      const row = db.channelRows(POOL).get(channelId);
      if (row) Object.assign(row, { healthy: true, unhealthyReason: undefined, unhealthySince: undefined, startFailures: 0 });
    },
    async channels() {
      return new Map([...db.sessions.values()].map((s) => [s.id, s.channelId]));
    },
    async sessionsSharingAKey() {
      const rows = [...db.sessions.values()].filter((r) => r.status !== "cancelled" && r.ingestUrls?.length);
      const key = (r: (typeof rows)[number]) => r.ingestUrls!.join(" ");
      return rows.filter((a) => rows.some((b) => b.id !== a.id && b.mentorId !== a.mentorId && key(b) === key(a))).length;
    },
    async passStore() {
      return new MemoryStore(db);
    },
    async close() {},
  };
}

async function postgresApp(pg: PostgresServer): Promise<AppDatabase> {
  const url = await pg.createDatabase(`bench_${process.pid}_${Date.now() % 100000}`);
  const sql = new Client({ connectionString: url });
  await sql.connect();
  await migrate(sql);
  return {
    async insert(s) {
      await sql.query("INSERT INTO live_sessions (id, mentor_id, starts_at, ends_at) VALUES ($1, $2, $3, $4)", [s.id, `mentor-${s.id}`, new Date(s.startsAt), new Date(s.endsAt)]);
    },
    async cancel(id) {
      await sql.query("UPDATE live_sessions SET status = 'cancelled' WHERE id = $1", [id]);
    },
    async shift(id, startsAt, endsAt) {
      await sql.query("UPDATE live_sessions SET starts_at = $2, ends_at = $3 WHERE id = $1", [id, new Date(startsAt), new Date(endsAt)]);
    },
    async resetChannel(channelId) {
      await sql.query("UPDATE pool_channels SET healthy = true, unhealthy_reason = NULL, unhealthy_since = NULL, start_failures = 0 WHERE pool = $1 AND channel_id = $2", [POOL, channelId]);
    },
    async channels() {
      const { rows } = await sql.query<{ id: string; channel_id: string | null }>("SELECT id, channel_id FROM live_sessions");
      return new Map(rows.map((r) => [r.id, r.channel_id ?? undefined]));
    },
    async sessionsSharingAKey() {
      const { rows } = await sql.query<{ n: string }>(
        `SELECT count(*) AS n FROM live_sessions a
          WHERE a.status <> 'cancelled' AND a.ingest_urls IS NOT NULL
            AND EXISTS (SELECT 1 FROM live_sessions b WHERE b.id <> a.id AND b.mentor_id <> a.mentor_id AND b.ingest_urls = a.ingest_urls)`,
      );
      return Number(rows[0]!.n);
    },
    async passStore() {
      return new PostgresSessionStore(await connectPassDatabase(url, { statementTimeoutMs: 10_000, lockTimeoutMs: 2_000, connectTimeoutMs: 5_000 }), url);
    },
    async close() {
      await sql.end();
    },
  };
}

const channelId = (i: number) => String(3_000_000 + i);

/**
 * Sessions of `days` days from `dayZero` (a local midnight): `perDay` a day, 40 % starting in prime
 * time 18:00-21:00, the rest 07:00-23:00, 45-120 minutes; never more than `maxConcurrent` at once.
 * Then the app's edits: 5 % cancelled before their start, 2 % cancelled on air, 5 % created only 30
 * minutes before they start, 5 % moved 30 minutes later two hours ahead.
 */
export function generateSessions(options: { dayZero: number; days: number; perDay: number; maxConcurrent: number; seed: number; prefix: string }): SimSession[] {
  const random = seededRandom(options.seed);
  const sessions: SimSession[] = [];
  for (let day = 0; day < options.days; day++) {
    let made = 0;
    for (let tries = 0; made < options.perDay && tries < options.perDay * 50; tries++) {
      const prime = random() < 0.4;
      const startMin = prime ? 18 * 60 + Math.floor(random() * 12) * 15 : 7 * 60 + Math.floor(random() * 64) * 15;
      const duration = 45 + Math.floor(random() * 6) * 15;
      const startsAt = options.dayZero + day * DAY + startMin * MIN;
      const candidate = { id: `${options.prefix}${String(sessions.length).padStart(4, "0")}`, startsAt, endsAt: startsAt + duration * MIN };
      if (peakOverlap([...sessions, candidate]) > options.maxConcurrent) continue;
      sessions.push(candidate);
      made++;
    }
  }
  return sessions.map((s) => {
    const r = random();
    if (r < 0.05) return { ...s, cancelAt: s.startsAt - Math.floor(random() * 6 * 60) * MIN - MIN };
    if (r < 0.07) return { ...s, cancelAt: s.startsAt + 10 * MIN };
    if (r < 0.12) return { ...s, createdAt: s.startsAt - 30 * MIN };
    if (r < 0.17) {
      const moved = { startsAt: s.startsAt + 30 * MIN, endsAt: s.endsAt + 30 * MIN };
      const others = sessions.filter((o) => o.id !== s.id);
      if (peakOverlap([...others, moved]) <= options.maxConcurrent) return { ...s, shift: { at: s.startsAt - 2 * HOUR, byMs: 30 * MIN } };
    }
    return s;
  });
}

export function fourteenDays(): Scenario {
  const dayZero = Date.parse("2026-05-01T00:00:00+08:00");
  const sessions = generateSessions({ dayZero, days: 14, perDay: 14, maxConcurrent: 3, seed: 2026, prefix: "d" });
  return {
    name: "14 days",
    describe: "4 channels, ~14 sessions/day, edits, a channel UPDATE_FAILED under a session about to start (day 5), a channel failing two starts (day 9); MemoryStore",
    channels: 4,
    sessions,
    events: [
      { at: dayZero + 4 * DAY + 19 * HOUR + 12 * MIN, what: "channel 1 UPDATE_FAILED", apply: async (aws) => aws.medialive.setState(channelId(1), "UPDATE_FAILED") },
      { at: dayZero + 4 * DAY + 23 * HOUR, what: "channel 1 repaired (IDLE)", apply: async (aws) => aws.medialive.setState(channelId(1), "IDLE") },
      { at: dayZero + 8 * DAY, what: "channel 2 fails its next two starts", apply: async (aws) => aws.medialive.failStarts(channelId(2), 2) },
      { at: dayZero + 9 * DAY, what: "operator clears channel 2's health", apply: async (_aws, app) => app.resetChannel(channelId(2)) },
    ],
    from: dayZero,
    to: dayZero + 14 * DAY + 2 * HOUR,
    store: "memory",
    throttleRate: 0.2,
    latencyMs: 0,
    realBackoff: false,
  };
}

export function fiftyChannels(): Scenario {
  const dayZero = Date.parse("2026-05-01T00:00:00+08:00");
  const random = seededRandom(50);
  const sessions: SimSession[] = [];
  for (let tries = 0; sessions.length < 160 && tries < 5000; tries++) {
    const startsAt = dayZero + 18 * HOUR + Math.floor(random() * 12) * 15 * MIN;
    const candidate = { id: `p${String(sessions.length).padStart(4, "0")}`, startsAt, endsAt: startsAt + (45 + Math.floor(random() * 6) * 15) * MIN };
    if (peakOverlap([...sessions, candidate]) <= 46) sessions.push(candidate);
  }
  return {
    name: "50 channels",
    describe: "prime time on 50 channels, PostgreSQL (a connection per pass), 30 ms per AWS call, the SDK's back-off",
    channels: 50,
    sessions,
    events: [],
    from: dayZero + 17 * HOUR + 30 * MIN,
    to: dayZero + 23 * HOUR + 15 * MIN,
    store: "postgres",
    throttleRate: 0.2,
    latencyMs: 30,
    realBackoff: true,
  };
}

/** The pass as deployed (test/support/pass-harness.ts defaultSettings), on the simulation's pool and bucket. */
const settings = (now: number): PassSettings => ({
  ...defaultSettings(now),
  pool: POOL,
  harvest: { bucket: "livestream-sim-recorded-media", roleArn: "arn:aws:iam::123456789012:role/harvest" },
});

const percentile = (values: readonly number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
};

export async function simulate(scenario: Scenario, pg?: PostgresServer): Promise<SimulationResult> {
  const wallStart = Date.now();
  const clock = new FakeClock(scenario.from);
  const aws = await startFakeAws({ clock, startMs: 90_000, stopMs: 30_000, seed: 99 });
  const app = scenario.store === "memory" ? memoryApp() : await postgresApp(pg!);
  let clients: AwsClients | undefined;
  try {
    for (let i = 0; i < scenario.channels; i++) {
      aws.medialive.addChannel({ id: channelId(i), tags: { [POOL_TAG]: POOL, [ORIGIN_ENDPOINT_TAG]: `ep-${channelId(i)}` }, mediaPackageChannelId: `mp-${channelId(i)}` });
      aws.mediapackage.addOriginEndpoint(`mp-${channelId(i)}`, `ep-${channelId(i)}`);
    }
    for (const fake of [aws.medialive, aws.mediapackage, aws.cloudwatch]) fake.faults.throttleRate = scenario.throttleRate;
    aws.medialive.latencyMs = scenario.latencyMs;
    aws.mediapackage.latencyMs = scenario.latencyMs;
    clients = scenario.realBackoff ? await createAwsClients({ maxAttempts: 3, requestTimeoutMs: 10_000 }) : await aws.clients(3, { requestTimeoutMs: 10_000 });

    const sessions = scenario.sessions.map((s) => ({ ...s }));
    for (const s of sessions.filter((x) => x.createdAt === undefined)) await app.insert(s);
    const cancelled = new Set<string>();
    const ranOn = new Map<string, string | undefined>();
    const onAirChannel = new Map<string, string | undefined>();
    let movedOnAir = 0;
    let movedBeforeAir = 0;
    let runningAtStart = 0;
    const durations: number[] = [];
    const stepTimes: Record<string, number[]> = {};
    let passesWithErrors = 0;
    const errorKinds: Record<string, number> = {};
    let previous = new Map<string, string | undefined>();
    let passes = 0;

    for (let t = scenario.from; t <= scenario.to; t += MIN) {
      clock.t = t;
      for (const s of sessions) {
        if (s.createdAt === t) await app.insert(s);
        if (s.cancelAt === t) {
          await app.cancel(s.id);
          cancelled.add(s.id);
        }
        if (s.shift?.at === t) {
          s.startsAt += s.shift.byMs;
          s.endsAt += s.shift.byMs;
          await app.shift(s.id, s.startsAt, s.endsAt);
        }
      }
      for (const e of scenario.events.filter((x) => x.at === t)) await e.apply(aws, app);

      // What a mentor would see at this instant: the session's channel, and whether it runs.
      const channels = await app.channels();
      for (const s of sessions) {
        if (cancelled.has(s.id)) continue;
        const ch = channels.get(s.id);
        if (s.startsAt === t) {
          ranOn.set(s.id, ch);
          if (ch && aws.medialive.state(ch) === "RUNNING") runningAtStart++;
        }
        if (s.startsAt <= t && t < s.endsAt) {
          if (onAirChannel.has(s.id) && onAirChannel.get(s.id) !== ch) movedOnAir++;
          onAirChannel.set(s.id, ch);
        } else if (t < s.startsAt && previous.get(s.id) && ch && previous.get(s.id) !== ch) movedBeforeAir++;
      }
      previous = channels;

      const started = performance.now();
      const report: PassReport = await runPass(
        createPassContext({ settings: settings(t), aws: clients, store: await app.passStore(), clock, deadline: new Deadline(clock, 50_000) }),
      );
      durations.push(performance.now() - started);
      const perStep: Record<string, number> = {};
      for (const step of report.steps) perStep[step.name] = (perStep[step.name] ?? 0) + step.ms;
      for (const [name, ms] of Object.entries(perStep)) (stepTimes[name] ??= []).push(ms);
      passes++;
      if (report.errors.length) passesWithErrors++;
      for (const e of report.errors) errorKinds[e.kind] = (errorKinds[e.kind] ?? 0) + 1;
    }

    const completed = sessions.filter((s) => !cancelled.has(s.id));
    const succeeded = aws.mediapackage.succeeded();
    const harvested = completed.filter((s) =>
      succeeded.some(
        (j) =>
          j.s3Destination.manifestKey === sessionManifestKey(s.id) &&
          j.originEndpointId === `ep-${ranOn.get(s.id)}` &&
          j.startTime === new Date(s.startsAt).toISOString() &&
          j.endTime === new Date(s.endsAt).toISOString(),
      ),
    ).length;
    const billedMinutes = aws.medialive.runs.reduce((sum, r) => sum + Math.max(10, Math.ceil(((r.end ?? clock.now()) - r.start) / MIN)), 0);
    const sessionMinutes = completed.reduce((sum, s) => sum + (s.endsAt - s.startsAt) / MIN, 0);
    const calls = [...aws.medialive.calls, ...aws.mediapackage.calls, ...aws.cloudwatch.calls];
    return {
      name: scenario.name,
      sessions: sessions.length,
      passes,
      movedOnAir,
      movedBeforeAir,
      runningAtStart,
      startedSessions: ranOn.size,
      harvested,
      toHarvest: completed.length,
      billedChannelHours: Math.round((billedMinutes / 60) * 100) / 100,
      sessionHours: Math.round((sessionMinutes / 60) * 100) / 100,
      billedOverSessionHours: Math.round((billedMinutes / sessionMinutes) * 1000) / 1000,
      sessionsSharingAKey: await app.sessionsSharingAKey(),
      passP50Ms: Math.round(percentile(durations, 50) * 10) / 10,
      passP99Ms: Math.round(percentile(durations, 99) * 10) / 10,
      passMaxMs: Math.round(Math.max(...durations)),
      stepP99Ms: Object.fromEntries(Object.entries(stepTimes).map(([name, ms]) => [name, Math.round(percentile(ms, 99))])),
      passesWithErrors,
      errorKinds,
      throttledCalls: calls.filter((c) => c.status === 429).length,
      totalCalls: calls.length,
      wallSeconds: Math.round((Date.now() - wallStart) / 100) / 10,
      trace: {
        mutating: [...aws.medialive.calls, ...aws.mediapackage.calls]
          .filter((c) => c.status >= 200 && c.status < 300 && ["StartChannel", "StopChannel", "UpdateInput", "CreateHarvestJob"].includes(c.operation))
          .map((c) => `${new Date(c.at).toISOString()} ${c.operation} ${c.target}`)
          .sort(),
        channelOf: Object.fromEntries(await app.channels()),
      },
    };
  } finally {
    if (clients) for (const c of [clients.medialive, clients.mediapackage, clients.cloudwatch]) c.destroy();
    await app.close();
    await aws.close();
  }
}

const verdict = (ok: boolean) => (ok ? "MET" : "MISSED");

export function print(r: SimulationResult, log: (line: string) => void = (l) => process.stdout.write(`${l}\n`)): boolean {
  const onTime = r.runningAtStart / r.startedSessions;
  const harvested = r.harvested / r.toHarvest;
  const ok = r.movedOnAir === 0 && onTime === 1 && harvested === 1 && r.billedOverSessionHours <= 1.2;
  log(`${r.name}: ${r.sessions} sessions, ${r.passes} passes, ${r.throttledCalls} of ${r.totalCalls} AWS calls throttled, ${r.wallSeconds} s wall`);
  log(`  sessions moved while on air        ${r.movedOnAir}   target 0 ${verdict(r.movedOnAir === 0)}   (moved before going on air, failover: ${r.movedBeforeAir})`);
  log(`  channel RUNNING at session start   ${r.runningAtStart} / ${r.startedSessions} = ${(onTime * 100).toFixed(1)} %   target 100 % ${verdict(onTime === 1)}`);
  log(`  recordings harvested               ${r.harvested} / ${r.toHarvest} = ${(harvested * 100).toFixed(1)} %   target 100 % ${verdict(harvested === 1)}`);
  log(`  billed channel-h / session-h       ${r.billedChannelHours} / ${r.sessionHours} = ${r.billedOverSessionHours}   target <= 1.20 ${verdict(r.billedOverSessionHours <= 1.2)}`);
  log(`  sessions sharing a stream key      ${r.sessionsSharingAKey} / ${r.startedSessions} (each session has its own mentor)`);
  log(`  pass wall time                     p50 ${r.passP50Ms} ms   p99 ${r.passP99Ms} ms   max ${r.passMaxMs} ms   (deadline 50 s)`);
  log(`  p99 per step (ms)                  ${Object.entries(r.stepP99Ms).map(([k, v]) => `${k} ${v}`).join(", ")}`);
  log(`  passes reporting errors            ${r.passesWithErrors}   ${JSON.stringify(r.errorKinds)}`);
  return ok;
}

/** `npm run bench` entry: both replays. */
export async function run(): Promise<void> {
  const results: boolean[] = [];
  results.push(print(await simulate(fourteenDays())));
  const pg = await startPostgres();
  try {
    results.push(print(await simulate(fiftyChannels(), pg)));
  } finally {
    await pg.stop();
  }
  if (results.includes(false)) process.exitCode = 1;
}

if (require.main === module) {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";
  run().catch((err) => {
    process.stderr.write(`${(err as Error).stack}\n`);
    process.exitCode = 1;
  });
}
