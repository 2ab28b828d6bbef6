import type { SynthesizedResource } from "../../engine/types";

export const DB = ["aws_db_instance"];
/** Read replicas inherit encryption and backups from their source and cannot be Multi-AZ targets of it. */
export const isReplica = (db: SynthesizedResource) => !!db.attributes.replicate_source_db;
export const engineOf = (db: SynthesizedResource) => String(db.attributes.engine ?? "");
