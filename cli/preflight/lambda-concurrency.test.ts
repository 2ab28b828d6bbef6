/** The concurrency check against a Lambda fake through the real SDK, for reservations the schema adds later. */
import { loadEnvironment } from "../../config/load";
import type { EnvironmentConfig } from "../../config/schema";
import { LambdaFake } from "../../test/fakes/lambda-server";
import { PreflightClients } from "./clients";
import { lambdaConcurrencyCheck, recordingIndexerReservation } from "./lambda-concurrency";

let lambda: LambdaFake;
let clients: PreflightClients;
const ENV_KEYS = ["AWS_ENDPOINT_URL_LAMBDA", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY"];
const saved = Object.fromEntries(ENV_KEYS.map((k) => [k, process.env[k]]));

beforeEach(async () => {
  lambda = new LambdaFake();
  process.env.AWS_ENDPOINT_URL_LAMBDA = await lambda.start();
  process.env.AWS_ACCESS_KEY_ID = "AKIDFAKEFAKEFAKE";
  process.env.AWS_SECRET_ACCESS_KEY = "fake-secret";
  clients = new PreflightClients({ region: "ap-southeast-1", maxAttempts: 1 });
});

afterEach(async () => {
  await clients.destroy();
  await lambda.close();
  for (const [k, v] of Object.entries(saved)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
});

const withReservation = (reservedConcurrency?: unknown): EnvironmentConfig => ({ ...loadEnvironment("prod"), recordingIndexer: { reservedConcurrency } }) as EnvironmentConfig;
const check = (config: EnvironmentConfig) => lambdaConcurrencyCheck.run({ config, clients });

test("a new account (limit 10) cannot reserve anything: fail, with the quota to raise", async () => {
  lambda.concurrentExecutions = 10;
  const outcome = await check(withReservation(5));
  expect(outcome.status).toBe("fail");
  expect(outcome.summary).toBe("account limit 10 concurrent executions, 10 unreserved; the recording indexer reserves 5 but at most 0 can be reserved (limit - 100)");
  expect(outcome.fix).toMatch(/--service-code lambda --quota-code L-B99A9384 --desired-value 105/);
});

test("at the limit of what may be reserved it passes; one more fails", async () => {
  lambda.concurrentExecutions = 150;
  expect((await check(withReservation(50))).status).toBe("pass");
  expect((await check(withReservation(51))).status).toBe("fail");
});

test("other functions' reservations leave too little: warn (the indexer may already hold its own)", async () => {
  lambda.concurrentExecutions = 1000;
  lambda.reserved = 880;
  const outcome = await check(withReservation(30));
  expect(outcome.status).toBe("warn");
  expect(outcome.data).toEqual({ concurrentExecutions: 1000, unreservedConcurrentExecutions: 120, reservation: 30 });
});

test("no reservation configured passes whatever the account", async () => {
  lambda.concurrentExecutions = 10;
  expect(loadEnvironment("dev").recordingIndexer.reservedConcurrency).toBeUndefined(); // dev reserves none (prod sets 5)
  expect((await check(loadEnvironment("dev"))).status).toBe("pass");
  expect(recordingIndexerReservation(withReservation(0))).toBeUndefined();
  expect(recordingIndexerReservation(withReservation("5"))).toBeUndefined();
  expect(recordingIndexerReservation(withReservation(5))).toBe(5);
});
