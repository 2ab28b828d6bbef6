import { notificationsSchema } from "./notifications";

const SECRET = "arn:aws:secretsmanager:ap-southeast-1:111111111111:secret:push-AbCdEf";
const messages = (raw: unknown) => {
  const r = notificationsSchema.safeParse(raw);
  return r.success ? [] : r.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
};

describe("notifications config", () => {
  test("FCM HTTP v1 and APNs token credentials are accepted", () => {
    const parsed = notificationsSchema.parse({
      platforms: [
        { name: "android", platform: "GCM", serviceAccountSecretArn: SECRET },
        { name: "ios", platform: "APNS", signingKeySecretArn: SECRET, signingKeyId: "ABCDE12345", teamId: "TEAM123456", bundleId: "com.example.mentoring" },
      ],
    });
    expect(parsed.platforms.map((p) => p.platform)).toEqual(["GCM", "APNS"]);
    expect(notificationsSchema.parse(undefined)).toEqual({ platforms: [] });
  });

  test("legacy credentials (FCM server key, APNs certificate) are refused, naming the fields", () => {
    expect(messages({ platforms: [{ name: "android", platform: "GCM", credentialSecretArn: SECRET }] })).toEqual([
      "platforms.0.serviceAccountSecretArn: Invalid input: expected string, received undefined",
      'platforms.0: Unrecognized key: "credentialSecretArn"',
    ]);
    expect(messages({ platforms: [{ name: "ios", platform: "APNS", signingKeySecretArn: SECRET, principalSecretArn: SECRET, signingKeyId: "ABCDE12345", teamId: "TEAM123456", bundleId: "com.example.app" }] })).toEqual([
      'platforms.0: Unrecognized key: "principalSecretArn"',
    ]);
  });

  test("APNs ids, bundle ids and duplicate names are checked", () => {
    expect(messages({ platforms: [{ name: "ios", platform: "APNS", signingKeySecretArn: SECRET, signingKeyId: "abc", teamId: "TEAM123456", bundleId: "nodots" }] }).map((m) => m.split(":")[0])).toEqual([
      "platforms.0.signingKeyId",
      "platforms.0.bundleId",
    ]);
    expect(messages({ platforms: [{ name: "a", platform: "GCM", serviceAccountSecretArn: SECRET }, { name: "a", platform: "GCM", serviceAccountSecretArn: SECRET }] })).toEqual([
      "platforms.1.name: platform name 'a' is used twice",
    ]);
  });
});
