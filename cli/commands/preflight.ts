/**
 * `ops preflight --environment <env>`: read-only checks of the target account before the first
 * apply (quotas, Lambda concurrency, secrets, hosted zone, account id, placeholder values). The
 * Atlantis workflow runs it before it plans. Exit 0 ready (warnings allowed), 5 a check failed,
 * 3 a check could not run (and none failed), 2 bad flags or configuration.
 */
import { clientConfig } from "../aws/clients";
import { credentialsHint } from "../aws/credentials-hint";
import { ExitCode, InfeasibleError, RemoteError, UsageError } from "../errors";
import { PreflightClients } from "../preflight/clients";
import { PREFLIGHT_CHECKS } from "../preflight";
import { buildReport, renderReport } from "../preflight/report";
import { runChecks } from "../preflight/run";
import { print, printJson, type AwsCommandOptions } from "./ops-context";

export interface PreflightOptions extends AwsCommandOptions {
  /** Environment whose configuration (config/environments/<env>.json, or $LIVESTREAM_CONFIG_DIR/<env>.json) the account is checked against. */
  readonly environment?: string;
  /** Named AWS profile. @default the SDK's credential chain */
  readonly profile?: string;
}

function loadConfig(env: string) {
  const { environmentFile, loadEnvironment, ConfigError } = require("../../config/load") as typeof import("../../config/load");
  try {
    return { config: loadEnvironment(env), configFile: environmentFile(env) };
  } catch (err) {
    if (err instanceof ConfigError) throw new UsageError(`--environment ${env}: ${err.message}`);
    throw err;
  }
}

export async function preflight(opts: PreflightOptions): Promise<void> {
  const env = opts.environment;
  if (!env) throw new UsageError("--environment is required", "e.g. ops preflight --environment prod");
  if (!/^[a-z][a-z0-9-]{1,15}$/.test(env)) throw new UsageError(`--environment '${env}' is not an environment name (2-16 lower-case letters, digits or dashes)`);
  const { config, configFile } = loadConfig(env);
  if (opts.region && opts.region !== config.region) {
    throw new UsageError(`--region ${opts.region}, but environment '${env}' deploys to ${config.region}`, "preflight reads the environment's own region; drop --region");
  }
  await clientConfig({ region: config.region, profile: opts.profile, maxAttempts: opts.maxAttempts }); // flag and profile errors before any call

  const clients = new PreflightClients({ region: config.region, profile: opts.profile, maxAttempts: opts.maxAttempts });
  let report;
  try {
    report = buildReport(config, await runChecks(PREFLIGHT_CHECKS, { config, configFile, clients }));
  } finally {
    await clients.destroy();
  }
  if (!opts.json) print(renderReport(report));

  // On failure the report travels in the error: under --json, main prints it with the error.
  const ids = (status: string) => report.checks.filter((c) => c.status === status).map((c) => c.id);
  // Checks that could not run for want of credentials share one hint: say it once, first.
  const credentials = report.checks.filter((c) => c.status === "error").map((c) => credentialsHint(c.summary)).find((h) => h !== undefined);
  if (report.exitCode === ExitCode.Infeasible) {
    const fix = "fix what each failed check says, then run ops preflight again";
    throw new InfeasibleError(`environment '${env}' is not ready to apply: ${ids("fail").join(", ")} failed`, credentials ? `${credentials}; then ${fix}` : fix, report);
  }
  if (report.exitCode === ExitCode.Remote) {
    throw new RemoteError(`could not run ${ids("error").join(", ")} against account ${config.accountId}`, credentials ?? "see each check's fix (permissions: docs/operations.md, \"Preflight\")", report);
  }
  if (opts.json) printJson(report);
}
