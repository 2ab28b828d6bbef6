import { z } from "zod";

/**
 * The recording indexer Lambda of an environment. Reserved concurrency is off by default: AWS lets
 * an account reserve only down to 100 unreserved executions, and new accounts start with a quota of
 * 10, so any reservation fails CreateFunction there (Lambda developer guide, "Configuring reserved
 * concurrency"). The database role's CONNECTION LIMIT caps the indexer's connections instead.
 * `ops preflight` checks a reservation set here against the account's quota.
 */
export const recordingIndexerSchema = z
  .strictObject({
    /** Concurrent executions reserved (and capped) for the function; absent: no reservation. */
    reservedConcurrency: z.number().int("expected a whole number of executions").positive("expected at least 1 execution").max(1000).optional(),
  })
  .prefault({});

