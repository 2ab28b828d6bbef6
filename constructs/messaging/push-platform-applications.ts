import { Construct } from "constructs";
import { DataAwsSecretsmanagerSecretVersion } from "@cdktf/provider-aws/lib/data-aws-secretsmanager-secret-version";
import { SnsPlatformApplication } from "@cdktf/provider-aws/lib/sns-platform-application";

/** One mobile push platform; credentials are referenced by Secrets Manager ARN, never inlined. */
export interface PushPlatform {
  /** Short name, unique per environment, e.g. `android`. */
  readonly name: string;
  /** SNS platform: GCM (Firebase), APNS or APNS_SANDBOX. */
  readonly platform: "GCM" | "APNS" | "APNS_SANDBOX";
  /** Secret holding the platform credential (FCM key, or the APNs private key). */
  readonly credentialSecretArn: string;
  /** Secret holding the APNs certificate; required for APNS and APNS_SANDBOX, unused for GCM. */
  readonly principalSecretArn?: string;
}

export interface PushPlatformApplicationsProps {
  /** Prefix of every resource name, e.g. `livestream-dev`. */
  readonly namePrefix: string;
  /** Platforms to create; none yields no resources at all. */
  readonly platforms: readonly PushPlatform[];
}

/**
 * SNS platform applications for mobile push (design step 8).
 *
 * Why a data source: SNS takes the credential as a plain attribute, and hashicorp/aws 5.100 has no
 * write-only variant of it, so an ephemeral secret read cannot feed it. Reading the secret version
 * when Terraform plans is the only way to keep the secret out of this code and out of the config.
 * The read needs AWS, so these data sources exist only when platforms are configured; the default
 * configuration has none and every stack still plans offline. The value lands in the (encrypted)
 * state, as any credential SNS holds would.
 */
export class PushPlatformApplications extends Construct {
  /** Platform application ARN by platform name. */
  readonly applicationArns: Record<string, string> = {};

  constructor(scope: Construct, id: string, props: PushPlatformApplicationsProps) {
    super(scope, id);
    const seen = new Set<string>();
    props.platforms.forEach((p, i) => {
      if (seen.has(p.name)) {
        throw new Error(`PushPlatformApplications: platforms[${i}].name '${p.name}' is used twice; names must be unique`);
      }
      seen.add(p.name);
      const apple = p.platform !== "GCM";
      if (apple && !p.principalSecretArn) {
        throw new Error(`PushPlatformApplications: platforms[${i}] (${p.name}) is ${p.platform} and needs principalSecretArn (the APNs certificate)`);
      }
      if (!apple && p.principalSecretArn) {
        throw new Error(`PushPlatformApplications: platforms[${i}] (${p.name}) is GCM; principalSecretArn applies to APNs only`);
      }
      const secret = (role: string, arn: string) =>
        new DataAwsSecretsmanagerSecretVersion(this, `${p.name}-${role}`, { secretId: arn }).secretString;
      const application = new SnsPlatformApplication(this, p.name, {
        name: `${props.namePrefix}-${p.name}`,
        platform: p.platform,
        platformCredential: secret("credential", p.credentialSecretArn),
        ...(p.principalSecretArn ? { platformPrincipal: secret("principal", p.principalSecretArn) } : {}),
      });
      this.applicationArns[p.name] = application.arn;
    });
  }
}
