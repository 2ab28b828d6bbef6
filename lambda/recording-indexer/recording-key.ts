/**
 * Pure rules about recording keys in `recorded-media-bucket`: which keys are session manifests, which
 * session they belong to, and which manifest of a session is "the" recording (the master).
 */

/** A key the indexer cannot use; retrying never helps. */
export class MalformedKeyError extends Error {
  readonly permanent = true;
  constructor(readonly key: string, reason: string) {
    super(`malformed recording key '${key}': ${reason}`);
    this.name = "MalformedKeyError";
  }
}

export interface RecordingKey {
  /** The decoded object key, e.g. sessions/abc/2030-01-01/index.m3u8 */
  readonly key: string;
  readonly sessionId: string;
  /** The file name is the master manifest's name (index.m3u8 by default). */
  readonly isMaster: boolean;
  /** Folders below sessions/<id>/ (0 for sessions/<id>/index.m3u8). */
  readonly depth: number;
}

/** Same character rule as the live_sessions.id CHECK constraint. */
const SESSION_ID = /^[A-Za-z0-9][A-Za-z0-9_-]{0,127}$/;
export const DEFAULT_MASTER_MANIFEST = "index.m3u8";

/** S3 event keys are form-encoded ('+' for space, %XX for the rest). */
export function decodeS3EventKey(raw: string): string {
  try {
    return decodeURIComponent(raw.replace(/\+/g, " "));
  } catch {
    throw new MalformedKeyError(raw, "invalid percent-encoding");
  }
}

/** Parses an already-decoded key `sessions/<sessionId>/[folders/]<name>.m3u8`. */
export function parseRecordingKey(key: string, masterManifest: string = DEFAULT_MASTER_MANIFEST): RecordingKey {
  const parts = key.split("/");
  if (parts[0] !== "sessions") throw new MalformedKeyError(key, "expected it to start with sessions/");
  if (parts.length < 3) throw new MalformedKeyError(key, "expected sessions/<sessionId>/.../<name>.m3u8");
  const sessionId = parts[1]!;
  if (!SESSION_ID.test(sessionId)) {
    throw new MalformedKeyError(key, `session id '${sessionId}' must be 1-128 letters, digits, '-' or '_'`);
  }
  const rest = parts.slice(2);
  if (rest.some((p) => p === "" || p === "." || p === "..")) throw new MalformedKeyError(key, "empty, '.' or '..' path segment");
  // Control characters never come from MediaPackage and would corrupt URLs and logs.
  if (/[\u0000-\u001f\u007f]/.test(key)) throw new MalformedKeyError(key, "control characters");
  const name = rest[rest.length - 1]!;
  if (!name.endsWith(".m3u8") || name === ".m3u8") throw new MalformedKeyError(key, "expected an .m3u8 manifest");
  return { key, sessionId, isMaster: name === masterManifest, depth: rest.length - 1 };
}

/**
 * Total order on a session's manifests, best first: the master name, then the shallowest, then the
 * shortest key, then the alphabetically first. Total, so the winner does not depend on the order in
 * which S3 delivers events (deliveries are unordered and may repeat).
 */
export function compareManifests(a: RecordingKey, b: RecordingKey): number {
  if (a.isMaster !== b.isMaster) return a.isMaster ? -1 : 1;
  if (a.depth !== b.depth) return a.depth - b.depth;
  if (a.key.length !== b.key.length) return a.key.length - b.key.length;
  return a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
}

/** s3://bucket/key (the key as stored, not URL-encoded). */
export function s3Uri(bucket: string, key: string): string {
  return `s3://${bucket}/${key}`;
}

/** The key from an s3:// URI written earlier for this bucket, or undefined. */
export function keyFromS3Uri(uri: string | null | undefined, bucket: string): string | undefined {
  const prefix = `s3://${bucket}/`;
  return uri?.startsWith(prefix) ? uri.slice(prefix.length) : undefined;
}

/** https://<media domain>/<key>, each path segment URL-encoded. */
export function playbackUrl(mediaDomain: string, key: string): string {
  return `https://${mediaDomain}/${key.split("/").map(encodeURIComponent).join("/")}`;
}
