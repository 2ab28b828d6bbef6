/**
 * Starts the three fake services on one fake clock and points the real SDK at them through the
 * standard `AWS_ENDPOINT_URL_<SERVICE>` variables with dummy credentials.
 */
import { createAwsClients, type AwsClientOptions, type AwsClients } from "../../cli/aws/clients";
import { CloudWatchFake } from "./cloudwatch-server";
import { FakeClock, FaultPlan, seededRandom } from "./http";
import { MediaLiveFake, type MediaLiveFakeOptions } from "./medialive-server";
import { MediaPackageFake, type MediaPackageFakeOptions } from "./mediapackage-server";

export interface FakeAws {
  readonly clock: FakeClock;
  readonly medialive: MediaLiveFake;
  readonly mediapackage: MediaPackageFake;
  readonly cloudwatch: CloudWatchFake;
  /** Real SDK clients aimed at the fakes (fast back-off so injected 429s cost no real time). */
  clients(maxAttempts?: number, extra?: Omit<AwsClientOptions, "maxAttempts" | "retryBaseDelayMs">): Promise<AwsClients>;
  /** Environment for a child `ops` process or an in-process main(). */
  readonly env: Record<string, string>;
  close(): Promise<void>;
}

const ENV_KEYS = ["AWS_ENDPOINT_URL_MEDIALIVE", "AWS_ENDPOINT_URL_MEDIAPACKAGE", "AWS_ENDPOINT_URL_CLOUDWATCH", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_REGION"];

export async function startFakeAws(
  options: Partial<Omit<MediaLiveFakeOptions, "now">> & { seed?: number; clock?: FakeClock; mediapackage?: Partial<Omit<MediaPackageFakeOptions, "now">> } = {},
): Promise<FakeAws> {
  const clock = options.clock ?? new FakeClock();
  const random = seededRandom(options.seed ?? 7);
  const medialive = new MediaLiveFake({ ...options, now: clock.now, faults: new FaultPlan(random) });
  const mediapackage = new MediaPackageFake({ ...options.mediapackage, now: clock.now, faults: new FaultPlan(random) });
  const cloudwatch = new CloudWatchFake({ now: clock.now, faults: new FaultPlan(random) });
  await Promise.all([medialive.start(), mediapackage.start(), cloudwatch.start()]);
  const env: Record<string, string> = {
    AWS_ENDPOINT_URL_MEDIALIVE: medialive.url,
    AWS_ENDPOINT_URL_MEDIAPACKAGE: mediapackage.url,
    AWS_ENDPOINT_URL_CLOUDWATCH: cloudwatch.url,
    AWS_ACCESS_KEY_ID: "AKIDFAKEFAKEFAKE",
    AWS_SECRET_ACCESS_KEY: "fake-secret",
    AWS_REGION: "ap-southeast-1",
  };
  const saved = Object.fromEntries(ENV_KEYS.map((k) => [k, process.env[k]]));
  Object.assign(process.env, env);
  const made: AwsClients[] = [];
  return {
    clock,
    medialive,
    mediapackage,
    cloudwatch,
    env,
    async clients(maxAttempts = 3, extra = {}) {
      const c = await createAwsClients({ ...extra, maxAttempts, retryBaseDelayMs: 1 });
      made.push(c);
      return c;
    },
    async close() {
      for (const c of made) {
        c.medialive.destroy();
        c.mediapackage.destroy();
        c.cloudwatch.destroy();
      }
      await Promise.all([medialive.close(), mediapackage.close(), cloudwatch.close()]);
      for (const [k, v] of Object.entries(saved)) {
        if (v === undefined) delete process.env[k];
        else process.env[k] = v;
      }
    },
  };
}
