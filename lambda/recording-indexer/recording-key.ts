/**
 * Pure rules about recording keys in `recorded-media-bucket`: which keys are session manifests, which
 * session they belong to, and whether one is a master manifest (the only kind that is a recording).
 */
import { MASTER_MANIFEST, SESSIONS_PREFIX } from "../../contracts";

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
  /** The file name is the master manifest's name (index.m3u8 by default); child playlists are not. */
  readonly isMaster: boolean;
}

/** Same character rule as the live_sessions.id CHECK constraint. */
const SESSION_ID = /^[A-Za-z0-9][A-Za-z0-9_-]{0,127}$/;

/** S3 event keys are form-encoded ('+' for space, %XX for the rest). */
export function decodeS3EventKey(raw: string): string {
  try {
    return decodeURIComponent(raw.replace(/\+/g, " "));
  } catch {
    throw new MalformedKeyError(raw, "invalid percent-encoding");
  }
}

/** Parses an already-decoded key `sessions/<sessionId>/[folders/]<name>.m3u8`. */
export function parseRecordingKey(key: string, masterManifest: string = MASTER_MANIFEST): RecordingKey {
  const parts = key.split("/");
  if (`${parts[0]}/` !== SESSIONS_PREFIX) throw new MalformedKeyError(key, `expected it to start with ${SESSIONS_PREFIX}`);
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
  return { key, sessionId, isMaster: name === masterManifest };
}

/** s3://bucket/key (the key as stored, not URL-encoded). */
export function s3Uri(bucket: string, key: string): string {
  return `s3://${bucket}/${key}`;
}

/** https://<media domain>/<key>, each path segment URL-encoded. */
export function playbackUrl(mediaDomain: string, key: string): string {
  return `https://${mediaDomain}/${key.split("/").map(encodeURIComponent).join("/")}`;
}
