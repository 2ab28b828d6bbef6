import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ConfigError, loadAllEnvironments, loadEnvironment, parseEnvironment } from "./load";

const shippedDir = join(__dirname, "environments");
const shipped = (env: string) => JSON.parse(readFileSync(join(shippedDir, `${env}.json`), "utf8"));

function expectConfigError(fn: () => unknown, ...fragments: (string | RegExp)[]) {
  let caught: unknown;
  try {
    fn();
  } catch (err) {
    caught = err;
  }
  expect(caught).toBeInstanceOf(ConfigError);
  for (const f of fragments) expect((caught as Error).message).toMatch(f);
}

describe("shipped environments", () => {
  test("dev is cheap: 2 AZs, one NAT, single-AZ DB, Spot", () => {
    const dev = loadEnvironment("dev", shippedDir);
    expect(dev.network.azCount).toBe(2);
    expect(dev.network.natGateways).toBe("single");
    expect(dev.database.multiAz).toBe(false);
    expect(dev.services.capacityProvider).toBe("FARGATE_SPOT");
  });

  test("prod is resilient: 3 AZs, NAT per AZ, Multi-AZ DB", () => {
    const prod = loadEnvironment("prod", shippedDir);
    expect(prod.network.azCount).toBe(3);
    expect(prod.network.natGateways).toBe("per-az");
    expect(prod.database.multiAz).toBe(true);
    expect(prod.tier).toBe("prod");
  });

  test("defaults fill what the files leave out", () => {
    const dev = loadEnvironment("dev", shippedDir);
    expect(dev.region).toBe("ap-southeast-1");
    expect(dev.primeTime).toEqual({ timezone: "Asia/Singapore", start: "18:00", end: "20:00", leadMinutes: 15 });
    expect(dev.database.backupRetentionDays).toBeGreaterThanOrEqual(7);
  });
});

describe("invalid configuration names the environment and the field", () => {
  test("a bad CPU size", () => {
    const raw = shipped("dev");
    raw.services.mentee.cpu = 300;
    expectConfigError(() => parseEnvironment("dev", raw), "environment 'dev'", "services.mentee.cpu");
  });

  test("memory that does not fit the CPU", () => {
    const raw = shipped("dev");
    raw.services.mentor.memory = 8192;
    expectConfigError(() => parseEnvironment("dev", raw), "services.mentor.memory", /does not fit cpu 256/);
  });

  test("task counts out of order", () => {
    const raw = shipped("dev");
    raw.services.social.minTasks = 3;
    expectConfigError(() => parseEnvironment("dev", raw), "services.social.desiredTasks", /minTasks <= desiredTasks <= maxTasks/);
  });

  test("a prod environment without Multi-AZ or 3 AZs", () => {
    const raw = shipped("prod");
    raw.database.multiAz = false;
    raw.network.azCount = 2;
    expectConfigError(() => parseEnvironment("prod", raw), "environment 'prod'", "database.multiAz", "network.azCount");
  });

  test("a malformed CIDR, time zone and e-mail are all reported at once", () => {
    const raw = shipped("dev");
    raw.network.cidr = "10.0.0.0/8";
    raw.primeTime = { timezone: "Mars/Olympus" };
    raw.alarms.email = "not-an-email";
    expectConfigError(() => parseEnvironment("dev", raw), "network.cidr", "primeTime.timezone", "alarms.email");
  });

  test("a log retention CloudWatch Logs does not offer", () => {
    const raw = shipped("dev");
    raw.network.flowLogRetentionDays = 4;
    expectConfigError(() => parseEnvironment("dev", raw), "network.flowLogRetentionDays", /one of 1, 3, 5, 7, 14/);
  });

  test("a literal secret where a Secrets Manager ARN belongs", () => {
    const raw = shipped("dev");
    raw.notifications = { platforms: [{ name: "android", platform: "GCM", serviceAccountSecretArn: "{\"type\": \"service_account\"}" }] };
    expectConfigError(() => parseEnvironment("dev", raw), "notifications.platforms.0.serviceAccountSecretArn", /Secrets Manager secret ARN/);
  });

  test("a file whose name disagrees with its environment", () => {
    expectConfigError(() => parseEnvironment("staging", shipped("dev")), "name", /file is for 'staging'/);
  });

  test("every bad file in a folder is reported, not only the first", () => {
    const dir = mkdtempSync(join(tmpdir(), "cfg-"));
    const dev = shipped("dev");
    dev.accountId = "123";
    writeFileSync(join(dir, "dev.json"), JSON.stringify(dev));
    writeFileSync(join(dir, "prod.json"), "{ not json");
    expectConfigError(() => loadAllEnvironments(dir), "environment 'dev'", "accountId", "environment 'prod'", /not valid JSON/);
  });

  test("an unknown environment lists the known ones", () => {
    expectConfigError(() => loadEnvironment("qa", shippedDir), /known: dev, prod/);
  });
});
