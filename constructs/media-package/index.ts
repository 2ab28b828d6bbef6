import { Construct } from "constructs";
import { CloudformationStack } from "@cdktf/provider-aws/lib/cloudformation-stack";
import { MediaPackageChannel } from "@cdktf/provider-aws/lib/media-package-channel";
import { DEFAULT_STARTOVER_WINDOW_HOURS, MAX_STARTOVER_WINDOW_HOURS } from "../../contracts";
import { HarvestRole } from "./harvest-role";
import { originEndpointTemplate } from "./origin-endpoint-template";

export interface MediaPackageRecordingProps {
  /** Prefix of every name, e.g. `livestream-dev`. */
  readonly namePrefix: string;
  /** One MediaPackage channel and endpoint per MediaLive channel of the pool (at least 1). */
  readonly channelCount: number;
  /** ARN of recorded-media-bucket, where harvest jobs write. */
  readonly recordedBucketArn: string;
  /** Startover window: how long after a live moment it can still be harvested. @default DEFAULT_STARTOVER_WINDOW_HOURS (24) */
  readonly startoverWindowHours?: number;
  /** HLS segment duration of the endpoint. @default 6 */
  readonly segmentDurationSeconds?: number;
  /** Live playlist window of the endpoint. @default 60 */
  readonly playlistWindowSeconds?: number;
  /**
   * Let viewers request the endpoint. Off: live playback comes from hls-bucket through CloudFront
   * and harvest jobs do not need origination, so the endpoint stays closed.
   * @default false
   */
  readonly allowOrigination?: boolean;
  /** CDN authorization (header secret) if origination is allowed. @default none */
  readonly authorization?: { readonly cdnIdentifierSecretArn: string; readonly secretsRoleArn: string };
}

/** What the pool and the ops CLI need about one packaged channel. */
export interface PackagedChannel {
  /** MediaPackage v1 channel id (the MediaLive MediaPackage destination). */
  readonly channelId: string;
  readonly channelArn: string;
  /** Origin endpoint id (CreateHarvestJob's OriginEndpointId); known at plan time. */
  readonly endpointId: string;
  readonly endpointArn: string;
  readonly endpointUrl: string;
}

/**
 * MediaPackage (v1) for recording: per pool channel a channel and an HLS origin endpoint with a
 * startover window, and the role harvest jobs use to write recordings to recorded-media-bucket.
 */
export class MediaPackageRecording extends Construct {
  readonly channels: PackagedChannel[];
  /** Role ARN the ops CLI passes to CreateHarvestJob. */
  readonly harvestRoleArn: string;

  constructor(scope: Construct, id: string, props: MediaPackageRecordingProps) {
    super(scope, id);
    const hours = props.startoverWindowHours ?? DEFAULT_STARTOVER_WINDOW_HOURS;
    if (!Number.isInteger(props.channelCount) || props.channelCount < 1) {
      throw new Error(`MediaPackageRecording: channelCount must be a whole number of at least 1, got ${props.channelCount}`);
    }
    if (!Number.isInteger(hours) || hours < 1 || hours > MAX_STARTOVER_WINDOW_HOURS) {
      throw new Error(`MediaPackageRecording: startoverWindowHours must be 1-${MAX_STARTOVER_WINDOW_HOURS} (MediaPackage's 14-day limit), got ${hours}`);
    }
    if (props.authorization && !props.allowOrigination) {
      throw new Error("MediaPackageRecording: authorization only applies when allowOrigination is true");
    }

    const harvestRole = new HarvestRole(this, "harvest-role", {
      roleName: `${props.namePrefix}-mediapackage-harvest`,
      recordedBucketArn: props.recordedBucketArn,
    });
    this.harvestRoleArn = harvestRole.roleArn;

    this.channels = Array.from({ length: props.channelCount }, (_, index) => {
      const channelId = `${props.namePrefix}-ch${index}`;
      const endpointId = `${channelId}-hls`;
      const channel = new MediaPackageChannel(this, `channel-${index}`, {
        channelId,
        description: `Recording feed of MediaLive pool channel ${index}`,
      });
      const template = originEndpointTemplate({
        endpointId,
        // The attribute (not the literal) so the stack waits for the channel.
        channelId: channel.channelId,
        startoverWindowSeconds: hours * 3600,
        segmentDurationSeconds: props.segmentDurationSeconds ?? 6,
        playlistWindowSeconds: props.playlistWindowSeconds ?? 60,
        origination: props.allowOrigination ? "ALLOW" : "DENY",
        authorization: props.authorization,
      });
      const stack = new CloudformationStack(this, `origin-endpoint-${index}`, {
        name: `${endpointId}-endpoint`,
        templateBody: JSON.stringify(template),
      });
      return {
        // The attribute (same value as the literal) so MediaLive destinations wait for the channel.
        channelId: channel.channelId,
        channelArn: channel.arn,
        endpointId,
        endpointArn: stack.outputs.lookup("EndpointArn"),
        endpointUrl: stack.outputs.lookup("EndpointUrl"),
      };
    });
  }
}
