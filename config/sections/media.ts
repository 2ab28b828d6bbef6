import { z } from "zod";
import { CHANNEL_CLASSES, DEFAULT_STARTOVER_WINDOW_HOURS, MAX_STARTOVER_WINDOW_HOURS, MEDIALIVE_CHANNEL_QUOTA } from "../../contracts";
import { DEFAULT_MEDIA_SETTINGS } from "../../contracts/settings-defaults";
import { httpsOrigin, networkCidr } from "../fields";

/**
 * Media pipeline settings: the MediaLive channel pool, its encoding ladder, ingest protection,
 * MediaPackage recording, the media buckets' lifecycles and CloudFront delivery.
 * There is no stream key here: every channel run gets a fresh one from `ops sessions reconcile`.
 */

const WORLD_CIDR = "0.0.0.0/0";
const DEFAULTS = DEFAULT_MEDIA_SETTINGS;
const LADDER = DEFAULTS.ladder;

const renditionSchema = z.strictObject({
  /** Short name used in MediaLive description names and HLS name modifiers, e.g. 720p. */
  name: z.string().regex(/^[a-z0-9]{2,16}$/, "expected 2-16 lower-case letters or digits, e.g. 720p"),
  width: z.number().int().min(160).max(1920),
  height: z.number().int().min(90).max(1080),
  /** Video bitrate in bits per second. */
  bitrateBps: z.number().int().min(100_000).max(8_000_000),
});

/**
 * The ladder defaults to the channel pool's HD ladder. A viewer watches one rendition: the top one
 * (3.0 Mbps video + 128 kbps AAC = 3.128 Mbps) is ~1.41 GB per hour, the design's "HD is about
 * 1.5 GB per hour".
 */
const ladderSchema = z
  .strictObject({
    renditions: z.array(renditionSchema).min(1).max(5).default(LADDER.renditions.map((r) => ({ ...r }))),
    /** AAC audio bitrate (bps), shared by every rendition. */
    audioBitrateBps: z.number().int().min(64_000).max(320_000).default(LADDER.audioBitrateBps),
    framerate: z.union([z.literal(25), z.literal(30), z.literal(50), z.literal(60)]).default(LADDER.framerate),
    /** HLS segment length in seconds; manifests are cached about this long at the edge. */
    segmentSeconds: z.number().int().min(1).max(10).default(LADDER.segmentSeconds),
  })
  .superRefine((l, ctx) => {
    const names = l.renditions.map((r) => r.name);
    if (new Set(names).size !== names.length) ctx.addIssue({ code: "custom", path: ["renditions"], message: `rendition names must be unique, got ${names.join(", ")}` });
  })
  .prefault({});

/** A PEM public key (SPKI) of a pair the backend signs playback URLs/cookies with. */
const publicKeyPem = z
  .string()
  .regex(/^-----BEGIN PUBLIC KEY-----\n[A-Za-z0-9+/=\n]+-----END PUBLIC KEY-----\n?$/, "expected a PEM public key (-----BEGIN PUBLIC KEY-----); never a private key");

export const mediaSchema = z
  .strictObject({
    /** MediaLive channels in the pool (prime time has several mentors streaming at once); at most channelQuota. */
    channelCount: z.number().int().min(1).default(1),
    /**
     * The account's MediaLive "Channels" quota in this region (Service Quotas L-D1AFAF75; 5 unless
     * raised). Raise it with AWS first, then here; `ops preflight` checks the account's real value.
     */
    channelQuota: z.number().int().min(1).max(1000).default(MEDIALIVE_CHANNEL_QUOTA),
    /**
     * SINGLE_PIPELINE is half the price. STANDARD runs two pipelines in two AZs and only helps when
     * the encoder pushes to both ingest URLs (a mobile app pushes once): docs/reliability.md.
     */
    channelClass: z.enum(CHANNEL_CLASSES).default(DEFAULTS.channelClass),
    ladder: ladderSchema,
    /**
     * CIDRs allowed to push RTMP to the inputs (mentors' encoders, office egress). No default: an
     * empty list would make the push input useless and a world-open one must be a decision.
     */
    inputAllowedCidrs: z.array(networkCidr).min(1, "list the CIDRs mentors' encoders push from (e.g. the office egress); use allowWorldIngest to open it to everyone"),
    /** Acknowledges that inputAllowedCidrs contains 0.0.0.0/0 (ingest open to the whole internet). */
    allowWorldIngest: z.boolean().default(DEFAULTS.allowWorldIngest),
    /** MediaPackage startover window: how long after a session a harvest job can still cut it. */
    startoverWindowHours: z.number().int().min(1).max(MAX_STARTOVER_WINDOW_HOURS, `MediaPackage allows at most 14 days (${MAX_STARTOVER_WINDOW_HOURS} h)`).default(DEFAULT_STARTOVER_WINDOW_HOURS),
    /** Live HLS segments in hls-bucket are deleted after this many days. */
    hlsRetentionDays: z.number().int().min(1).max(365).default(DEFAULTS.hlsRetentionDays),
    /** CloudFront access logs in cdn-log-bucket are deleted after this many days. */
    cdnLogRetentionDays: z.number().int().min(1).max(3650).default(DEFAULTS.cdnLogRetentionDays),
    /** Recordings move to the cheaper storage class after this many days (S3 needs >= 30 for STANDARD_IA). */
    recordedTransitionDays: z.number().int().min(30, "S3 transitions to STANDARD_IA need at least 30 days").default(DEFAULTS.recordedTransitionDays),
    /**
     * INTELLIGENT_TIERING by default: rewatch patterns are unknown and it has no retrieval fee;
     * STANDARD_IA is cheaper for recordings that are rarely watched again.
     */
    recordedStorageClass: z.enum(["INTELLIGENT_TIERING", "STANDARD_IA"]).default(DEFAULTS.recordedStorageClass),
    /** Overwritten or deleted recording versions are kept this long (recovery from mistakes). */
    recordedNoncurrentExpiryDays: z.number().int().min(1).default(DEFAULTS.recordedNoncurrentExpiryDays),
    /** PEM public key (SPKI) of the key pair the backend signs playback URLs/cookies with. */
    cdnPublicKeyPem: publicKeyPem,
    /**
     * Rotation: public keys CloudFront still trusts while URLs signed with them are alive. Move the
     * old key here when cdnPublicKeyPem gets the new one; drop it once those URLs have expired.
     */
    cdnRetiringPublicKeyPems: z.array(publicKeyPem).max(1, "CloudFront key groups take the current key and at most one retiring key here").default([]),
    /** Web player origins allowed by CORS, e.g. https://app.example.com. */
    corsAllowedOrigins: z.array(httpsOrigin).min(1, "list the web player origins (https://...)"),
    /** PriceClass_200 includes the Asian edges this platform's users need. */
    priceClass: z.enum(["PriceClass_100", "PriceClass_200", "PriceClass_All"]).default(DEFAULTS.priceClass),
    /** Optional country restriction for playback. */
    geoRestriction: z
      .strictObject({
        type: z.enum(["whitelist", "blacklist"]),
        locations: z.array(z.string().regex(/^[A-Z]{2}$/, "expected ISO 3166-1 alpha-2 codes such as SG")).min(1),
      })
      .optional(),
  })
  .superRefine((m, ctx) => {
    if (m.channelCount > m.channelQuota) {
      ctx.addIssue({
        code: "custom",
        path: ["channelCount"],
        message: `${m.channelCount} channels exceed media.channelQuota (${m.channelQuota}): raise the account's MediaLive Channels quota (Service Quotas L-D1AFAF75) with AWS, then set media.channelQuota`,
      });
    }
    if (m.inputAllowedCidrs.includes(WORLD_CIDR) && !m.allowWorldIngest) {
      ctx.addIssue({
        code: "custom",
        path: ["inputAllowedCidrs"],
        message: `${WORLD_CIDR} opens RTMP ingest to the whole internet; set media.allowWorldIngest to true to acknowledge, or list the encoders' CIDRs`,
      });
    }
  });

export type LadderConfig = z.output<typeof ladderSchema>;

/** Bytes per hour a viewer of the top rendition downloads (video + audio). */
export function topRenditionGbPerHour(ladder: LadderConfig): number {
  const top = Math.max(...ladder.renditions.map((r) => r.bitrateBps));
  return ((top + ladder.audioBitrateBps) * 3600) / 8 / 1e9;
}
