/** S3 key layout shared by MediaLive outputs, harvest jobs, the indexer, CloudFront and bucket policies. */

/** Live HLS from the channels, in hls-bucket: `live/<channel>/...`. */
export const LIVE_PREFIX = "live/";
/** Harvested recordings, in recorded-media-bucket: `sessions/<sessionId>/...`. */
export const SESSIONS_PREFIX = "sessions/";
/** File name of a session's master manifest (the playlist of every rendition). */
export const MASTER_MANIFEST = "index.m3u8";

/** The key a session's harvested master manifest is written to. */
export const sessionManifestKey = (sessionId: string): string => `${SESSIONS_PREFIX}${sessionId}/${MASTER_MANIFEST}`;

/** An S3 bucket name as both the config and the CLI accept it: 3-63 lower-case letters, digits, dots and hyphens, a letter or digit at each end (S3 User Guide, "Bucket naming rules"). */
export const S3_BUCKET_NAME = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;
