/**
 * Lambda entry: S3 ObjectCreated events for `sessions/<sessionId>/.../*.m3u8` in
 * recorded-media-bucket -> live_sessions.recording_uri / playback_url / status = 'recorded'.
 * The work lives in RecordingIndexer (indexer.ts, with the failure design); this file only wires
 * the environment, and everything it builds is reused across invocations.
 *
 * Environment: DB_HOST, DB_PORT, DB_NAME, DB_SECRET_ARN, DB_SSL (verify-full | disable, tests only),
 * MEDIA_DOMAIN, MASTER_MANIFEST (default index.m3u8).
 */
import { DatabaseConnection, settingsFromEnv } from "./database";
import { RecordingIndexer, type S3NotificationEvent } from "./indexer";
import { jsonLogger } from "./log";

export { parseRecordingKey } from "./recording-key";
export { PermanentError, RecordingIndexer } from "./indexer";

let indexer: RecordingIndexer | undefined;
let connection: DatabaseConnection | undefined;

function build(): RecordingIndexer {
  const mediaDomain = process.env.MEDIA_DOMAIN;
  if (!mediaDomain) throw new Error("environment variable MEDIA_DOMAIN is not set");
  connection = new DatabaseConnection(settingsFromEnv(), jsonLogger);
  return new RecordingIndexer({ db: connection, mediaDomain, log: jsonLogger, masterManifest: process.env.MASTER_MANIFEST || undefined });
}

export async function handler(event: S3NotificationEvent): Promise<{ outcomes: string[] }> {
  indexer ??= build();
  return indexer.handleEvent(event);
}

/** Drops the cached pool and settings (tests; never needed in Lambda). */
export async function resetForTests(): Promise<void> {
  await connection?.reset();
  connection = undefined;
  indexer = undefined;
}
