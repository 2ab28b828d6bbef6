/**
 * Runs the checks side by side. A check AWS refused or did not answer becomes an `error` result
 * (the others still run and report); a bug or a usage error stops the run as usual.
 */
import { awsErrorInfo } from "../aws/clients";
import { credentialsHint } from "../aws/credentials-hint";
import { OpsError } from "../errors";
import type { CheckResult, PreflightCheck, PreflightContext } from "./types";

const isBug = (err: unknown) => err instanceof TypeError || err instanceof ReferenceError || err instanceof RangeError || err instanceof SyntaxError;
const DENIED = /AccessDenied|UnauthorizedOperation|NotAuthorized|AuthorizationError/i;

export async function runChecks(checks: readonly PreflightCheck[], context: PreflightContext): Promise<CheckResult[]> {
  return Promise.all(
    checks.map(async (check): Promise<CheckResult> => {
      try {
        return { id: check.id, ...(await check.run(context)) };
      } catch (err) {
        if (err instanceof OpsError || isBug(err)) throw err;
        const { name, status, message } = awsErrorInfo(err);
        return {
          id: check.id,
          status: "error",
          summary: `could not check: ${name}${status ? ` (HTTP ${status})` : ""}: ${message}`,
          // Missing or expired credentials are no outage: retrying cannot help, and the hint says what does.
          fix:
            credentialsHint(`${name}: ${message}`) ??
            (DENIED.test(name) ? `allow ${check.actions.join(", ")} for these credentials (docs/operations.md, "Preflight")` : "AWS did not answer after retries: run again, or raise --max-attempts"),
          data: { error: name, httpStatus: status ?? null },
        };
      }
    }),
  );
}
