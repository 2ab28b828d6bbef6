import { Testing } from "cdktf";
import { MediaPackageRecording, type MediaPackageRecordingProps } from "./index";
import { statementsOf } from "../iam-policy/testing";

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const all = (json: Json, type: string): Json[] => Object.values(json.resource?.[type] ?? {});
const RECORDED = "arn:aws:s3:::livestream-test-recorded-media-111111111111";
const synth = (p: Partial<MediaPackageRecordingProps> = {}): Json =>
  JSON.parse(
    Testing.synthScope((scope) => void new MediaPackageRecording(scope, "mp", { namePrefix: "livestream-test", channelCount: 2, recordedBucketArn: RECORDED, ...p })),
  );

describe("MediaPackageRecording", () => {
  const json = synth();
  const templates = all(json, "aws_cloudformation_stack").map((s) => JSON.parse(s.template_body));

  test("one v1 channel and one CloudFormation-held HLS origin endpoint per pool channel", () => {
    expect(all(json, "aws_media_package_channel").map((c) => c.channel_id).sort()).toEqual(["livestream-test-ch0", "livestream-test-ch1"]);
    expect(templates).toHaveLength(2);
    for (const t of templates) expect(t.Resources.OriginEndpoint.Type).toBe("AWS::MediaPackage::OriginEndpoint");
  });

  test("the endpoint keeps a 24 h startover window and stays closed to viewers", () => {
    for (const t of templates) {
      const p = t.Resources.OriginEndpoint.Properties;
      expect(p.StartoverWindowSeconds).toBe(86400);
      expect(p.Origination).toBe("DENY");
      expect(p.HlsPackage.SegmentDurationSeconds).toBe(6);
      // A sliding live window: an EVENT playlist only grows.
      expect(p.HlsPackage.PlaylistType).toBe("NONE");
      expect(p.HlsPackage.PlaylistWindowSeconds).toBe(60);
      expect(p.ChannelId).toMatch(/^\$\{aws_media_package_channel\.[^.]+\.channel_id\}$/);
      expect(Object.keys(t.Outputs).sort()).toEqual(["EndpointArn", "EndpointId", "EndpointUrl"]);
    }
    expect(templates.map((t) => t.Resources.OriginEndpoint.Properties.Id).sort()).toEqual(["livestream-test-ch0-hls", "livestream-test-ch1-hls"]);
  });

  test("the startover window follows the prop and is bounded by MediaPackage's 14 days", () => {
    const t = JSON.parse(all(synth({ startoverWindowHours: 48 }), "aws_cloudformation_stack")[0].template_body);
    expect(t.Resources.OriginEndpoint.Properties.StartoverWindowSeconds).toBe(172800);
    expect(() => synth({ startoverWindowHours: 337 })).toThrow(/startoverWindowHours/);
    expect(() => synth({ channelCount: 0 })).toThrow(/channelCount/);
  });

  test("the harvest role: MediaPackage's documented trust and live-to-VOD policy, objects only under sessions/", () => {
    const [role] = all(json, "aws_iam_role");
    const [trust] = statementsOf(role.assume_role_policy);
    expect(trust.Principal).toEqual({ Service: "mediapackage.amazonaws.com" });
    // MediaPackage documents no aws:SourceAccount/aws:SourceArn on AssumeRole: a condition on them fails every harvest.
    expect(trust.Condition).toBeUndefined();
    const access = statementsOf(all(json, "aws_iam_role_policy")[0].policy);
    expect(access.find((s) => s.Sid === "WriteRecordings")!.Resource).toEqual([`${RECORDED}/sessions/*`]);
    // The documented policy lists the bucket without an s3:prefix condition.
    const list = access.find((s) => s.Action.includes("s3:ListBucket"))!;
    expect(list.Resource).toEqual([RECORDED]);
    expect(list.Condition).toBeUndefined();
    expect(access.flatMap((s) => s.Action).sort()).toEqual(["s3:GetBucketLocation", "s3:ListBucket", "s3:PutObject"]);
  });
});
