import { Testing } from "cdktf";
import { MediaChannelPool, type MediaChannelPoolProps } from "./index";
import { statementsOf } from "../iam-policy/testing";

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const all = (json: Json, type: string): Json[] => Object.values(json.resource?.[type] ?? {});

const targets = (n: number) =>
  Array.from({ length: n }, (_, i) => ({
    channelId: `livestream-test-ch${i}`,
    channelArn: `arn:aws:mediapackage:ap-southeast-1:111111111111:channels/abc${i}`,
    endpointId: `livestream-test-ch${i}-hls`,
  }));

function props(overrides: Partial<MediaChannelPoolProps> = {}): MediaChannelPoolProps {
  const channelCount = overrides.channelCount ?? 3;
  return {
    namePrefix: "livestream-test",
    poolName: "test",
    accountId: "111111111111",
    region: "ap-southeast-1",
    channelCount,
    inputAllowedCidrs: ["203.0.113.0/24", "198.51.100.7/32"],
    hlsBucketName: "livestream-test-hls-111111111111",
    hlsBucketArn: "arn:aws:s3:::livestream-test-hls-111111111111",
    mediaPackageTargets: targets(channelCount),
    ...overrides,
  };
}
const synth = (overrides: Partial<MediaChannelPoolProps> = {}): Json =>
  JSON.parse(Testing.synthScope((scope) => void new MediaChannelPool(scope, "pool", props(overrides))));

describe("MediaChannelPool", () => {
  const json = synth();
  const channels = all(json, "aws_medialive_channel").sort((a, b) => a.name.localeCompare(b.name));

  test("one channel and one RTMP push input per pool slot, behind one input security group", () => {
    expect(channels.map((c) => c.name)).toEqual(["livestream-test-ch0", "livestream-test-ch1", "livestream-test-ch2"]);
    expect(all(json, "aws_medialive_input")).toHaveLength(3);
    expect(all(json, "aws_medialive_input").every((i) => i.type === "RTMP_PUSH")).toBe(true);
    expect(all(json, "aws_medialive_input_security_group")).toHaveLength(1);
  });

  test("the input security group admits only the configured CIDRs", () => {
    const [sg] = all(json, "aws_medialive_input_security_group");
    expect(sg.whitelist_rules).toEqual([{ cidr: "203.0.113.0/24" }, { cidr: "198.51.100.7/32" }]);
    for (const input of all(json, "aws_medialive_input")) expect(input.input_security_groups).toHaveLength(1);
  });

  test("inputs start with a random placeholder key (nothing static, nothing shared) and Terraform leaves the keys to the reconcile pass", () => {
    for (const input of all(json, "aws_medialive_input")) {
      expect(input.destinations).toEqual([{ stream_name: "live/${uuid()}" }]);
      expect(input.lifecycle.ignore_changes).toEqual(["destinations"]);
    }
    expect(JSON.stringify(json)).not.toMatch(/stream_key|secretsmanager/);
  });

  test("channels never start on deploy and ignore start_channel drift", () => {
    for (const c of channels) {
      expect(c.start_channel).toBe(false);
      expect(c.lifecycle.ignore_changes).toEqual(["start_channel"]);
    }
  });

  test("tags carry the pool, the index and the MediaPackage ids the ops CLI needs", () => {
    channels.forEach((c, i) =>
      expect(c.tags).toEqual({
        "livestream:pool": "test",
        "livestream:channel-index": String(i),
        "livestream:mediapackage-channel": `livestream-test-ch${i}`,
        "livestream:origin-endpoint": `livestream-test-ch${i}-hls`,
      }),
    );
  });

  test("two output groups: HLS to hls-bucket under live/<channel>/ and the channel's MediaPackage channel", () => {
    channels.forEach((c, i) => {
      const groups = c.encoder_settings.output_groups;
      expect(groups).toHaveLength(2);
      expect(groups[0].output_group_settings.hls_group_settings.destination.destination_ref_id).toBe("hls-bucket");
      expect(groups[0].output_group_settings.hls_group_settings.hls_cdn_settings).toEqual([{ hls_s3_settings: {} }]);
      expect(groups[1].output_group_settings.media_package_group_settings.destination.destination_ref_id).toBe("mediapackage");
      const hls = c.destinations.find((d: Json) => d.id === "hls-bucket");
      expect(hls.settings).toEqual([{ url: `s3ssl://livestream-test-hls-111111111111/live/livestream-test-ch${i}/index` }]);
      const mp = c.destinations.find((d: Json) => d.id === "mediapackage");
      expect(mp.media_package_settings).toEqual([{ channel_id: `livestream-test-ch${i}` }]);
    });
  });

  test("the default ladder encodes 720p/540p/360p H.264 at 3.0/1.8/0.8 Mbps and 128 kbps AAC", () => {
    const enc = channels[0].encoder_settings;
    expect(enc.video_descriptions.map((v: Json) => [v.height, v.codec_settings.h264_settings.bitrate])).toEqual([
      [720, 3_000_000],
      [540, 1_800_000],
      [360, 800_000],
    ]);
    expect(enc.audio_descriptions[0].codec_settings.aac_settings.bitrate).toBe(128000);
    // Each output group has one output per rendition.
    for (const g of enc.output_groups) expect(g.outputs).toHaveLength(3);
    expect(channels[0].channel_class).toBe("SINGLE_PIPELINE");
  });

  test("STANDARD channels get two input destinations and two HLS paths (one per pipeline)", () => {
    const std = synth({ channelCount: 1, channelClass: "STANDARD" });
    const [c] = all(std, "aws_medialive_channel");
    expect(c.channel_class).toBe("STANDARD");
    expect(c.destinations.find((d: Json) => d.id === "hls-bucket").settings).toHaveLength(2);
    // Distinct entries: Terraform sets would collapse two identical destinations into one.
    expect(all(std, "aws_medialive_input")[0].destinations).toEqual([{ stream_name: "live/${uuid()}" }, { stream_name: "backup/${uuid()}" }]);
  });

  test("the MediaLive role writes only live/ of hls-bucket and describes only its MediaPackage channels", () => {
    const statements = statementsOf(all(json, "aws_iam_role_policy")[0].policy);
    const write = statements.find((s) => s.Sid === "WriteLiveHls")!;
    expect(write.Resource).toEqual(["arn:aws:s3:::livestream-test-hls-111111111111/live/*"]);
    expect(statements.find((s) => s.Sid === "DescribeOwnMediaPackageChannels")!.Resource).toEqual(targets(3).map((t) => t.channelArn));
    // Only logs:DescribeLogGroups, which takes no resource type, is on "*" (medialive-role.test.ts).
    for (const s of statements.filter((x) => x.Sid !== "FindChannelLogGroup")) for (const r of s.Resource) expect(r).not.toBe("*");
    const [trust] = statementsOf(all(json, "aws_iam_role")[0].assume_role_policy);
    expect(trust.Principal).toEqual({ Service: "medialive.amazonaws.com" });
  });

  test("invalid props are refused, naming them", () => {
    expect(() => synth({ channelCount: 0, mediaPackageTargets: targets(0) })).toThrow(/channelCount must be a whole number of at least 1/);
    // The account's quota is the configuration's to check (media.channelQuota), not the construct's.
    expect(() => synth({ channelCount: 6, mediaPackageTargets: targets(6) })).not.toThrow();
    expect(() => synth({ channelCount: 2, mediaPackageTargets: targets(1) })).toThrow(/mediaPackageTargets/);
    expect(() => synth({ inputAllowedCidrs: [] })).toThrow(/inputAllowedCidrs/);
  });

  test("a world-open ingest needs allowWorldIngest and then warns loudly with the pool and field", () => {
    expect(() => synth({ inputAllowedCidrs: ["0.0.0.0/0"] })).toThrow(/allowWorldIngest/);
    const warn = jest.spyOn(console, "warn").mockImplementation(() => undefined);
    try {
      synth({ inputAllowedCidrs: ["0.0.0.0/0"], allowWorldIngest: true });
      expect(warn).toHaveBeenCalledTimes(1);
      expect(warn.mock.calls[0][0]).toMatch(/\[test\] media\.inputAllowedCidrs contains 0\.0\.0\.0\/0/);
    } finally {
      warn.mockRestore();
    }
  });
});
