import type { TerraformProvider } from "cdktf";
import { Construct } from "constructs";
import { KmsAlias } from "@cdktf/provider-aws/lib/kms-alias";
import { KmsKey } from "@cdktf/provider-aws/lib/kms-key";
import { DEFAULT_KEY_DELETION_WINDOW_DAYS, deletionWindowProblem } from "./deletion-window";
import { platformKeyPolicy } from "./key-policy";

export { DEFAULT_KEY_DELETION_WINDOW_DAYS, deletionWindowProblem } from "./deletion-window";

export interface PlatformKeyProps {
  /** Prefix of every name, e.g. `livestream-dev`; the alias is `alias/<namePrefix>`. */
  readonly namePrefix: string;
  /** 12-digit id of the account that owns the key. */
  readonly accountId: string;
  /** Region of the key (CloudWatch Logs in this region may use it). */
  readonly region: string;
  /**
   * Days a deleted key waits before it is gone (7-30): the window to undo a mistaken delete.
   * @default 30
   */
  readonly deletionWindowDays?: number;
  /** Provider (region) of the key, e.g. us-east-1 for the log groups and topics that must live there. @default the stack's default provider */
  readonly provider?: TerraformProvider;
}

/**
 * The platform's customer-managed KMS key, with yearly rotation, for data at rest: logs, database,
 * secrets, queues and topics. IAM policies in the account grant its use; the key policy adds only
 * the AWS services that encrypt on the account's behalf.
 */
export class PlatformKey extends Construct {
  /** Key ARN (use this in resource `kms_key_id` fields and IAM policies). */
  readonly arn: string;
  /** Key id. */
  readonly keyId: string;
  /** `alias/<namePrefix>`. */
  readonly aliasName: string;

  constructor(scope: Construct, id: string, props: PlatformKeyProps) {
    super(scope, id);
    const deletionWindowDays = props.deletionWindowDays ?? DEFAULT_KEY_DELETION_WINDOW_DAYS;
    validate(props, deletionWindowDays);

    const key = new KmsKey(this, "key", {
      provider: props.provider,
      description: `${props.namePrefix}: encrypts platform data at rest (logs, database, secrets, messaging)`,
      enableKeyRotation: true,
      deletionWindowInDays: deletionWindowDays,
      policy: platformKeyPolicy({ accountId: props.accountId, region: props.region }),
      tags: { Name: props.namePrefix },
    });
    const alias = new KmsAlias(this, "alias", { provider: props.provider, name: `alias/${props.namePrefix}`, targetKeyId: key.keyId });

    this.arn = key.arn;
    this.keyId = key.keyId;
    this.aliasName = alias.name;
  }
}

function validate(props: PlatformKeyProps, deletionWindowDays: number): void {
  if (!/^[a-zA-Z0-9/_-]{1,200}$/.test(props.namePrefix) || props.namePrefix.startsWith("aws")) {
    throw new Error(`PlatformKey: namePrefix '${props.namePrefix}' must be 1-200 letters, digits, '/', '_' or '-' and must not start with 'aws'`);
  }
  if (!/^\d{12}$/.test(props.accountId)) {
    throw new Error(`PlatformKey: accountId '${props.accountId}' must be a 12-digit AWS account id`);
  }
  if (!/^[a-z]{2}(-[a-z]+)+-\d$/.test(props.region)) {
    throw new Error(`PlatformKey: region '${props.region}' must be an AWS region such as ap-southeast-1`);
  }
  const window = deletionWindowProblem("deletionWindowDays", deletionWindowDays);
  if (window) throw new Error(`PlatformKey: ${window}`);
}
