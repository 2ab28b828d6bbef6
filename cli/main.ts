#!/usr/bin/env node
/**
 * The ops CLI entry: wires commands and loads each lazily, so `ops --help` pays for commander only.
 * Each command lives in ./commands/<name>.ts as an async function taking plain options.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { Command, CommanderError } from "commander";
import { projectRoot } from "../lib/project-root";
import { credentialsHint } from "./aws/credentials-hint";
import { CHANNEL_CHANGE_DEFAULTS, FORECAST_DEFAULTS, PRICING_REFRESH_DEFAULTS, RECONCILE_DEFAULTS, REPLAY_DEFAULTS, SESSIONS_PLAN_DEFAULTS, SWEEP_DEFAULTS } from "./commands/defaults";
import { jsonDocumentPrinted } from "./commands/ops-context";
import { ExitCode, jsonFailure, OpsError, type ExitCodeValue } from "./errors";
import { decimalFlag, durationFlag, durationTextFlag, integerFlag, wholeNumberFlag, withAws } from "./flags";
import { setProgressEnabled, stopAllProgress } from "./progress";
import { POOL_TAG } from "../contracts";

function run<T>(load: () => Promise<(opts: T) => Promise<void>>) {
  return async (opts: T) => {
    const command = await load();
    await command(opts);
  };
}

export function buildProgram(): Command {
  const program = new Command("ops")
    .description("Operate the live-streaming platform: forecast its cost and run its MediaLive channels.")
    .version(`ops ${packageVersion()}`, "-V, --version", "print the version")
    .option("--no-progress", "no spinner or progress lines on stderr (also: NO_COLOR gives plain lines)")
    .showHelpAfterError("(run with --help for usage)")
    .exitOverride()
    .hook("preAction", (cmd) => setProgressEnabled(cmd.opts().progress !== false))
    .addHelpText(
      "after",
      `
Exit codes:
  0  done                                 4  a bounded wait ran out (e.g. channel stuck STARTING)
  1  internal error (a bug)               5  not feasible (e.g. channel pool too small)
  2  bad flags, input or config: no-op    6  partial: some of the work was done and some failed
  3  AWS or PostgreSQL failed after retries (credentials too: the hint says what to do)

--json: one JSON document on stdout, also on failure: {"error": {type, exitCode, message, hint}, ...report}.
Durations take a unit: 10m, 50s, 1h30m, 250ms.
AWS: --profile or AWS_PROFILE; --region, AWS_REGION or the profile's region in ~/.aws/config;
     AWS_ENDPOINT_URL_<SERVICE> points a client elsewhere.
Docs: docs/operations.md (runbook), docs/forecast.md (cost model).`,
    );

  // Commands register here; keep option parsing in this file and the work in ./commands.
  const db = program.command("db").description("Manage the platform's PostgreSQL schema.");
  db.command("migrate")
    .description("Apply pending SQL migrations (db/migrations) in order, each in a transaction, under an advisory lock.")
    .option("--database-url <url>", "postgresql://user:password@host:5432/db (default: $DATABASE_URL, which keeps the password out of ps)")
    .option("--dry-run", "list pending migrations without applying anything")
    .option("--json", "print JSON to stdout, also on failure")
    .action(run(async () => (require("./commands/db-migrate") as typeof import("./commands/db-migrate")).dbMigrate));

  program
    .command("forecast")
    .description("Project the platform's monthly cost over a horizon: per line item with a low/expected/high range, per quarter, with unit costs, assumptions and where each price comes from.")
    .option("--scenario <seed|architecture|file>", `built-in scenario or a JSON/YAML scenario file (default: ${FORECAST_DEFAULTS.scenario}); with --environment it supplies the usage only`)
    .option("--environment <env>", "price what config/environments/<env>.json deploys: synthesizes livestream-<env> now from the working tree (offline, about 1-2 s) and reads its resources; DAU, growth and start month from its budget section")
    .option("--synth-dir <dir>", "with --environment: read the stack from this cdktf.out folder instead of synthesizing (as fresh as that synth)")
    .option("--months <n>", "horizon in months, 1-120 (default: the scenario's, 12)", wholeNumberFlag("--months"))
    .option("--dau <n>", "daily active users in month 1, a whole number (default: the scenario's, 10000)", wholeNumberFlag("--dau"))
    .option("--growth <fraction>", "monthly growth as a decimal fraction: 0.1 is +10 % a month, at most 1 (default: the scenario's)", decimalFlag("--growth"))
    .option("--start <YYYY-MM>", "calendar month of month 1: months are labelled and priced with their own hours (default: the environment's budget.startMonth, else numbered months)")
    .option("--pricing <catalog|file>", "price catalog: seed, ap-southeast-1, or a catalog JSON file (default: the scenario's, or the environment's region)")
    .option("--format <format>", `table, json, csv, markdown or html (default: ${FORECAST_DEFAULTS.format})`)
    .option("--json", "same as --format json")
    .option("--compare <report|dir>", "print the difference from a baseline: a JSON report written by --format json, or a cdktf.out folder of the base branch (with --environment); markdown, json or table")
    .option("--out <file>", "write the report to this file (atomically) instead of stdout")
    .addHelpText(
      "after",
      `
Examples:
  ops forecast --scenario seed                      replay the design's cost table (to the cent)
  ops forecast                                      what the deployed architecture costs, 12 months, with ranges
  ops forecast --dau 25000 --growth 0.05 --months 24 --start 2027-01 --format markdown
  ops forecast --scenario my-scenario.yaml --format html --out forecast.html
  ops forecast --json | jq '.months[0].range'
  ops forecast --environment prod --format json --out base.json        a baseline for a later diff
  ops forecast --environment prod --compare base.json --format markdown the cost difference a change makes
  ops forecast --environment prod --compare ../main/cdktf.out            ... against the base branch's synth

--environment synthesizes the stack from the current sources and config each time (stderr says how
long it took); --synth-dir reads an existing synth instead. Scenario files hold only what differs from
the defaults; fields are documented in docs/forecast.md, unknown fields are refused.`,
    )
    .action(run(async () => (require("./commands/forecast") as typeof import("./commands/forecast")).forecast));

  const capacity = program.command("capacity").description("Plan capacity ahead of growth.");
  capacity
    .command("plan")
    .description("Per quarter of the growth model: task floors per service, the channel pool prime time needs, the database class, and the config changes to make before each quarter.")
    .option("--environment <env>", "start from what livestream-<env> deploys (synthesized now, offline) and its budget's DAU and growth")
    .option("--synth-dir <dir>", "with --environment: read the stack from this cdktf.out folder")
    .option("--scenario <architecture|file>", `usage scenario (default: ${FORECAST_DEFAULTS.scenario})`)
    .option("--months <n>", "horizon in months, 1-120 (default: 12)", wholeNumberFlag("--months"))
    .option("--dau <n>", "daily active users in month 1, a whole number", wholeNumberFlag("--dau"))
    .option("--growth <fraction>", "monthly growth as a decimal fraction (0.1 = +10 %)", decimalFlag("--growth"))
    .option("--start <YYYY-MM>", "calendar month of month 1, for the quarter labels")
    .option("--json", "print the plan as JSON")
    .addHelpText("after", "\nExamples:\n  ops capacity plan --environment prod\n  ops capacity plan --environment prod --months 24 --json | jq '.quarters[].changes'")
    .action(run(async () => (require("./commands/capacity-plan") as typeof import("./commands/capacity-plan")).capacityPlanCommand));

  const pricing = program.command("pricing").description("Maintain the price catalogs the forecast uses.");
  pricing
    .command("refresh")
    .description("Build a price catalog per region from the AWS Price List API (GetProducts, us-east-1), stamped with today's date.")
    .option("--region <region...>", `regions to price (default: ${PRICING_REFRESH_DEFAULTS.region})`)
    .option("--out <path>", "catalog file for one region, or a directory for several (default: ./<region>.json)")
    .option("--dry-run", "print the catalog(s) instead of writing")
    .option("--json", "print a JSON summary of what was written (with --dry-run: the catalogs)")
    .addHelpText(
      "after",
      `
Examples:
  ops pricing refresh --dry-run
  ops pricing refresh --region ap-southeast-1 --out cost-model/catalogs/ap-southeast-1.json
  ops pricing refresh --region ap-southeast-1 us-east-1 --out catalogs/

Needs AWS credentials allowed pricing:GetProducts. If the API has no product for some prices, every one
of them is listed, nothing is written and the exit code is 3.`,
    )
    .action(run(async () => (require("./commands/pricing-refresh") as typeof import("./commands/pricing-refresh")).pricingRefresh));

  addChannelAndSessionCommands(program);
  addPreflightCommand(program);
  addRecordingCommands(program);
  addDeployCommands(program);
  return program;
}

/** `ops deploy check-plan`: the Atlantis apply stage runs it on the saved plan before `terraform apply`. */
function addDeployCommands(program: Command): void {
  const deploy = program.command("deploy").description("Checks around Terraform applies.");
  withAws(deploy.command("check-plan").description("Refuse a saved plan that would interrupt a live MediaLive channel (not IDLE) or whose budget limits start in another month than this one."))
    .requiredOption("--plan <file>", "JSON of the saved plan: terraform show -json <planfile> > plan.json")
    .option("--now <time>", "judge against this instant instead of the clock (ISO 8601 with offset)")
    .addHelpText(
      "after",
      "\nReads MediaLive (DescribeChannel, DescribeInput, ListChannels) only when the plan changes a channel, input, input security group,\n" +
        "MediaPackage channel or origin endpoint stack; the region is the plan's aws provider region.\n" +
        "Exit codes: 0 safe to apply, 2 bad flags or not a plan, 3 the channels could not be read, 5 refused (each reason listed).\n" +
        "Example:\n  terraform show -json plan.tfplan > plan.json && ops deploy check-plan --plan plan.json --profile livestream-prod",
    )
    .action(run(async () => (require("./commands/deploy-check-plan") as typeof import("./commands/deploy-check-plan")).deployCheckPlan));
}

/** `ops recordings ...`: recordings whose S3 event was lost, and the indexer's dead-letter queue. */
function addRecordingCommands(program: Command): void {
  const recordings = program.command("recordings").description("Find and index recordings the indexer missed; replay its dead-letter queue.");
  withAws(recordings.command("sweep").description("Index the master manifests of ended sessions without a recording; mark those past the look-back window recording_failed. Runs where the database is reachable (PG* variables, LIVESTREAM_DB_AUTH)."))
    .option("--bucket <name>", "recorded-media bucket (default: $LIVESTREAM_RECORDING_BUCKET)")
    .option("--media-domain <host>", "CloudFront host name of playback URLs (default: $LIVESTREAM_MEDIA_DOMAIN)")
    .option("--pool <pool>", "channel pool: the Pool dimension of the sweep metrics (default: $LIVESTREAM_POOL)")
    .option("--look-back <duration>", `search sessions that ended this long ago at most, with unit (default: ${SWEEP_DEFAULTS.lookBack}, the startover window)`, durationTextFlag("--look-back", { minMs: 60_000 }))
    .option("--limit <n>", `sessions checked in this run (1-1000) (default: ${SWEEP_DEFAULTS.limit})`, integerFlag("--limit"))
    .option("--timeout <duration>", `start no work after this long, with unit (default: ${SWEEP_DEFAULTS.timeout})`, durationTextFlag("--timeout", { minMs: 1_000 }))
    .option("--now <time>", "reason about this instant instead of the clock (ISO 8601 with offset)")
    .option("--dry-run", "find and report only: index nothing, mark nothing, publish no metric")
    .addHelpText("after", "\nExit codes: 0 done, 2 bad input (nothing done), 3 only failures, 6 some sessions done and some failed.\nExample:\n  ops recordings sweep --pool prod --dry-run --json")
    .action(async (opts: object) => void (await (require("./commands/recordings-sweep") as typeof import("./commands/recordings-sweep")).recordingsSweep(opts)));
  withAws(recordings.command("replay").description("Replay the indexer's dead-letter queue through the function (each message's original request payload); delete a message only once it is indexed."))
    .option("--pool <pool>", "environment whose livestream-<pool>-recording-indexer and -dlq are meant (default: $LIVESTREAM_POOL)")
    .option("--function-name <name>", "function name or ARN (default: livestream-<pool>-recording-indexer)")
    .option("--queue-url <url>", "dead-letter queue URL (default: looked up by name)")
    .option("--max <n>", `messages handled in this run (1-10000) (default: ${REPLAY_DEFAULTS.max})`, integerFlag("--max"))
    .option("--dry-run", "list the parked messages and their reasons; invoke nothing, delete nothing")
    .addHelpText("after", "\nExit codes: 0 all replayed, 2 bad input, 3 none replayed, 6 some replayed and some still parked.\nExample:\n  ops recordings replay --pool prod --dry-run")
    .action(async (opts: object) => void (await (require("./commands/recordings-replay") as typeof import("./commands/recordings-replay")).recordingsReplay(opts)));
}

/** `ops channels ...` and `ops sessions ...`: the MediaLive pool around scheduled sessions. */
function addChannelAndSessionCommands(program: Command): void {
  const poolHelp = `channel pool: value of the ${POOL_TAG} tag (default: $LIVESTREAM_POOL)`;
  const channels = program.command("channels").description("Inspect, start and stop the MediaLive channel pool.");
  withAws(channels.command("list").description("List the pool's channels: state, class, running pipelines, running since and cost so far."))
    .option("--pool <pool>", poolHelp)
    .option("--price-catalog <file>", "price catalog JSON (default: cost-model/catalogs/<region>.json)")
    .action(run(async () => (require("./commands/channels-list") as typeof import("./commands/channels-list")).channelsList));
  withAws(channels.command("status").argument("<id>", "MediaLive channel id").description("Show one channel with its active alarms and input metrics of the last 15 minutes."))
    .action(async (id: string, opts: object) => (require("./commands/channels-status") as typeof import("./commands/channels-status")).channelsStatus({ ...opts, id }));
  for (const verb of ["start", "stop"] as const) {
    withAws(
      channels
        .command(verb)
        .argument("<id...>", "MediaLive channel ids (numbers, e.g. 1234567: `ops channels list` shows them)")
        .description(
          `${verb === "start" ? "Start" : "Stop"} channels. Idempotent: a channel already ${verb === "start" ? "RUNNING" : "IDLE"} costs no call. ` +
            "Every id is checked before the first call that changes anything.",
        ),
    )
      .option("--wait", `wait until each channel is ${verb === "start" ? "RUNNING" : "IDLE"}`)
      .option("--timeout <duration>", `bound on all waiting, e.g. 5m or 90s, 1s-1h (default: ${CHANNEL_CHANGE_DEFAULTS.timeout})`, durationFlag("--timeout", { minMs: 1000, maxMs: 3_600_000 }))
      .option("--poll-interval <duration>", `time between state reads while waiting, e.g. 5s, up to 5m (default: ${CHANNEL_CHANGE_DEFAULTS.pollInterval})`, durationFlag("--poll-interval", { maxMs: 300_000 }))
      .option("--dry-run", "say what would be done; call nothing that changes a channel")
      .option("--pool <pool>", `act only on this pool's channels (the ${POOL_TAG} tag) (default: $LIVESTREAM_POOL, else any channel carrying the tag)`)
      .option("--any-channel", `also act on channels outside the pool (another pool's, or without a ${POOL_TAG} tag)`)
      .addHelpText(
        "after",
        `\nExit codes: 0 done, 2 an unknown or malformed id or a channel outside the pool (nothing done), 3 AWS failed, 4 a wait ran out, 6 some channels done and some failed.\n` +
          `Examples:\n  ops channels ${verb} 1234567 --wait --timeout 3m\n  ops channels ${verb} 1234567 7654321 --dry-run --json`,
      )
      .action(async (ids: string[], opts: { timeout?: number; pollInterval?: number } & Record<string, unknown>) => {
        const { timeout, pollInterval, ...rest } = opts;
        const command =
          verb === "start"
            ? (require("./commands/channels-start") as typeof import("./commands/channels-start")).channelsStart
            : (require("./commands/channels-stop") as typeof import("./commands/channels-stop")).channelsStop;
        await command({ ...rest, ids, timeoutMs: timeout, pollIntervalMs: pollInterval });
      });
  }

  const sessions = program.command("sessions").description("Run the channel pool around scheduled live sessions.");
  const scheduleHelp =
    "schedule: a .json/.yaml/.csv file (columns id,startsAt,endsAt[,channelId,title], header optional; ISO 8601 times with offset) or postgres://... (live_sessions)";
  withAws(
    sessions
      .command("plan")
      .description("Assign sessions to pool channels; print the plan, channel-hours billed and their cost. Fails (exit 5) when the pool is too small."),
  )
    .requiredOption("--schedule <source>", scheduleHelp)
    .option("--pool <pool>", poolHelp)
    .option("--pool-size <n>", "plan for N channels without calling AWS (\"how many channels does this event need?\"); not with --pool", integerFlag("--pool-size"))
    .option("--channel-class <class>", `with --pool-size: SINGLE_PIPELINE or STANDARD (two pipelines, billed twice) (default: ${SESSIONS_PLAN_DEFAULTS.channelClass}, what the pool deploys)`)
    .option("--from <time>", "only sessions ending after this (ISO 8601 with offset, or now)")
    .option("--to <time>", "only sessions starting before this")
    .option("--lead <duration>", `channels run this long before a session starts (default: ${SESSIONS_PLAN_DEFAULTS.lead})`, durationFlag("--lead", { minMs: 0, maxMs: 86_400_000 }))
    .option("--grace <duration>", `and this long after it ends (default: ${SESSIONS_PLAN_DEFAULTS.grace})`, durationFlag("--grace", { minMs: 0, maxMs: 86_400_000 }))
    .option("--max-session-length <duration>", `longer sessions are refused as typos (default: ${SESSIONS_PLAN_DEFAULTS.maxSessionLength})`, durationFlag("--max-session-length", { minMs: 60_000 }))
    .option("--timezone <zone>", "show times in this IANA zone, e.g. Asia/Singapore or UTC (default: each session's own offset)")
    .option("--price-catalog <file>", "unit-price catalog JSON, as ops pricing refresh writes (default: cost-model/catalogs/<region>.json)")
    .addHelpText(
      "after",
      "\nA channel-hour is priced as ops forecast prices it: every pipeline bills its input and each output (a pool's channels:\n" +
        "their encoder settings; --pool-size channels: the default 720p/540p/360p ladder in both output groups).\n" +
        "\nExamples:\n  ops sessions plan --schedule sessions.csv --pool dev\n  ops sessions plan --schedule big-event.csv --pool-size 4      (no AWS needed)\n" +
        "  ops sessions plan --schedule postgres://app@db:5432/livestream --from now --to 2026-05-02T00:00:00+08:00 --json",
    )
    .action(async (opts: { lead?: number; grace?: number; maxSessionLength?: number } & Record<string, unknown>) => {
      const { lead, grace, maxSessionLength, ...rest } = opts;
      const { sessionsPlan } = require("./commands/sessions-plan") as typeof import("./commands/sessions-plan");
      await sessionsPlan({ ...(rest as unknown as Parameters<typeof sessionsPlan>[0]), leadMs: lead, graceMs: grace, maxSessionLengthMs: maxSessionLength });
    });
  // The pass checks its durations against each other (reconcileSettings): here only their spelling.
  const RECONCILE_BOUNDS_LATER = { minMs: 0 };
  withAws(sessions.command("reconcile").description("One bounded pass: assign sessions (sticky), give each channel run a fresh stream key, start and stop channels, harvest recordings, publish metrics."))
    .requiredOption("--schedule <source>", `${scheduleHelp}. postgres:// keeps assignments, keys and history in live_sessions; a file is planned whole on every pass: channels it names are honoured, the others keep their channel only while the file and the healthy channels stay the same`)
    .option("--pool <pool>", poolHelp)
    .option("--now <time>", "reason about this instant instead of the clock (ISO 8601 with offset)")
    .option("--lead <duration>", `channels run this long before a session starts (default: ${RECONCILE_DEFAULTS.lead})`, durationTextFlag("--lead", RECONCILE_BOUNDS_LATER))
    .option("--grace <duration>", `and this long after it ends (default: ${RECONCILE_DEFAULTS.grace})`, durationTextFlag("--grace", RECONCILE_BOUNDS_LATER))
    .option("--horizon <duration>", `sessions starting within this get their channel (default: ${RECONCILE_DEFAULTS.horizon}, or --lead plus 10m when that is longer)`, durationTextFlag("--horizon", RECONCILE_BOUNDS_LATER))
    .option("--deadline <duration>", `the whole pass ends within this (e.g. 50s) (default: ${RECONCILE_DEFAULTS.deadline})`, durationTextFlag("--deadline", RECONCILE_BOUNDS_LATER))
    .option("--wait <duration>", `wait up to this for the pass's own starts and stops to settle (0s: the next pass looks) (default: ${RECONCILE_DEFAULTS.wait})`, durationTextFlag("--wait", RECONCILE_BOUNDS_LATER))
    .option("--transition-timeout <duration>", `a start or stop unsettled this long after its first call is a failure (exit 4) (default: ${RECONCILE_DEFAULTS.transitionTimeout})`, durationTextFlag("--transition-timeout", RECONCILE_BOUNDS_LATER))
    .option("--call-timeout <duration>", `bound on each AWS call attempt and each SQL statement (default: ${RECONCILE_DEFAULTS.callTimeout})`, durationTextFlag("--call-timeout", RECONCILE_BOUNDS_LATER))
    .option("--startover-window <duration>", `MediaPackage startover window: recordings are harvested this far back (default: ${RECONCILE_DEFAULTS.startoverWindow})`, durationTextFlag("--startover-window", RECONCILE_BOUNDS_LATER))
    .option("--concurrency <n>", `AWS calls in flight at once (1-50) (default: ${RECONCILE_DEFAULTS.concurrency})`, integerFlag("--concurrency"))
    .option("--poll-interval <duration>", `time between state reads while waiting, e.g. 10s (default: ${RECONCILE_DEFAULTS.pollInterval})`, durationFlag("--poll-interval", { maxMs: 300_000 }))
    .option("--recording-bucket <name>", "recorded-media bucket for harvest jobs (default: $LIVESTREAM_RECORDING_BUCKET)")
    .option("--harvest-role-arn <arn>", "role MediaPackage assumes to write it (default: $LIVESTREAM_HARVEST_ROLE_ARN)")
    .option("--media-domain <host>", "CloudFront host of playback URLs: with --recording-bucket and postgres://, the pass also sweeps for recordings events missed (default: $LIVESTREAM_MEDIA_DOMAIN)")
    .option("--metrics-namespace <ns>", `CloudWatch namespace of the pass metrics (default: ${RECONCILE_DEFAULTS.metricsNamespace})`)
    .option("--dry-run", "decide and report only: no key, start, stop, harvest, write or metric")
    .addHelpText(
      "after",
      "\nExit codes: 0 done or progressing (also: another pass holds the pool's lock), 2 bad flags or schedule file (nothing done),\n" +
        "  3 AWS or PostgreSQL failed before anything was done, 4 a start or stop took longer than --transition-timeout,\n" +
        "  6 partial: some sessions, channels or harvests failed (each reported on itself), the rest was done.\n" +
        "Stream keys: with postgres://, each channel run gets a fresh key before its start and its sessions' rows get the ingest URLs; files keep the inputs' keys.\n" +
        "Examples:\n  ops sessions reconcile --schedule sessions.yaml --pool dev --dry-run\n  ops sessions reconcile --schedule postgres:// --pool prod --json   (PG* variables give the connection)",
    )
    .action(async (opts: { pollInterval?: number } & Record<string, unknown>) => {
      // The command takes seconds; the flag takes a duration with its unit.
      const { pollInterval, ...rest } = opts;
      const { sessionsReconcile } = require("./commands/sessions-reconcile") as typeof import("./commands/sessions-reconcile");
      await sessionsReconcile({ ...(rest as unknown as Parameters<typeof sessionsReconcile>[0]), pollInterval: pollInterval === undefined ? undefined : pollInterval / 1000 });
    });
}

/** `--json` (or `--format json`) anywhere before a `--`: failures print a JSON envelope on stdout. */
function wantsJson(argv: readonly string[]): boolean {
  const end = argv.indexOf("--");
  const args = end === -1 ? argv : argv.slice(0, end);
  return args.some((a, i) => a === "--json" || a === "--format=json" || (a === "--format" && args[i + 1] === "json"));
}

/** AWS SDK errors that escaped a command's own handling still mean "AWS failed", not "a bug". */
function isAwsError(err: unknown): err is Error {
  const e = err as { name?: string; $metadata?: unknown } | undefined;
  return !!e && (e.$metadata !== undefined || e.name === "CredentialsProviderError" || e.name === "TokenProviderError");
}

function fail(json: boolean, exitCode: ExitCodeValue, message: string, hint?: string, details?: unknown, alreadyOnStderr = false): ExitCodeValue {
  if (!alreadyOnStderr) {
    process.stderr.write(`error: ${message}\n`);
    if (hint) process.stderr.write(`hint: ${hint}\n`);
  }
  // A command that already printed its JSON document gets no second one on stdout.
  if (json && !jsonDocumentPrinted()) process.stdout.write(`${JSON.stringify(jsonFailure(message, exitCode, hint, details), null, 2)}\n`);
  return exitCode;
}

/** `ops preflight`: read-only checks of the target account; the Atlantis workflow runs it before plan. */
function addPreflightCommand(program: Command): void {
  const cmd = withAws(
    program
      .command("preflight")
      .description("Read-only checks of the target account before an apply (Atlantis runs it before every plan): quotas, Lambda concurrency, secrets, hosted zone, account id, placeholder values."),
  ).requiredOption("--environment <env>", "check the account against config/environments/<env>.json (its region is the one checked)");
  cmd
    .addHelpText(
      "after",
      `
One line per check (pass, warn, fail, or could not run) with the numbers and the fix.
Exit codes: 0 ready (warnings allowed), 2 bad flags or configuration, 3 a check could not run
(AWS refused or did not answer) and none failed, 5 a check failed: fix it before applying.
Permissions: read-only; the exact IAM actions are listed in docs/operations.md ("Preflight").

Examples:
  ops preflight --environment prod
  ops preflight --environment dev --profile livestream-dev --json | jq '.checks[] | select(.status != "pass")'`,
    )
    .action(run(async () => (require("./commands/preflight") as typeof import("./commands/preflight")).preflight));
}

/** Runs the CLI and returns the exit code (never calls process.exit itself). */
export async function main(argv: string[]): Promise<number> {
  const program = buildProgram();
  const json = wantsJson(argv);
  setProgressEnabled(true);
  jsonDocumentPrinted(true);
  try {
    await program.parseAsync(argv, { from: "user" });
    return ExitCode.Ok;
  } catch (err) {
    stopAllProgress();
    if (err instanceof CommanderError) {
      // --help and --version arrive here as "errors" with exit code 0; commander printed the rest.
      if (err.exitCode === 0) return ExitCode.Ok;
      return fail(json, ExitCode.Usage, err.message.replace(/^error: /, ""), undefined, undefined, true);
    }
    if (err instanceof OpsError) {
      // An SDK credentials error anywhere in the message outranks the command's own hint ("retry",
      // "pass --queue-url"): missing or expired credentials are fixed by credentials, not by waiting.
      const awsFailed = err.exitCode === ExitCode.Remote || err.exitCode === ExitCode.Partial;
      const hint = (awsFailed ? credentialsHint(err.message) : undefined) ?? err.hint;
      return fail(json, err.exitCode, err.message, hint, err.details);
    }
    if (isAwsError(err)) {
      const message = `AWS call failed: ${err.name}: ${err.message}`;
      return fail(json, ExitCode.Remote, message, credentialsHint(message));
    }
    const debug = !!process.env.LIVESTREAM_DEBUG;
    process.stderr.write(`internal error: ${debug ? ((err as Error).stack ?? String(err)) : ((err as Error).message ?? String(err))}\n`);
    if (!debug) process.stderr.write("hint: this is a bug; run again with LIVESTREAM_DEBUG=1 for the stack trace and report it\n");
    return fail(json, ExitCode.Internal, `internal error: ${(err as Error).message ?? String(err)}`, undefined, undefined, true);
  } finally {
    stopAllProgress();
  }
}

/** The version in package.json (read at start-up: a JSON import would copy package.json into dist/). */
function packageVersion(): string {
  try {
    return (JSON.parse(readFileSync(join(projectRoot(__dirname), "package.json"), "utf8")) as { version: string }).version;
  } catch {
    return "unknown";
  }
}

if (require.main === module) {
  // Node 20 is the supported runtime here (see README); the SDK's six-line notice on every command
  // would bury the output. Set the variable to "false" to see it.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";
  // `ops ... | head` closes stdout early: that is the reader's choice, not an error.
  process.stdout.on("error", (err: NodeJS.ErrnoException) => {
    if (err.code === "EPIPE") process.exit(process.exitCode ?? 0);
    throw err;
  });
  main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
