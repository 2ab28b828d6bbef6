#!/usr/bin/env node
/**
 * The ops CLI entry: wires commands and loads each lazily, so `ops --help` pays for commander only.
 * Each command lives in ./commands/<name>.ts as an async function taking plain options.
 */
import { Command, CommanderError, InvalidArgumentError } from "commander";
import { DEFAULT_GRACE, DEFAULT_LEAD, DEFAULT_PASS_DEADLINE, DEFAULT_STARTOVER_WINDOW_HOURS, DEFAULT_TRANSITION_TIMEOUT, OPS_METRICS_NAMESPACE } from "../contracts";
import { ExitCode, OpsError } from "./errors";

function run<T>(load: () => Promise<(opts: T) => Promise<void>>) {
  return async (opts: T) => {
    const command = await load();
    await command(opts);
  };
}

export function buildProgram(): Command {
  const program = new Command("ops")
    .description("Operate the live-streaming platform: forecast its cost and run its MediaLive channels.")
    .showHelpAfterError("(run with --help for usage)")
    .exitOverride()
    .addHelpText(
      "after",
      `
Exit codes:
  0  done                                 3  AWS or PostgreSQL failed after retries
  1  internal error (a bug)               4  a bounded wait ran out (e.g. channel stuck STARTING)
  2  bad flags, input or config: no-op    5  not feasible (e.g. channel pool too small)

AWS: the usual credential chain and AWS_REGION; AWS_ENDPOINT_URL_<SERVICE> points a client elsewhere.
Docs: docs/operations.md (runbook), docs/forecast.md (cost model).`,
    );

  // Commands register here; keep option parsing in this file and the work in ./commands.
  const db = program.command("db").description("Manage the platform's PostgreSQL schema.");
  db.command("migrate")
    .description("Apply pending SQL migrations (db/migrations) in order, each in a transaction, under an advisory lock.")
    .option("--database-url <url>", "postgresql://user:password@host:5432/db (default: $DATABASE_URL, which keeps the password out of ps)")
    .option("--dry-run", "list pending migrations without applying anything")
    .action(run(async () => (require("./commands/db-migrate") as typeof import("./commands/db-migrate")).dbMigrate));

  program
    .command("forecast")
    .description("Project the platform's monthly cost over a horizon: per line item, per quarter, against the egress floor.")
    .option("--scenario <seed|architecture|file>", "built-in scenario or a JSON/YAML scenario file (default: architecture)")
    .option("--environment <env>", "size the architecture scenario to config/environments/<env>.json (its tasks, database, NAT, channel class, budget DAU and growth); not with --scenario")
    .option("--months <n>", "horizon in months, 1-120 (default: the scenario's, 12)", number("--months"))
    .option("--dau <n>", "daily active users in month 1 (default: the scenario's, 10000)", number("--dau"))
    .option("--growth <fraction>", "monthly growth as a fraction: 0.1 is +10 % a month (default: the scenario's)", number("--growth"))
    .option("--pricing <catalog|file>", "price catalog: seed, ap-southeast-1, or a catalog JSON file (default: the scenario's)")
    .option("--format <format>", "table, json, csv, markdown or html", "table")
    .option("--out <file>", "write the report to this file (atomically) instead of stdout")
    .addHelpText(
      "after",
      `
Examples:
  ops forecast --scenario seed                      replay the design's cost table (to the cent)
  ops forecast                                      what the deployed architecture costs, 12 months
  ops forecast --dau 25000 --growth 0.05 --months 24 --format markdown
  ops forecast --scenario my-scenario.yaml --format html --out forecast.html
  ops forecast --format json | jq '.months[0].totalUsd'
  ops forecast --environment prod --format markdown  the cost comment Atlantis posts under a prod plan

Scenario files hold only what differs from the defaults; fields are documented in docs/forecast.md.`,
    )
    .action(run(async () => (require("./commands/forecast") as typeof import("./commands/forecast")).forecast));

  const pricing = program.command("pricing").description("Maintain the price catalogs the forecast uses.");
  pricing
    .command("refresh")
    .description("Build a price catalog per region from the AWS Price List API (GetProducts, us-east-1), stamped with today's date.")
    .option("--region <region...>", "regions to price", ["ap-southeast-1"])
    .option("--out <path>", "catalog file for one region, or a directory for several (default: ./<region>.json)")
    .option("--dry-run", "print the catalog(s) instead of writing")
    .addHelpText(
      "after",
      `
Examples:
  ops pricing refresh --dry-run
  ops pricing refresh --region ap-southeast-1 --out cost-model/catalogs/ap-southeast-1.json
  ops pricing refresh --region ap-southeast-1 us-east-1 --out catalogs/

Needs AWS credentials allowed pricing:GetProducts. Any item the API cannot find fails the run and no file is written.`,
    )
    .action(run(async () => (require("./commands/pricing-refresh") as typeof import("./commands/pricing-refresh")).pricingRefresh));

  addChannelAndSessionCommands(program);
  return program;
}

/** Parses a numeric flag; commander reports the message and main maps it to exit code 2. */
function number(flag: string) {
  return (value: string): number => {
    const n = Number(value);
    if (value.trim() === "" || !Number.isFinite(n)) throw new InvalidArgumentError(`${flag} expects a number, got '${value}'`);
    return n;
  };
}

/** AWS flags every channel/session command takes. */
function withAws(cmd: Command): Command {
  return cmd
    .option("--region <region>", "AWS region (default: $AWS_REGION)")
    .option("--max-attempts <n>", "attempts per AWS call, standard retry mode (1-10)", integer("--max-attempts"), 3)
    .option("--json", "print JSON to stdout (progress goes to stderr)");
}

function integer(flag: string) {
  return (value: string): number => {
    const n = Number(value);
    if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(n)) throw new InvalidArgumentError(`${flag} expects a whole number, got '${value}'`);
    return n;
  };
}

/** `ops channels ...` and `ops sessions ...`: the MediaLive pool around scheduled sessions. */
function addChannelAndSessionCommands(program: Command): void {
  const poolHelp = "channel pool: value of the livestream:pool tag (default: $LIVESTREAM_POOL)";
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
        .argument("<id...>", "MediaLive channel ids")
        .description(`${verb === "start" ? "Start" : "Stop"} channels. Idempotent: a channel already ${verb === "start" ? "RUNNING" : "IDLE"} costs no call.`),
    )
      .option("--wait", `wait until the channel is ${verb === "start" ? "RUNNING" : "IDLE"}`)
      .option("--timeout <seconds>", "bound on every wait", integer("--timeout"), 300)
      .option("--poll-interval <seconds>", "seconds between state reads while waiting", number("--poll-interval"), 5)
      .option("--dry-run", "say what would be done; call nothing that changes a channel")
      .addHelpText("after", `\nExamples:\n  ops channels ${verb} 1234567 --wait --timeout 180\n  ops channels ${verb} 1234567 7654321 --dry-run --json`)
      .action(async (ids: string[], opts: object) => {
        const mod = verb === "start" ? (require("./commands/channels-start") as typeof import("./commands/channels-start")).channelsStart : (require("./commands/channels-stop") as typeof import("./commands/channels-stop")).channelsStop;
        await mod({ ...opts, ids });
      });
  }

  const sessions = program.command("sessions").description("Run the channel pool around scheduled live sessions.");
  const scheduleHelp = "schedule: a .json/.yaml/.csv file (id,startsAt,endsAt[,channelId,title]; ISO 8601 with offset) or postgres://... (live_sessions)";
  withAws(sessions.command("plan").description("Assign sessions to pool channels; print the plan, channel-hours billed and their cost. Fails (exit 5) when the pool is too small."))
    .requiredOption("--schedule <source>", scheduleHelp)
    .option("--pool <pool>", poolHelp)
    .option("--from <time>", "only sessions ending after this (ISO 8601 with offset, or now)")
    .option("--to <time>", "only sessions starting before this")
    .option("--lead <duration>", "channels run this long before a session starts", "10m")
    .option("--grace <duration>", "and this long after it ends", "5m")
    .option("--price-catalog <file>", "price catalog JSON (default: cost-model/catalogs/<region>.json)")
    .addHelpText("after", "\nExamples:\n  ops sessions plan --schedule sessions.csv --pool dev\n  ops sessions plan --schedule postgres://app@db:5432/livestream --from now --to 2026-05-02T00:00:00+08:00 --json")
    .action(run(async () => (require("./commands/sessions-plan") as typeof import("./commands/sessions-plan")).sessionsPlan));
  withAws(sessions.command("reconcile").description("One bounded pass: assign sessions (sticky), give each channel run a fresh stream key, start and stop channels, harvest recordings, publish metrics."))
    .requiredOption("--schedule <source>", `${scheduleHelp}. postgres:// keeps assignments, keys and history in live_sessions; a file is planned whole on every pass: channels it names are honoured, the others keep their channel only while the file and the healthy channels stay the same`)
    .option("--pool <pool>", poolHelp)
    .option("--now <time>", "reason about this instant instead of the clock (ISO 8601 with offset)")
    .option("--lead <duration>", "channels run this long before a session starts", DEFAULT_LEAD)
    .option("--grace <duration>", "and this long after it ends", DEFAULT_GRACE)
    .option("--horizon <duration>", "sessions starting within this get their channel", "1h")
    .option("--deadline <duration>", "the whole pass ends within this (e.g. 50s)", DEFAULT_PASS_DEADLINE)
    .option("--wait <duration>", "wait up to this for the pass's own starts and stops to settle (0s: the next pass looks)", "0s")
    .option("--transition-timeout <duration>", "a start or stop unsettled this long after its first call is a failure (exit 4)", DEFAULT_TRANSITION_TIMEOUT)
    .option("--call-timeout <duration>", "bound on each AWS call attempt and each SQL statement", "10s")
    .option("--startover-window <duration>", "MediaPackage startover window: recordings are harvested this far back", `${DEFAULT_STARTOVER_WINDOW_HOURS}h`)
    .option("--concurrency <n>", "AWS calls in flight at once (1-50)", integer("--concurrency"), 8)
    .option("--poll-interval <seconds>", "seconds between state reads while waiting", number("--poll-interval"), 10)
    .option("--recording-bucket <name>", "recorded-media bucket for harvest jobs (default: $LIVESTREAM_RECORDING_BUCKET)")
    .option("--harvest-role-arn <arn>", "role MediaPackage assumes to write it (default: $LIVESTREAM_HARVEST_ROLE_ARN)")
    .option("--metrics-namespace <ns>", "CloudWatch namespace of the pass metrics", OPS_METRICS_NAMESPACE)
    .option("--dry-run", "decide and report only: no key, start, stop, harvest, write or metric")
    .addHelpText(
      "after",
      "\nExit codes: 0 done or progressing (also: another pass holds the pool's lock), 2 bad flags or schedule file (nothing done),\n" +
        "  3 AWS or PostgreSQL failed before anything was done, 4 a start or stop took longer than --transition-timeout,\n" +
        "  6 partial: some sessions, channels or harvests failed (each reported on itself), the rest was done.\n" +
        "Stream keys: with postgres://, each channel run gets a fresh key before its start and its sessions' rows get the ingest URLs; files keep the inputs' keys.\n" +
        "Examples:\n  ops sessions reconcile --schedule sessions.yaml --pool dev --dry-run\n  ops sessions reconcile --schedule postgres:// --pool prod --json   (PG* variables give the connection)",
    )
    .action(run(async () => (require("./commands/sessions-reconcile") as typeof import("./commands/sessions-reconcile")).sessionsReconcile));
}

/** Runs the CLI and returns the exit code (never calls process.exit itself). */
export async function main(argv: string[]): Promise<number> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv, { from: "user" });
    return ExitCode.Ok;
  } catch (err) {
    if (err instanceof CommanderError) {
      // --help and --version arrive here as "errors" with exit code 0.
      return err.exitCode === 0 ? ExitCode.Ok : ExitCode.Usage;
    }
    if (err instanceof OpsError) {
      process.stderr.write(`error: ${err.message}\n`);
      if (err.hint) process.stderr.write(`hint: ${err.hint}\n`);
      return err.exitCode;
    }
    process.stderr.write(`internal error: ${(err as Error).stack ?? String(err)}\n`);
    return ExitCode.Internal;
  }
}

export { run as lazy };

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
