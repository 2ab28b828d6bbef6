import { z } from "zod";

/**
 * Mobile push platforms (SNS platform applications). Credentials are never here: only the ARNs of
 * the Secrets Manager secrets holding them, read when Terraform plans. Identifiers that are not
 * secret (APNs key id, team id, bundle id) are plain settings.
 */

const secretArn = z.string().regex(/^arn:aws[\w-]*:secretsmanager:[a-z0-9-]+:\d{12}:secret:.+$/, "expected a Secrets Manager secret ARN");
const platformName = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, "expected 1-64 letters, digits, '_' or '-'");
const appleId = z.string().regex(/^[A-Z0-9]{10}$/, "expected Apple's 10-character id (capital letters and digits)");

/** Firebase Cloud Messaging through the HTTP v1 API: SNS takes the service-account JSON. */
const fcmPlatformSchema = z.strictObject({
  name: platformName,
  platform: z.literal("GCM"),
  /** Secret whose SecretString is the Firebase service-account JSON key file (FCM HTTP v1). */
  serviceAccountSecretArn: secretArn,
});

/** APNs with token credentials: the .p8 signing key, its key id, the team id and the app's bundle id. */
const apnsPlatformSchema = z.strictObject({
  name: platformName,
  platform: z.enum(["APNS", "APNS_SANDBOX"]),
  /** Secret whose SecretString is the APNs signing key (.p8 file contents). */
  signingKeySecretArn: secretArn,
  /** Key id of the signing key (Apple Developer account, Keys). */
  signingKeyId: appleId,
  /** Apple Developer team id. */
  teamId: appleId,
  /** Bundle id of the app receiving the notifications, e.g. com.example.mentoring. */
  bundleId: z.string().regex(/^[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$/, "expected a bundle id such as com.example.mentoring"),
});

const pushPlatformSchema = z.discriminatedUnion("platform", [fcmPlatformSchema, apnsPlatformSchema]);

export const notificationsSchema = z
  .strictObject({
    /** Mobile push platforms; none by default (and then nothing needs AWS at plan time). */
    platforms: z
      .array(pushPlatformSchema)
      .default([])
      .superRefine((platforms, ctx) => {
        const seen = new Set<string>();
        platforms.forEach((p, i) => {
          if (seen.has(p.name)) ctx.addIssue({ code: "custom", path: [i, "name"], message: `platform name '${p.name}' is used twice` });
          seen.add(p.name);
        });
      }),
  })
  .prefault({});

