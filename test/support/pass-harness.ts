/**
 * Runs reconcile passes the way production does, minus the real clock: the real AWS SDK against
 * the fake MediaLive/MediaPackage/CloudWatch servers, a real PostgreSQL database (migrated), the
 * pass's connection from connectPassDatabase, and a fake clock that waits cost no time.
 */
import { Client } from "pg";
import { OPS_METRICS_NAMESPACE, ORIGIN_ENDPOINT_TAG, POOL_TAG } from "../../contracts";
import { migrate } from "../../db/migrate";
import type { AwsClients } from "../../cli/aws/clients";
import { Deadline } from "../../cli/sessions/deadline";
import { connectPassDatabase } from "../../cli/sessions/pass-database";
import { createPassContext, type PassReport, type PassSettings, type PassStep } from "../../cli/sessions/pass/context";
import { PASS_STEPS, runPass } from "../../cli/sessions/pass/steps";
import { PostgresSessionStore } from "../../cli/sessions/postgres-store";
import type { SessionStore } from "../../cli/sessions/store";
import { startFakeAws, type FakeAws } from "../fakes/aws";
import type { PostgresServer } from "./postgres";

export const MIN = 60_000;
export const T0 = Date.parse("2026-05-01T10:00:00Z");
export const POOL = "dev";
export const HARVEST = { bucket: "livestream-dev-recorded-media", roleArn: "arn:aws:iam::123456789012:role/harvest" };

export const defaultSettings = (now: number): PassSettings => ({
  pool: POOL,
  now,
  leadMs: 10 * MIN,
  graceMs: 5 * MIN,
  horizonMs: 60 * MIN,
  transitionTimeoutMs: 5 * MIN,
  startoverWindowMs: 24 * 60 * MIN,
  deadlineMs: 50_000,
  waitMs: 0,
  pollMs: 10_000,
  concurrency: 8,
  dryRun: false,
  harvest: HARVEST,
  metricsNamespace: OPS_METRICS_NAMESPACE,
});

export interface Harness {
  readonly aws: FakeAws;
  readonly clients: AwsClients;
  readonly url: string;
  /** A connection for the test's own SQL (inserting sessions, reading what the pass wrote). */
  readonly sql: Client;
  /** Every progress line the passes printed. */
  readonly progress: string[];
  /**
   * One pass at the fake clock's time, through a fresh PostgreSQL connection of the pass's own (as
   * each ECS task has), or through one kept connection when the harness was started with
   * `keepConnection` (long minute-by-minute replays).
   */
  pass(settings?: Partial<PassSettings>, steps?: readonly PassStep[]): Promise<PassReport>;
  /** The store a pass would use (for tests that drive the steps themselves). */
  store(): Promise<SessionStore>;
  /** Inserts a session starting/ending `startMin`/`endMin` minutes after T0. */
  addSession(id: string, startMin: number, endMin: number, extra?: { channelId?: string; status?: string; mentorId?: string }): Promise<void>;
  row(id: string): Promise<Record<string, any>>; // eslint-disable-line @typescript-eslint/no-explicit-any
  close(): Promise<void>;
}

export interface HarnessOptions {
  readonly channels?: readonly string[];
  readonly channelClass?: "STANDARD" | "SINGLE_PIPELINE";
  /** Per AWS call attempt, ms (real time). */
  readonly callTimeoutMs?: number;
  readonly maxAttempts?: number;
  readonly statementTimeoutMs?: number;
  readonly lockTimeoutMs?: number;
  /** Passes share one connection (the lock is still taken and released per pass). @default false */
  readonly keepConnection?: boolean;
}

let databases = 0;

export async function startHarness(pg: PostgresServer, options: HarnessOptions = {}): Promise<Harness> {
  const aws = await startFakeAws();
  aws.clock.t = T0;
  for (const id of options.channels ?? ["1111111", "2222222", "3333333"]) {
    // The pool's channels carry the tags the stacks set, the origin endpoint included.
    aws.medialive.addChannel({ id, tags: { [POOL_TAG]: POOL, [ORIGIN_ENDPOINT_TAG]: `ep-${id}` }, mediaPackageChannelId: `mp-${id}`, channelClass: options.channelClass });
    aws.mediapackage.addOriginEndpoint(`mp-${id}`, `ep-${id}`);
  }
  aws.medialive.addChannel({ id: "9999999", tags: { [POOL_TAG]: "prod" }, state: "RUNNING" });
  const clients = await aws.clients(options.maxAttempts ?? 3, { requestTimeoutMs: options.callTimeoutMs ?? 5000 });
  const url = await pg.createDatabase(`pass_${process.pid}_${++databases}`);
  const sql = new Client({ connectionString: url });
  await sql.connect();
  await migrate(sql);
  const connect = () => connectPassDatabase(url, { statementTimeoutMs: options.statementTimeoutMs ?? 5000, lockTimeoutMs: options.lockTimeoutMs ?? 2000, connectTimeoutMs: 5000 });
  const kept = options.keepConnection ? await connect() : undefined;
  const store = async () => (kept ? new PostgresSessionStore(kept, url, { keepConnection: true }) : new PostgresSessionStore(await connect(), url));
  const progress: string[] = [];
  return {
    aws,
    clients,
    url,
    sql,
    progress,
    store,
    async pass(settings = {}, steps = PASS_STEPS) {
      const full = { ...defaultSettings(aws.clock.now()), ...settings };
      const deadline = new Deadline(aws.clock, full.deadlineMs);
      const ctx = createPassContext({ settings: full, aws: clients, store: await store(), clock: aws.clock, deadline, progress: (line) => progress.push(line) });
      return runPass(ctx, steps);
    },
    async addSession(id, startMin, endMin, extra = {}) {
      await sql.query("INSERT INTO live_sessions (id, mentor_id, channel_id, starts_at, ends_at, status) VALUES ($1, $2, $3, $4, $5, $6)", [
        id,
        extra.mentorId ?? `mentor-${id}`,
        extra.channelId ?? null,
        new Date(T0 + startMin * MIN),
        new Date(T0 + endMin * MIN),
        extra.status ?? "scheduled",
      ]);
    },
    async row(id) {
      return (await sql.query("SELECT * FROM live_sessions WHERE id = $1", [id])).rows[0];
    },
    async close() {
      if (kept) await kept.end();
      await sql.end();
      await aws.close();
    },
  };
}
