import type {
  MedialiveChannelEncoderSettings,
  MedialiveChannelEncoderSettingsOutputGroups,
  MedialiveChannelEncoderSettingsVideoDescriptions,
} from "@cdktf/provider-aws/lib/medialive-channel";

/** One rung of the adaptive-bitrate ladder. */
export interface Rendition {
  /** Short name, e.g. 720p; used in description and output names. */
  readonly name: string;
  readonly width: number;
  readonly height: number;
  /** Video bitrate, bits per second. */
  readonly bitrateBps: number;
}

/** The encoding ladder every pool channel uses. */
export interface Ladder {
  readonly renditions: readonly Rendition[];
  readonly audioBitrateBps: number;
  readonly framerate: number;
  readonly segmentSeconds: number;
}

/** Destination ids inside a channel. */
export const HLS_DESTINATION = "hls-bucket";
export const MEDIAPACKAGE_DESTINATION = "mediapackage";
export const AUDIO_DESCRIPTION = "audio_aac";
export const AUDIO_SELECTOR = "default";

const videoName = (r: Rendition) => `video_${r.name}`;

function videoDescription(r: Rendition, ladder: Ladder): MedialiveChannelEncoderSettingsVideoDescriptions {
  return {
    name: videoName(r),
    width: r.width,
    height: r.height,
    respondToAfd: "NONE",
    scalingBehavior: "DEFAULT",
    sharpness: 50,
    codecSettings: {
      h264Settings: {
        // CBR keeps the bytes per hour predictable (the cost model prices GB per viewer hour).
        rateControlMode: "CBR",
        bitrate: r.bitrateBps,
        bufSize: r.bitrateBps * 2,
        framerateControl: "SPECIFIED",
        framerateNumerator: ladder.framerate,
        framerateDenominator: 1,
        parControl: "SPECIFIED",
        parNumerator: 1,
        parDenominator: 1,
        // A GOP length that divides the segment length, so every segment starts on a key frame.
        gopSize: ladder.segmentSeconds % 2 === 0 ? 2 : 1,
        gopSizeUnits: "SECONDS",
        gopNumBFrames: 2,
        profile: r.height >= 720 ? "HIGH" : "MAIN",
        level: "H264_LEVEL_AUTO",
        entropyEncoding: "CABAC",
        scanType: "PROGRESSIVE",
        sceneChangeDetect: "ENABLED",
        lookAheadRateControl: "MEDIUM",
        adaptiveQuantization: "AUTO",
        afdSignaling: "NONE",
        colorMetadata: "INSERT",
        timecodeInsertion: "DISABLED",
      },
    },
  };
}

/** How the HLS output group treats the second pipeline of a STANDARD channel. */
export interface PipelineRedundancy {
  /** True for STANDARD channels (two pipelines writing side by side). */
  readonly redundantManifests: boolean;
}

function hlsOutputGroup(ladder: Ladder, redundancy: PipelineRedundancy): MedialiveChannelEncoderSettingsOutputGroups {
  return {
    name: "hls-bucket",
    outputGroupSettings: {
      hlsGroupSettings: {
        destination: { destinationRefId: HLS_DESTINATION },
        // S3 through MediaLive's s3ssl:// destinations; no canned ACL: the bucket disables ACLs.
        hlsCdnSettings: [{ hlsS3Settings: {} }],
        mode: "LIVE",
        segmentLength: ladder.segmentSeconds,
        indexNSegments: 10,
        keepSegments: 21,
        manifestDurationFormat: "INTEGER",
        outputSelection: "MANIFESTS_AND_SEGMENTS",
        programDateTime: "INCLUDE",
        directoryStructure: "SINGLE_DIRECTORY",
        tsFileMode: "SEGMENTED_FILES",
        streamInfResolution: "INCLUDE",
        codecSpecification: "RFC_4281",
        clientCache: "ENABLED",
        // STANDARD: each pipeline's main manifest also lists the other pipeline's child manifests, so a
        // player reading pipeline 0's index.m3u8 can switch to pipeline 1 when pipeline 0's playlists
        // fail or stop advancing (MediaLive User Guide, "Creating redundant HLS manifests"); a pipeline
        // in input loss pauses instead of publishing slate, so the player sees it stop and switches.
        // SINGLE_PIPELINE: there is nothing to switch to, so slate keeps the player attached.
        ...(redundancy.redundantManifests ? { redundantManifest: "ENABLED", inputLossAction: "PAUSE_OUTPUT" } : { inputLossAction: "EMIT_OUTPUT" }),
      },
    },
    outputs: ladder.renditions.map((r) => ({
      outputName: `hls_${r.name}`,
      videoDescriptionName: videoName(r),
      audioDescriptionNames: [AUDIO_DESCRIPTION],
      outputSettings: {
        hlsOutputSettings: {
          nameModifier: `_${r.name}`,
          hlsSettings: {
            standardHlsSettings: {
              audioRenditionSets: "program_audio",
              m3U8Settings: {
                audioFramesPerPes: 4,
                pcrControl: "PCR_EVERY_PES_PACKET",
                programNum: 1,
                scte35Behavior: "NO_PASSTHROUGH",
                timedMetadataBehavior: "NO_PASSTHROUGH",
              },
            },
          },
        },
      },
    })),
  };
}

function mediaPackageOutputGroup(ladder: Ladder): MedialiveChannelEncoderSettingsOutputGroups {
  return {
    name: "mediapackage",
    outputGroupSettings: { mediaPackageGroupSettings: { destination: { destinationRefId: MEDIAPACKAGE_DESTINATION } } },
    outputs: ladder.renditions.map((r) => ({
      outputName: `mp_${r.name}`,
      videoDescriptionName: videoName(r),
      audioDescriptionNames: [AUDIO_DESCRIPTION],
      outputSettings: { mediaPackageOutputSettings: {} },
    })),
  };
}

/**
 * Encoder settings for one pool channel: the ladder's H.264 renditions and one shared AAC stereo
 * encode, sent to two output groups: HLS to hls-bucket (live playback through CloudFront) and
 * MediaPackage (the startover window that harvest jobs cut recordings from). Both groups share the
 * same encodes, so the second group costs output charges but no extra encoding.
 */
export function encoderSettings(ladder: Ladder, redundancy: PipelineRedundancy = { redundantManifests: false }): MedialiveChannelEncoderSettings {
  if (ladder.renditions.length === 0) throw new Error("encoderSettings: ladder.renditions must hold at least one rendition");
  if (!Number.isInteger(ladder.segmentSeconds) || ladder.segmentSeconds < 1) throw new Error(`encoderSettings: ladder.segmentSeconds must be a whole number >= 1, got ${ladder.segmentSeconds}`);
  return {
    timecodeConfig: { source: "SYSTEMCLOCK" },
    audioDescriptions: [
      {
        name: AUDIO_DESCRIPTION,
        audioSelectorName: AUDIO_SELECTOR,
        audioTypeControl: "FOLLOW_INPUT",
        languageCodeControl: "FOLLOW_INPUT",
        codecSettings: {
          aacSettings: {
            bitrate: ladder.audioBitrateBps,
            codingMode: "CODING_MODE_2_0",
            inputType: "NORMAL",
            profile: "LC",
            rateControlMode: "CBR",
            rawFormat: "NONE",
            sampleRate: 48000,
            spec: "MPEG4",
          },
        },
      },
    ],
    videoDescriptions: ladder.renditions.map((r) => videoDescription(r, ladder)),
    outputGroups: [hlsOutputGroup(ladder, redundancy), mediaPackageOutputGroup(ladder)],
  };
}
