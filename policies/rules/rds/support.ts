import type { StackIndex } from "../../engine/stack-index";
import type { SynthesizedResource } from "../../engine/types";

/** An RDS for PostgreSQL (or other engine) instance. */
export const DB_INSTANCE = "aws_db_instance";
/** An Aurora cluster: storage, backups, authentication, logs and parameters live here. */
export const AURORA_CLUSTER = "aws_rds_cluster";
/** An instance of an Aurora cluster: network exposure, monitoring and upgrades live here. */
export const AURORA_INSTANCE = "aws_rds_cluster_instance";

/** Read replicas inherit encryption and backups from their source and cannot be Multi-AZ targets of it. */
export const isReplica = (db: SynthesizedResource) => !!db.attributes.replicate_source_db;
export const engineOf = (db: SynthesizedResource) => String(db.attributes.engine ?? "");

/** The Aurora instances of a cluster: those whose cluster_identifier refers to it or names it. */
export function instancesOf(cluster: SynthesizedResource, index: StackIndex): SynthesizedResource[] {
  const name = cluster.attributes.cluster_identifier;
  return index
    .ofType(AURORA_INSTANCE)
    .filter((i) => index.refersTo(i.attributes.cluster_identifier, cluster) || (typeof name === "string" && i.attributes.cluster_identifier === name));
}
