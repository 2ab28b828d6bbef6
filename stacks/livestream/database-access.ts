import type { ApiArea } from "./api";
import type { DataArea } from "./data";
import type { OperationsArea } from "./operations";

/**
 * Who may reach PostgreSQL: the database's security group admits exactly these clients' security
 * groups on its port, and nothing else (each logs in as its own role; only the migration task holds
 * the master credentials).
 */
export function grantDatabaseAccess(data: DataArea, api: ApiArea, ops: OperationsArea): void {
  const { database } = data;
  database.allowFrom("services", api.services.securityGroupId, "API services (mentee, mentor, social) on Fargate");
  database.allowFrom("recording-indexer", ops.recordingIndexer.securityGroupId, "Recording indexer Lambda (writes live_sessions recordings)");
  database.allowFrom("ops-reconcile", ops.reconcile.securityGroupId, "ops sessions reconcile task (reads live_sessions)");
  database.allowFrom("ops-migrate", ops.migration.securityGroupId, "ops db migrate one-off task (master credentials)");
}
