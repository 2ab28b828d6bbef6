import { Construct } from "constructs";
import { RdsClusterParameterGroup } from "@cdktf/provider-aws/lib/rds-cluster-parameter-group";

export interface ClusterParameterGroupProps {
  /** Prefix of every name, e.g. `livestream-dev`. */
  readonly namePrefix: string;
  /** PostgreSQL major version, e.g. 16 (the family is `aurora-postgresql<major>`). */
  readonly majorVersion: number;
  /** Statements slower than this many milliseconds are logged. */
  readonly slowStatementMs: number;
}

/**
 * The cluster's parameters, shared by every instance: TLS required, slow statements logged. Aurora
 * PostgreSQL accepts plain connections unless rds.force_ssl is 1 (Aurora User Guide, "Securing Aurora
 * PostgreSQL data with SSL/TLS"); the parameter is cluster-level, so one group covers the writer and
 * the readers.
 */
export class ClusterParameterGroup extends Construct {
  /** Parameter group name. */
  readonly name: string;
  /** `aurora-postgresql<major>`. */
  readonly family: string;

  constructor(scope: Construct, id: string, props: ClusterParameterGroupProps) {
    super(scope, id);
    this.family = `aurora-postgresql${props.majorVersion}`;
    const group = new RdsClusterParameterGroup(this, "parameter-group", {
      // The family is part of the name: a major upgrade creates the new group before dropping the old.
      name: `${props.namePrefix}-${this.family}`,
      family: this.family,
      description: `${props.namePrefix} Aurora PostgreSQL ${props.majorVersion}: TLS only, slow statement log`,
      parameter: [
        // pending-reboot is accepted for static and dynamic parameters alike; a new cluster starts with it in force.
        { name: "rds.force_ssl", value: "1", applyMethod: "pending-reboot" },
        { name: "log_min_duration_statement", value: String(props.slowStatementMs) },
      ],
      lifecycle: { createBeforeDestroy: true },
    });
    this.name = group.name;
  }
}
