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
  test("dev is cheap: 2 AZs, one NAT, a lone serverless database writer at 0.5 ACU, Spot", () => {
    const dev = loadEnvironment("dev", shippedDir);
    expect(dev.network.azCount).toBe(2);
    expect(dev.network.natGateways).toBe("single");
    expect(dev.database).toMatchObject({ instanceClass: "db.serverless", readers: 0, serverless: { minAcu: 0.5, maxAcu: 2 } });
    expect(dev.services.capacityProvider).toBe("FARGATE_SPOT");
  });

  test("prod is resilient: 3 AZs, NAT per AZ, a database reader to fail over to", () => {
    const prod = loadEnvironment("prod", shippedDir);
    expect(prod.network.azCount).toBe(3);
    expect(prod.network.natGateways).toBe("per-az");
    expect(prod.database).toMatchObject({ instanceClass: "db.r6g.large", readers: 1, engineVersion: "16.9" });
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

  test("a prod environment without a database reader or 3 AZs", () => {
    const raw = shipped("prod");
    raw.database.readers = 0;
    raw.network.azCount = 2;
    expectConfigError(() => parseEnvironment("prod", raw), "environment 'prod'", "database.readers", "network.azCount");
  });

  test("database: only Aurora PostgreSQL classes and versions, no storage to allocate, a sane ACU range", () => {
    const raw = shipped("dev");
    raw.database = { instanceClass: "db.m6g.large", readerInstanceClass: "db.t4g.micro", engineVersion: "16", serverless: { minAcu: 0, maxAcu: 0.75 } };
    expectConfigError(
      () => parseEnvironment("dev", raw),
      "database.instanceClass",
      "database.readerInstanceClass",
      /expected an Aurora PostgreSQL class/,
      "database.engineVersion",
      "database.serverless.minAcu",
      "database.serverless.maxAcu",
    );
    const removed = shipped("dev");
    removed.database = { allocatedStorageGb: 20, multiAz: false };
    expectConfigError(() => parseEnvironment("dev", removed), "database", /allocatedStorageGb/, /multiAz/);
    const inverted = shipped("dev");
    inverted.database = { serverless: { minAcu: 8, maxAcu: 4 } };
    expectConfigError(() => parseEnvironment("dev", inverted), "database.serverless.maxAcu", /at least minAcu \(8\)/);
    const old = shipped("dev");
    old.database = { engineVersion: "14.12" };
    expectConfigError(() => parseEnvironment("dev", old), "database.engineVersion", /PostgreSQL 15 or later/);
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

describe("strict configuration: unknown keys and regions are errors, with a suggestion", () => {
  const problemsOf = (raw: unknown, env = "dev") => {
    try {
      parseEnvironment(env, raw);
    } catch (err) {
      expect(err).toBeInstanceOf(ConfigError);
      return (err as Error).message.split("\n").slice(1);
    }
    throw new Error("expected the configuration to be refused");
  };

  test("a misspelt key inside a section", () => {
    const raw = shipped("dev");
    raw.media.chanelCount = 3;
    expect(problemsOf(raw)).toEqual(["  - media.chanelCount: unknown key; did you mean 'channelCount'?"]);
  });

  test("a misspelt top-level section, reported with what its absence breaks", () => {
    const raw = shipped("dev");
    raw.netwrok = raw.network;
    delete raw.network;
    expect(problemsOf(raw)).toEqual([
      expect.stringMatching(/^ {2}- network: /),
      "  - netwrok: unknown key; did you mean 'network'?",
    ]);
  });

  test("unknown keys at every depth: services, list items, nested objects, defaults-only sections", () => {
    const raw = shipped("prod");
    raw.services.mentee.cpus = 512;
    raw.media.ladder = { renditions: [{ name: "720p", width: 1280, height: 720, bitrateBps: 3_000_000, fps: 30 }] };
    raw.notifications.platforms = [{ name: "android", platform: "GCM", serviceAccountSecretArn: "arn:aws:secretsmanager:ap-southeast-1:493827161503:secret:fcm-AbCdEf", serviceAccountSecret: "x" }];
    raw.primeTime = { timezone: "Asia/Singapore", stop: "21:00" };
    raw.reconcile = { ...raw.reconcile, laed: "10m" };
    expect(problemsOf(raw, "prod")).toEqual([
      "  - services.mentee.cpus: unknown key; did you mean 'cpu'?",
      "  - primeTime.stop: unknown key (accepted here: timezone, start, end, leadMinutes)",
      "  - notifications.platforms.0.serviceAccountSecret: unknown key; did you mean 'serviceAccountSecretArn'?",
      "  - media.ladder.renditions.0.fps: unknown key (accepted here: name, width, height, bitrateBps)",
      "  - reconcile.laed: unknown key; did you mean 'lead'?",
    ]);
  });

  test("a region that does not exist, and one of another partition", () => {
    const raw = shipped("dev");
    raw.region = "ap-southeast-9";
    raw.state.region = "cn-north-1";
    expect(problemsOf(raw)).toEqual([
      "  - region: 'ap-southeast-9' is not an AWS commercial region; did you mean 'ap-southeast-1'?",
      expect.stringMatching(/^ {2}- state\.region: 'cn-north-1' belongs to another AWS partition/),
    ]);
    raw.region = "mars-north-1";
    delete raw.state.region;
    expect(problemsOf(raw)).toEqual([expect.stringMatching(/^ {2}- region: 'mars-north-1' is not an AWS commercial region \(one of af-south-1, .*, us-west-2\)$/)]);
  });
});

describe("JSON mistakes are reported with line and column", () => {
  const writeDev = (text: string) => {
    const dir = mkdtempSync(join(tmpdir(), "cfg-json-"));
    writeFileSync(join(dir, "dev.json"), text);
    return dir;
  };

  test("a syntax error", () => {
    const dir = writeDev('{\n  "name": "dev",\n  "tier": "dev",\n}\n');
    expectConfigError(() => loadEnvironment("dev", dir), "environment 'dev'", /not valid JSON:\n {2}- line 4, column 1: trailing comma/);
  });

  test("a duplicate key, which JSON.parse would resolve silently", () => {
    const text = JSON.stringify(shipped("dev"), null, 2).replace('"tier": "dev",', '"tier": "dev",\n  "region": "eu-west-1",');
    const dir = writeDev(text);
    expectConfigError(() => loadEnvironment("dev", dir), /duplicate keys:\n {2}- line \d+, column 3: duplicate key 'region'/);
  });

  test("a byte-order mark is not an error", () => {
    const dir = writeDev("\uFEFF" + JSON.stringify(shipped("dev")));
    expect(loadEnvironment("dev", dir).name).toBe("dev");
  });
});
