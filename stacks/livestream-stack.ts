import { TerraformStack } from "cdktf";
import type { Construct } from "constructs";
import type { EnvironmentConfig } from "../config/schema";
import { buildApi } from "./livestream/api";
import { buildData } from "./livestream/data";
import { grantDatabaseAccess } from "./livestream/database-access";
import { buildEdgeSecurity } from "./livestream/edge-security";
import { buildFoundation } from "./livestream/foundation";
import { buildMedia } from "./livestream/media";
import { buildNetwork } from "./livestream/network";
import { buildObservability } from "./livestream/observability";
import { buildOperations } from "./livestream/operations";
import { addOutputs, platformOutputs } from "./livestream/outputs";
import { stackName } from "../contracts/stacks";

export interface LivestreamStackProps {
  /** The validated configuration of the environment this stack deploys. */
  readonly config: EnvironmentConfig;
  /**
   * Plan without AWS: a local state backend and a provider that asks AWS nothing before planning.
   * @default false (S3 state with lock files; the provider checks credentials and the account id)
   */
  readonly offline?: boolean;
}

export { stackName };

/**
 * One environment of the platform, area by area (each builder in stacks/livestream/). Plans from
 * an empty state on its own: it reads no other stack's state and calls no data source that needs AWS.
 */
export class LivestreamStack extends TerraformStack {
  /** The environment's configuration; the policy pack reads its tier. */
  readonly config: EnvironmentConfig;

  constructor(scope: Construct, id: string, props: LivestreamStackProps) {
    super(scope, id);
    this.config = props.config;
    const platform = buildFoundation(this, props.config, stackName(props.config.name), props.offline ?? false);

    const network = buildNetwork(platform);
    const data = buildData(platform, network);
    const api = buildApi(platform, network, data);
    const media = buildMedia(platform, api);
    const operations = buildOperations(platform, { network, data, api, media });
    grantDatabaseAccess(data, api, operations);
    const edgeSecurity = buildEdgeSecurity(platform, api);
    buildObservability(platform, api, data);

    addOutputs(platform, platformOutputs(platform, { data, api, media, operations, edgeSecurity }));
  }
}
