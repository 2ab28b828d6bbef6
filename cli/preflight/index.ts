/** The preflight checks, in report order. Add a check: one module here, one line below. */
import { accountCheck } from "./account";
import { elasticIpsCheck } from "./elastic-ips";
import { hostedZoneCheck } from "./hosted-zone";
import { lambdaConcurrencyCheck } from "./lambda-concurrency";
import { medialiveChannelsCheck } from "./medialive-channels";
import { medialiveInputsCheck } from "./medialive-inputs";
import { natGatewaysCheck } from "./nat-gateways";
import { reservedValuesCheck } from "./reserved-values";
import { secretsCheck } from "./secrets";
import type { PreflightCheck } from "./types";

export const PREFLIGHT_CHECKS: readonly PreflightCheck[] = [
  accountCheck,
  reservedValuesCheck,
  medialiveChannelsCheck,
  medialiveInputsCheck,
  lambdaConcurrencyCheck,
  elasticIpsCheck,
  natGatewaysCheck,
  secretsCheck,
  hostedZoneCheck,
];

/** Every IAM action preflight calls, sorted: its read-only policy (docs/operations.md). */
export function preflightActions(checks: readonly PreflightCheck[] = PREFLIGHT_CHECKS): string[] {
  return [...new Set(checks.flatMap((c) => c.actions))].sort();
}
