/**
 * `ops preflight` end to end: argv -> main() -> the real SDK v3 clients -> local servers speaking
 * STS (query), Service Quotas and Secrets Manager (JSON 1.1), Lambda and MediaLive (REST-JSON),
 * EC2 (EC2 query) and Route 53 (REST-XML). A ready account, an account that fails every check,
 * the committed example configuration, refused permissions and bad input.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startPreflightAws, type PreflightAws } from "../../test/fakes/preflight-aws";
import { runOpsInProcess } from "../../test/support/ops-cli";
import { ExitCode } from "../errors";

const ACCOUNT = "493827161503";
const REGION = "ap-southeast-1";
const FCM_SECRET = `arn:aws:secretsmanager:${REGION}:${ACCOUNT}:secret:livestream/fcm-v1-AbCdEf`;

let aws: PreflightAws;
let configDir: string;
let stdout = "";
let stderr = "";

/** Runs `ops` in process; its output stays in stdout and stderr for the assertions that follow. */
const ops = async (...argv: string[]): Promise<number> => ({ stdout, stderr } = await runOpsInProcess(...argv)).code;

/** The committed prod example with real-looking values in place of every placeholder. */
function realProdConfig(): Record<string, any> { // eslint-disable-line @typescript-eslint/no-explicit-any
  const raw = JSON.parse(readFileSync(join(__dirname, "../../config/environments/prod.json"), "utf8"));
  const text = JSON.stringify(raw)
    .replaceAll("222222222222", ACCOUNT)
    .replaceAll("example.com", "acme-mentoring.io")
    .replaceAll("203.0.113.0/24", "100.64.10.0/24")
    .replaceAll("198.51.100.0/24", "100.64.20.0/24")
    .replaceAll(`sha256:${"0".repeat(64)}`, `sha256:${"3f".repeat(32)}`)
    .replaceAll("example-org/", "acme-mentoring/");
  const config = JSON.parse(text);
  config.dns.existingZoneId = "Z0123456789ABCDEFGHIJ";
  config.notifications.platforms = [{ name: "android", platform: "GCM", serviceAccountSecretArn: FCM_SECRET }];
  return config;
}

function writeConfig(env: string, config: unknown): void {
  writeFileSync(join(configDir, `${env}.json`), JSON.stringify(config, null, 2));
}

/** An account ready for prod: quotas raised where needed, other workloads present but leaving room. */
function readyAccount(): void {
  aws.quotas.setApplied(REGION, "medialive", "L-D1AFAF75", 10);
  aws.medialive.addChannel({ id: "9000001", tags: { team: "marketing" } }); // another workload
  aws.medialive.addChannel({ id: "9000002", tags: { "livestream:pool": "prod" } }); // the pool's own, from an earlier apply
  aws.medialive.addInput({ id: "7000001", type: "RTMP_PUSH", tags: { "livestream:pool": "prod" } });
  aws.ec2.addresses = [
    { allocationId: "eipalloc-other", publicIp: "52.0.0.1" },
    { allocationId: "eipalloc-own", publicIp: "52.0.0.2", tags: { "livestream:environment": "prod" } },
  ];
  aws.ec2.subnets = [
    { subnetId: "subnet-a", availabilityZone: "ap-southeast-1a" },
    { subnetId: "subnet-b", availabilityZone: "ap-southeast-1b" },
  ];
  // Four of other workloads in 1a (quota 5: room for one more), one deleted, one of our own; three per page.
  aws.ec2.natGateways = [
    ...["1", "2", "3", "4"].map((n) => ({ natGatewayId: `nat-${n}`, subnetId: "subnet-a", state: "available" as const })),
    { natGatewayId: "nat-5", subnetId: "subnet-a", state: "deleted" },
    { natGatewayId: "nat-6", subnetId: "subnet-b", state: "available", tags: { "livestream:environment": "prod" } },
  ];
  aws.ec2.maxPageSize = 3;
  aws.secrets.secrets = [{ arn: FCM_SECRET }];
  aws.route53.zones = [{ id: "Z0123456789ABCDEFGHIJ", name: "mentoring.acme-mentoring.io" }];
}

beforeEach(async () => {
  aws = await startPreflightAws({ account: ACCOUNT });
  configDir = mkdtempSync(join(tmpdir(), "preflight-config-"));
  process.env.LIVESTREAM_CONFIG_DIR = configDir;
});

afterEach(async () => {
  await aws.close();
  delete process.env.LIVESTREAM_CONFIG_DIR;
  rmSync(configDir, { recursive: true, force: true });
});

interface ReportedCheck {
  readonly id: string;
  readonly status: string;
  readonly summary: string;
  readonly fix?: string;
  readonly data?: any; // eslint-disable-line @typescript-eslint/no-explicit-any
}
const byId = (report: { checks: ReportedCheck[] }): Record<string, ReportedCheck> => Object.fromEntries(report.checks.map((c) => [c.id, c]));

test("a ready account passes every check, with the numbers, and exits 0", async () => {
  writeConfig("prod", realProdConfig());
  readyAccount();

  expect(await ops("preflight", "--environment", "prod", "--json")).toBe(ExitCode.Ok);
  const report = JSON.parse(stdout);
  expect(report).toMatchObject({ environment: "prod", accountId: ACCOUNT, region: REGION, ready: true, exitCode: 0, counts: { pass: 9, warn: 0, fail: 0, error: 0 } });
  const checks = byId(report);
  expect(Object.keys(checks)).toEqual(["account", "reserved-values", "medialive-channels", "medialive-inputs", "lambda-concurrency", "elastic-ips", "nat-gateways", "secrets", "hosted-zone"]);
  expect(checks["medialive-channels"]!.data).toEqual({ quota: 10, quotaSource: "applied", usedByOthers: 1, poolNeeds: 4 });
  // The marketing channel's own RTMP input is another workload's; the pool's input 7000001 is not.
  expect(checks["medialive-inputs"]!.data).toEqual({ quota: 5, quotaSource: "default", usedByOthers: 1, poolNeeds: 4 });
  expect(checks["lambda-concurrency"]!.data).toEqual({ concurrentExecutions: 1000, unreservedConcurrentExecutions: 1000, reservation: 5 });
  expect(checks["elastic-ips"]!.data).toEqual({ quota: 5, quotaSource: "default", allocatedByOthers: 1, environmentNeeds: 3 });
  expect(checks["nat-gateways"]!.data).toEqual({
    quota: 5,
    quotaSource: "default",
    zones: ["ap-southeast-1a", "ap-southeast-1b", "ap-southeast-1c"],
    usedByOthersPerZone: { "ap-southeast-1a": 4, "ap-southeast-1b": 0, "ap-southeast-1c": 0 },
  });
  expect(checks.secrets!.data.secrets.map((s: { field: string; state: string }) => [s.field, s.state])).toEqual([
    ["notifications.platforms.0.serviceAccountSecretArn", "found"],
  ]);
  expect(checks["hosted-zone"]!.summary).toBe("hosted zone Z0123456789ABCDEFGHIJ is the public zone mentoring.acme-mentoring.io");

  // Read-only, in the environment's region (AWS_REGION says eu-west-1), NAT gateways paged.
  expect(aws.ec2.calls.map((c) => c.operation).sort()).toEqual(["DescribeAddresses", "DescribeNatGateways", "DescribeNatGateways", "DescribeSubnets"]);
  const operations = [aws.sts, aws.quotas, aws.lambda, aws.ec2, aws.secrets, aws.route53, aws.medialive].flatMap((f) => f.calls.map((c) => c.operation));
  expect(operations.filter((op) => !/^(Get|Describe|List)/.test(op))).toEqual([]);
  expect(aws.secrets.calls.map((c) => c.status)).toEqual([200]); // the fake finds a secret only through its own region
});

test("the human report is one line per check and ends with the verdict", async () => {
  writeConfig("prod", realProdConfig());
  readyAccount();
  expect(await ops("preflight", "--environment", "prod")).toBe(ExitCode.Ok);
  const lines = stdout.trimEnd().split("\n");
  expect(lines[0]).toBe(`preflight of environment 'prod' (account ${ACCOUNT}, ${REGION})`);
  expect(lines.slice(1, -1).map((l) => l.split(/\s+/).slice(0, 2).join(" "))).toEqual([
    "PASS account",
    "PASS reserved-values",
    "PASS medialive-channels",
    "PASS medialive-inputs",
    "PASS lambda-concurrency",
    "PASS elastic-ips",
    "PASS nat-gateways",
    "PASS secrets",
    "PASS hosted-zone",
  ]);
  expect(lines[3]).toMatch(/quota 10 channels \(applied\), 1 used by other workloads, the pool needs 4: 5 to spare$/);
  expect(lines.at(-1)).toBe("9 checks: 9 pass, 0 warn, 0 fail, 0 could not run -- ready to apply");
});

test("an account that is not ready fails each check with the numbers and the fix, and exits 5", async () => {
  const config = realProdConfig();
  // One secret in another region, one missing, and (below) one scheduled for deletion.
  config.notifications.platforms.push({ name: "ios", platform: "APNS", signingKeySecretArn: `arn:aws:secretsmanager:us-east-1:${ACCOUNT}:secret:livestream/apns-Gh12Ij`, signingKeyId: "ABC123DEFG", teamId: "DEF123GHIJ", bundleId: "com.example.mentoring" });
  config.notifications.platforms.push({ name: "android-beta", platform: "GCM", serviceAccountSecretArn: `arn:aws:secretsmanager:${REGION}:${ACCOUNT}:secret:livestream/fcm-beta-Zz99Yy` });
  writeConfig("prod", config);
  aws.sts.account = "888877776666";
  for (const id of ["9000001", "9000002", "9000003"]) aws.medialive.addChannel({ id, tags: { "livestream:pool": "staging" } });
  aws.medialive.addInput({ id: "7000001", type: "RTMP_PUSH" });
  aws.medialive.addInput({ id: "7000002", type: "RTP_PUSH" });
  aws.medialive.addInput({ id: "7000003", type: "RTMP_PUSH", vpc: true }); // VPC inputs have their own quota
  aws.medialive.addInput({ id: "7000004", type: "URL_PULL" }); // not a push input
  aws.ec2.addresses = ["1", "2", "3", "4"].map((n) => ({ allocationId: `eipalloc-${n}`, publicIp: `52.0.0.${n}` }));
  aws.ec2.subnets = [{ subnetId: "subnet-b", availabilityZone: "ap-southeast-1b" }];
  aws.ec2.natGateways = ["1", "2", "3", "4", "5"].map((n) => ({ natGatewayId: `nat-${n}`, subnetId: "subnet-b", state: n === "5" ? ("pending" as const) : ("available" as const) }));
  aws.secrets.secrets = [
    { arn: FCM_SECRET, deletedAt: Date.parse("2026-04-20T00:00:00Z") },
    { arn: `arn:aws:secretsmanager:us-east-1:${ACCOUNT}:secret:livestream/apns-Gh12Ij` },
  ];
  aws.route53.zones = [{ id: "Z0123456789ABCDEFGHIJ", name: "other-product.io" }];

  expect(await ops("preflight", "--environment", "prod", "--json")).toBe(ExitCode.Infeasible);
  const report = JSON.parse(stdout);
  expect(report).toMatchObject({ ready: false, exitCode: 5, counts: { pass: 2, warn: 0, fail: 7, error: 0 } });
  const checks = byId(report);
  expect(Object.fromEntries(Object.entries(checks).map(([id, c]) => [id, c.status]))).toEqual({
    account: "fail",
    "reserved-values": "pass",
    "medialive-channels": "fail",
    "medialive-inputs": "fail",
    "lambda-concurrency": "pass",
    "elastic-ips": "fail",
    "nat-gateways": "fail",
    secrets: "fail",
    "hosted-zone": "fail",
  });
  expect(checks.account!.summary).toMatch(/credentials are for account 888877776666 .* deploys to 493827161503/);
  expect(checks["medialive-channels"]!.summary).toBe("quota 5 channels (default), 3 used by other workloads, the pool needs 4: 2 short");
  expect(checks["medialive-channels"]!.fix).toMatch(/--service-code medialive --quota-code L-D1AFAF75 --desired-value 7 --region ap-southeast-1/);
  // The three staging channels' inputs, 7000001 and the RTP push input; not the VPC nor the pull input.
  expect(checks["medialive-inputs"]!.summary).toBe("quota 5 push inputs (default), 5 used by other workloads, the pool needs 4: 4 short");
  expect(checks["elastic-ips"]!.summary).toMatch(/quota 5 Elastic IPs \(default\), 4 allocated by other workloads, 3 needed for 3 NAT gateway\(s\) \(per-az\): 2 short$/);
  expect(checks["elastic-ips"]!.fix).toMatch(/--quota-code L-0263D0A3 --desired-value 7/);
  expect(checks["nat-gateways"]!.summary).toMatch(/no room in ap-southeast-1b$/);
  expect(checks["nat-gateways"]!.fix).toMatch(/--service-code vpc --quota-code L-FE5A380F --desired-value 6/);
  expect(checks.secrets!.summary).toBe(
    "3 of 3 referenced secret(s) unusable: notifications.platforms.2.serviceAccountSecretArn " +
      `(arn:aws:secretsmanager:${REGION}:${ACCOUNT}:secret:livestream/fcm-beta-Zz99Yy) does not exist; ` +
      `notifications.platforms.0.serviceAccountSecretArn (${FCM_SECRET}) is scheduled for deletion; notifications.platforms.1.signingKeySecretArn lives in us-east-1, not ap-southeast-1`,
  );
  expect(checks["hosted-zone"]!.summary).toBe("hosted zone Z0123456789ABCDEFGHIJ is other-product.io, but dns.zoneName is mentoring.acme-mentoring.io");
  expect(stderr).toMatch(/error: environment 'prod' is not ready to apply: account, medialive-channels, medialive-inputs, elastic-ips, nat-gateways, secrets, hosted-zone failed/);
});

test("the committed example configuration fails on its placeholders, named field by field", async () => {
  writeFileSync(join(configDir, "dev.json"), readFileSync(join(__dirname, "../../config/environments/dev.json")));
  aws.sts.account = "111111111111";
  expect(await ops("preflight", "--environment", "dev")).toBe(ExitCode.Infeasible);
  const line = stdout.split("\n").find((l) => l.startsWith("FAIL   reserved-values"))!;
  for (const field of ["accountId: 111111111111", "dns.zoneName: dev.mentoring.example.com", "services.mentee.image: 111111111111", "alarms.email: example.com", "state.bucket: 111111111111", "media.inputAllowedCidrs.0: 203.0.113.0/24", "media.corsAllowedOrigins.0: app.dev.mentoring.example.com"]) {
    expect(line).toContain(field);
  }
  // The file read, not the default folder: LIVESTREAM_CONFIG_DIR names another one here.
  expect(line).toContain(`-- fix: replace them in ${join(configDir, "dev.json")} with the real account`);
  expect(line).not.toContain("config/environments/dev.json");
  expect(stdout).toMatch(/^PASS {3}account/m);
});

test("a refused permission is 'could not run' with the action to allow, exit 3 when nothing failed", async () => {
  writeConfig("prod", realProdConfig());
  readyAccount();
  aws.ec2.denied.add("DescribeAddresses");
  expect(await ops("preflight", "--environment", "prod", "--json")).toBe(ExitCode.Remote);
  const checks = byId(JSON.parse(stdout));
  expect(checks["elastic-ips"]).toMatchObject({ status: "error", summary: expect.stringMatching(/^could not check: UnauthorizedOperation \(HTTP 403\)/) });
  expect(checks["elastic-ips"]!.fix).toMatch(/allow servicequotas:GetServiceQuota, servicequotas:GetAWSDefaultServiceQuota, ec2:DescribeAddresses/);
  expect(checks["nat-gateways"]!.status).toBe("pass");
  expect(stderr).toMatch(/could not run elastic-ips against account 493827161503/);

  // A failed check outranks one that could not run: the account is not ready either way.
  aws.sts.account = "888877776666";
  expect(await ops("preflight", "--environment", "prod", "--json")).toBe(ExitCode.Infeasible);
  expect(JSON.parse(stdout)).toMatchObject({ exitCode: 5, counts: { pass: 7, warn: 0, fail: 1, error: 1 } });
});

test("--profile selects a named profile's credentials instead of the default chain's", async () => {
  writeConfig("prod", realProdConfig());
  readyAccount();
  const credentials = join(configDir, "credentials");
  writeFileSync(
    credentials,
    "[default]\naws_access_key_id = AKIDDEFAULTDEFAULT\naws_secret_access_key = default-secret\n" +
      "[livestream-prod]\naws_access_key_id = AKIDPRODPRODPROD\naws_secret_access_key = prod-secret\n",
  );
  const keys = ["AWS_SHARED_CREDENTIALS_FILE", "AWS_CONFIG_FILE", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_PROFILE"];
  const saved = Object.fromEntries(keys.map((k) => [k, process.env[k]]));
  Object.assign(process.env, { AWS_SHARED_CREDENTIALS_FILE: credentials, AWS_CONFIG_FILE: join(configDir, "no-config") });
  for (const k of ["AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_PROFILE"]) delete process.env[k];
  aws.sts.accountsByAccessKey.set("AKIDDEFAULTDEFAULT", "888877776666");
  aws.sts.accountsByAccessKey.set("AKIDPRODPRODPROD", ACCOUNT);
  try {
    expect(await ops("preflight", "--environment", "prod", "--json")).toBe(ExitCode.Infeasible);
    expect(byId(JSON.parse(stdout)).account!.data).toMatchObject({ actual: "888877776666" });
    expect(await ops("preflight", "--environment", "prod", "--profile", "livestream-prod", "--json")).toBe(ExitCode.Ok);
    expect(byId(JSON.parse(stdout)).account!.data).toMatchObject({ actual: ACCOUNT });
  } finally {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
});

describe("bad input exits 2 before any AWS call", () => {
  const awsCalls = () => aws.sts.calls.length + aws.quotas.calls.length + aws.ec2.calls.length + aws.lambda.calls.length + aws.secrets.calls.length + aws.route53.calls.length + aws.medialive.calls.length;

  test("a configuration typo names the field", async () => {
    const config = realProdConfig();
    config.media.chanelCount = 3;
    config.region = "ap-southeast-9";
    writeConfig("prod", config);
    expect(await ops("preflight", "--environment", "prod")).toBe(ExitCode.Usage);
    expect(stderr).toMatch(/media\.chanelCount: unknown key; did you mean 'channelCount'\?/);
    expect(stderr).toMatch(/region: 'ap-southeast-9' is not an AWS commercial region; did you mean 'ap-southeast-1'\?/);
    expect(awsCalls()).toBe(0);
  });

  test("an unknown environment, a bad name, a region other than the environment's, no --environment", async () => {
    writeConfig("prod", realProdConfig());
    expect(await ops("preflight", "--environment", "staging")).toBe(ExitCode.Usage);
    expect(stderr).toMatch(/no configuration for environment 'staging'.*known: prod/);
    expect(await ops("preflight", "--environment", "../prod")).toBe(ExitCode.Usage);
    expect(await ops("preflight", "--environment", "prod", "--region", "us-east-1")).toBe(ExitCode.Usage);
    expect(stderr).toMatch(/--region us-east-1, but environment 'prod' deploys to ap-southeast-1/);
    expect(await ops("preflight", "--environment", "prod", "--max-attempts", "0")).toBe(ExitCode.Usage);
    expect(await ops("preflight")).toBe(ExitCode.Usage);
    expect(awsCalls()).toBe(0);
  });
});
