/** What a preflight check is and what it reports. */
import type { EnvironmentConfig } from "../../config/schema";
import type { PreflightClients } from "./clients";

/**
 * pass: ready. warn: ready, with something to look at. fail: the first apply would fail or deploy
 * something wrong (fix it first). error: the check could not run (AWS refused or was unreachable).
 */
export type CheckStatus = "pass" | "warn" | "fail" | "error";

export interface CheckOutcome {
  readonly status: CheckStatus;
  /** One line: what was found, with the numbers. */
  readonly summary: string;
  /** How to fix a fail or warn (for an error: what was refused). */
  readonly fix?: string;
  /** The numbers behind the summary, for --json. */
  readonly data?: Record<string, unknown>;
}

export interface CheckResult extends CheckOutcome {
  readonly id: string;
}

export interface PreflightContext {
  readonly config: EnvironmentConfig;
  /** The file the configuration was read from, as fixes name it (LIVESTREAM_CONFIG_DIR honoured). @default config/environments/<env>.json */
  readonly configFile?: string;
  readonly clients: PreflightClients;
}

export interface PreflightCheck {
  /** Stable id, e.g. `medialive-channels` (the --json report and the docs use it). */
  readonly id: string;
  /** What it checks, in one line. */
  readonly title: string;
  /** The IAM actions it calls; docs/operations.md lists their union as preflight's policy. */
  readonly actions: readonly string[];
  run(context: PreflightContext): Promise<CheckOutcome>;
}
