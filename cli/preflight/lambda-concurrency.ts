/**
 * The recording indexer's reserved concurrency fits the account. Lambda keeps at least 100 of the
 * account's concurrency unreserved, so a function may reserve at most (limit - 100); a new
 * account's limit is 10, where any reservation fails CreateFunction (Lambda Developer Guide,
 * "Configuring reserved concurrency"; Lambda API Reference, PutFunctionConcurrency).
 */
import type { EnvironmentConfig } from "../../config/schema";
import type { QuotaRef } from "./quota";
import { quotaIncreaseHint } from "./quota";
import type { PreflightCheck } from "./types";

export const LAMBDA_MIN_UNRESERVED_CONCURRENCY = 100;
/** Service Quotas: service `lambda`, "Concurrent executions" (only for the fix hint; the value comes from GetAccountSettings). */
const LAMBDA_CONCURRENCY_QUOTA: QuotaRef = { serviceCode: "lambda", quotaCode: "L-B99A9384", name: 'Lambda "Concurrent executions"' };

/**
 * `recordingIndexer.reservedConcurrency` when the configuration sets one (the section lives in
 * config/sections/recording-indexer.ts; read defensively so preflight works with or without it).
 */
export function recordingIndexerReservation(config: EnvironmentConfig): number | undefined {
  const value = (config as { recordingIndexer?: { reservedConcurrency?: unknown } }).recordingIndexer?.reservedConcurrency;
  return typeof value === "number" && Number.isInteger(value) && value > 0 ? value : undefined;
}

export const lambdaConcurrencyCheck: PreflightCheck = {
  id: "lambda-concurrency",
  title: "the recording indexer's reserved concurrency leaves Lambda's 100 unreserved executions",
  actions: ["lambda:GetAccountSettings"],
  async run({ config, clients }) {
    const { GetAccountSettingsCommand } = await import("@aws-sdk/client-lambda");
    const { AccountLimit } = await (await clients.lambda()).send(new GetAccountSettingsCommand({}));
    const limit = AccountLimit?.ConcurrentExecutions ?? 0;
    const unreserved = AccountLimit?.UnreservedConcurrentExecutions ?? limit;
    const reservation = recordingIndexerReservation(config);
    const data = { concurrentExecutions: limit, unreservedConcurrentExecutions: unreserved, reservation: reservation ?? null };
    const account = `account limit ${limit} concurrent executions, ${unreserved} unreserved`;
    if (reservation === undefined) return { status: "pass", summary: `${account}; the recording indexer reserves none`, data };

    const allowed = limit - LAMBDA_MIN_UNRESERVED_CONCURRENCY;
    if (reservation > allowed) {
      return {
        status: "fail",
        summary: `${account}; the recording indexer reserves ${reservation} but at most ${Math.max(0, allowed)} can be reserved (limit - ${LAMBDA_MIN_UNRESERVED_CONCURRENCY})`,
        fix: `${quotaIncreaseHint(LAMBDA_CONCURRENCY_QUOTA, reservation + LAMBDA_MIN_UNRESERVED_CONCURRENCY, config.region)}, or lower/unset recordingIndexer.reservedConcurrency`,
        data,
      };
    }
    // Reservations of other functions (or the indexer's own, once deployed) are already subtracted.
    if (reservation > unreserved - LAMBDA_MIN_UNRESERVED_CONCURRENCY) {
      return {
        status: "warn",
        summary: `${account}; reserving ${reservation} more would leave ${unreserved - reservation} unreserved (< ${LAMBDA_MIN_UNRESERVED_CONCURRENCY}) unless the indexer already holds it`,
        fix: "if the indexer is not deployed yet, other functions' reservations leave too little: lower theirs or raise the account limit",
        data,
      };
    }
    return { status: "pass", summary: `${account}; the recording indexer reserves ${reservation} (at most ${allowed} allowed)`, data };
  },
};
