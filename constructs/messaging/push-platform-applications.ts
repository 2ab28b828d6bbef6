import { Construct } from "constructs";
import { DataAwsSecretsmanagerSecretVersion } from "@cdktf/provider-aws/lib/data-aws-secretsmanager-secret-version";
import { SnsPlatformApplication } from "@cdktf/provider-aws/lib/sns-platform-application";

/** Firebase Cloud Messaging through the HTTP v1 API (token credentials). */
export interface FcmPushPlatform {
  /** Short name, unique per environment, e.g. `android`. */
  readonly name: string;
  readonly platform: "GCM";
  /** Secret whose SecretString is the Firebase service-account JSON key file. */
  readonly serviceAccountSecretArn: string;
}

/** Apple Push Notification service with token (.p8 signing key) credentials. */
export interface ApnsPushPlatform {
  /** Short name, unique per environment, e.g. `ios`. */
  readonly name: string;
  readonly platform: "APNS" | "APNS_SANDBOX";
  /** Secret whose SecretString is the APNs signing key (the .p8 file's contents). */
  readonly signingKeySecretArn: string;
  /** The signing key's 10-character key id (Apple Developer account). */
  readonly signingKeyId: string;
  /** The 10-character Apple team id. */
  readonly teamId: string;
  /** The app's bundle id, e.g. `com.example.mentoring`. */
  readonly bundleId: string;
}

/** One mobile push platform; credentials are referenced by Secrets Manager ARN, never inlined. */
export type PushPlatform = FcmPushPlatform | ApnsPushPlatform;

export interface PushPlatformApplicationsProps {
  /** Prefix of every resource name, e.g. `livestream-dev`. */
  readonly namePrefix: string;
  /** Platforms to create; none yields no resources at all. */
  readonly platforms: readonly PushPlatform[];
}

const APPLE_ID = /^[A-Z0-9]{10}$/;
const BUNDLE_ID = /^[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$/;

/**
 * SNS platform applications for mobile push (design step 8), with the credentials SNS takes today
 * (SNS API Reference, "CreatePlatformApplication"): for GCM with token credentials the
 * PlatformCredential is the service-account JSON and there is no principal (FCM's legacy server
 * keys are retired); for APNs with token credentials the PlatformCredential is the signing key, the
 * PlatformPrincipal the signing key id, plus the team id and bundle id (`apple_platform_team_id`,
 * `apple_platform_bundle_id` in hashicorp/aws 5.100).
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
    const problems: string[] = [];
    const seen = new Set<string>();
    props.platforms.forEach((p, i) => {
      if (seen.has(p.name)) problems.push(`platforms[${i}].name '${p.name}' is used twice; names must be unique`);
      seen.add(p.name);
      if (p.platform === "GCM") return;
      if (!APPLE_ID.test(p.signingKeyId)) problems.push(`platforms[${i}].signingKeyId must be the 10-character APNs key id, got '${p.signingKeyId}'`);
      if (!APPLE_ID.test(p.teamId)) problems.push(`platforms[${i}].teamId must be the 10-character Apple team id, got '${p.teamId}'`);
      if (!BUNDLE_ID.test(p.bundleId)) problems.push(`platforms[${i}].bundleId must be a bundle id such as com.example.app, got '${p.bundleId}'`);
    });
    if (problems.length > 0) throw new Error(`PushPlatformApplications: ${problems.join("; ")}`);

    for (const p of props.platforms) {
      const secret = (arn: string) => new DataAwsSecretsmanagerSecretVersion(this, `${p.name}-credential`, { secretId: arn }).secretString;
      const application =
        p.platform === "GCM"
          ? new SnsPlatformApplication(this, p.name, { name: `${props.namePrefix}-${p.name}`, platform: p.platform, platformCredential: secret(p.serviceAccountSecretArn) })
          : new SnsPlatformApplication(this, p.name, {
              name: `${props.namePrefix}-${p.name}`,
              platform: p.platform,
              platformCredential: secret(p.signingKeySecretArn),
              platformPrincipal: p.signingKeyId,
              applePlatformTeamId: p.teamId,
              applePlatformBundleId: p.bundleId,
            });
      this.applicationArns[p.name] = application.arn;
    }
  }
}
