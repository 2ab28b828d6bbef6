import { Construct } from "constructs";
import { TerraformVariable } from "cdktf";
import { DataAwsSecretsmanagerSecretVersion } from "@cdktf/provider-aws/lib/data-aws-secretsmanager-secret-version";

export interface StreamKeyProps {
  /** Secrets Manager secret whose SecretString is the key; read at plan time. @default none: TF_VAR_media_stream_key */
  readonly secretArn?: string;
  /**
   * Planning offline (no AWS): the secret cannot be read, so the variable gets a clearly marked
   * placeholder default that only ever reaches an offline plan.
   * @default false
   */
  readonly offline?: boolean;
}

/** Name of the Terraform variable (set it with TF_VAR_media_stream_key). */
export const STREAM_KEY_VARIABLE = "media_stream_key";
export const OFFLINE_PLACEHOLDER_KEY = "offline-plan-placeholder-not-a-key";

/**
 * The RTMP stream key, kept out of the repository. Deployed stacks read it from Secrets Manager
 * when `secretArn` is set, else from the sensitive variable `media_stream_key` (no default, so a
 * deploy without TF_VAR_media_stream_key stops). Offline plans use a placeholder default. Either
 * way the value also sits in the encrypted state, as MediaLive input destinations need it in clear.
 */
export class StreamKey extends Construct {
  /** Token of the key, for `live/<key>`. */
  readonly value: string;

  constructor(scope: Construct, id: string, props: StreamKeyProps = {}) {
    super(scope, id);
    if (props.secretArn && !props.offline) {
      const secret = new DataAwsSecretsmanagerSecretVersion(this, "secret", { secretId: props.secretArn });
      this.value = secret.secretString;
      return;
    }
    const variable = new TerraformVariable(this, "variable", {
      type: "string",
      sensitive: true,
      nullable: false,
      description: "RTMP stream key of the MediaLive inputs (live/<key>); pass it as TF_VAR_media_stream_key, never commit it",
      default: props.offline ? OFFLINE_PLACEHOLDER_KEY : undefined,
      validation: [
        {
          condition: `\${can(regex("^[A-Za-z0-9_-]{16,64}$", var.${STREAM_KEY_VARIABLE}))}`,
          errorMessage: "media_stream_key must be 16-64 letters, digits, '_' or '-'.",
        },
      ],
    });
    variable.overrideLogicalId(STREAM_KEY_VARIABLE);
    this.value = variable.stringValue;
  }
}
