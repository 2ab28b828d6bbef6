import { Construct } from "constructs";
import { DbParameterGroup } from "@cdktf/provider-aws/lib/db-parameter-group";

export interface PostgresParameterGroupProps {
  /** Prefix of every name, e.g. `livestream-dev`. */
  readonly namePrefix: string;
  /** PostgreSQL major version, e.g. 16 (the family is `postgres<major>`). */
  readonly majorVersion: number;
  /** Statements slower than this many milliseconds are logged. */
  readonly slowStatementMs: number;
}

/** Parameters shared by the primary and the replica: TLS required, slow statements logged. */
export class PostgresParameterGroup extends Construct {
  /** Parameter group name. */
  readonly name: string;
  /** `postgres<major>`. */
  readonly family: string;

  constructor(scope: Construct, id: string, props: PostgresParameterGroupProps) {
    super(scope, id);
    this.family = `postgres${props.majorVersion}`;
    const group = new DbParameterGroup(this, "parameter-group", {
      // The family is part of the name: a major upgrade creates the new group before dropping the old.
      name: `${props.namePrefix}-${this.family}`,
      family: this.family,
      description: `${props.namePrefix} PostgreSQL ${props.majorVersion}: TLS only, slow statement log`,
      parameter: [
        { name: "rds.force_ssl", value: "1" },
        { name: "log_min_duration_statement", value: String(props.slowStatementMs) },
      ],
      lifecycle: { createBeforeDestroy: true },
    });
    this.name = group.name;
  }
}
