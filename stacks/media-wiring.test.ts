/** The media path as wired in the real stacks, from the real dev and prod configuration. */
import { App, Testing } from "cdktf";
import { loadEnvironment } from "../config/load";
import { statementWithSid } from "../constructs/iam-policy/testing";
import { LivestreamStack } from "./livestream-stack";

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- synthesized Terraform JSON is untyped
type Json = any;

function synthEnvironment(env: string): Json {
  const app = new App({ outdir: "/tmp/unused", skipValidation: true });
  const stack = new LivestreamStack(app, `livestream-${env}`, { config: loadEnvironment(env), offline: true });
  return JSON.parse(Testing.synth(stack));
}

describe.each(["dev", "prod"])("%s stack", (env) => {
  const json = synthEnvironment(env);
  const r = json.resource;

  test("CloudFront standard logging waits for the log bucket's ACLs to be on", () => {
    const logBucket = Object.keys(r.aws_s3_bucket).find((k) => r.aws_s3_bucket[k].bucket.startsWith(`livestream-${env}-cdn-logs-`))!;
    const ownership = Object.keys(r.aws_s3_bucket_ownership_controls).find((k) => r.aws_s3_bucket_ownership_controls[k].bucket === `\${aws_s3_bucket.${logBucket}.id}`)!;
    expect(r.aws_s3_bucket_ownership_controls[ownership].rule.object_ownership).toBe("BucketOwnerPreferred");
    const [distribution] = Object.values(r.aws_cloudfront_distribution) as Json[];
    expect(distribution.logging_config.bucket).toBe(`\${aws_s3_bucket.${logBucket}.bucket_domain_name}`);
    expect(distribution.depends_on).toEqual(expect.arrayContaining([`aws_s3_bucket_ownership_controls.${ownership}`]));
  });
});

describe.each([
  ["SINGLE_PIPELINE", 1],
  ["STANDARD", 2],
] as const)("live playback with %s channels", (channelClass, pipelines) => {
  const config = loadEnvironment("prod");
  const app = new App({ outdir: "/tmp/unused", skipValidation: true });
  const stack = new LivestreamStack(app, "livestream-prod", { config: { ...config, media: { ...config.media, channelClass } }, offline: true });
  const json: Json = JSON.parse(Testing.synth(stack));
  const channels = Object.values(json.resource.aws_medialive_channel) as Json[];
  const hlsGroup = (c: Json) => c.encoder_settings.output_groups.find((g: Json) => g.output_group_settings.hls_group_settings).output_group_settings.hls_group_settings;

  test(`each channel writes ${pipelines} pipeline(s) side by side in its live/ folder`, () => {
    for (const c of channels) {
      const urls = c.destinations.find((d: Json) => d.id === "hls-bucket").settings.map((s: Json) => s.url);
      expect(urls).toEqual(["index", "standby"].slice(0, pipelines).map((base) => expect.stringMatching(new RegExp(`^s3ssl://.+/live/${c.name}/${base}$`))));
    }
  });

  test(pipelines === 2 ? "players of pipeline 0's index.m3u8 can switch to pipeline 1: redundant manifests, output paused on input loss" : "a single pipeline keeps publishing slate on input loss", () => {
    for (const c of channels) {
      expect(hlsGroup(c).redundant_manifest).toBe(pipelines === 2 ? "ENABLED" : undefined);
      expect(hlsGroup(c).input_loss_action).toBe(pipelines === 2 ? "PAUSE_OUTPUT" : "EMIT_OUTPUT");
    }
  });

  test("CloudFront may read, and MediaLive may write, both pipelines' playlists and segments", () => {
    const policy = (type: string, key: string) => Object.entries(json.resource[type] as Record<string, Json>).find(([k]) => k.includes(key))![1].policy;
    expect(statementWithSid(policy("aws_s3_bucket_policy", "hls-bucket-policy"), "AllowCloudFrontOacRead").Resource).toEqual([expect.stringMatching(/\/live\/\*$/)]);
    expect(statementWithSid(policy("aws_iam_role_policy", "media-channel-pool_role_policy"), "WriteLiveHls").Resource).toEqual([expect.stringMatching(/\/live\/\*$/)]);
    const [distribution] = Object.values(json.resource.aws_cloudfront_distribution) as Json[];
    expect(distribution.ordered_cache_behavior.map((b: Json) => b.path_pattern)).toEqual(expect.arrayContaining(["live/*.m3u8", "live/*"]));
  });
});
