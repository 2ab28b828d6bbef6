/**
 * Per-session stream keys. Before a channel run starts, its RTMP input gets a fresh random key
 * (UpdateInput, destinations' StreamName), so a key handed out for an earlier run no longer works.
 * MediaLive accepts the update only while every channel the input is attached to is idle
 * (MediaLive user guide, "Editing an input"); the pass therefore re-keys right before StartChannel.
 *
 * The key travels only from here to MediaLive and, inside the ingest URLs, to the session's row:
 * it is never logged, reported or put in an error message (errors are scrubbed of it).
 */
import { randomBytes } from "node:crypto";
import { DescribeInputCommand, UpdateInputCommand, type MediaLiveClient } from "@aws-sdk/client-medialive";
import { ingestStreamNames } from "../../contracts";
import { awsErrorInfo } from "../aws/clients";

/** 32 URL-safe characters from 24 random bytes (192 bits). */
export function newStreamKey(): string {
  return randomBytes(24).toString("base64url");
}

export class IngestKeyError extends Error {
  constructor(
    message: string,
    /** MediaLive answered 409: the attached channel is not idle. */
    readonly conflict: boolean,
  ) {
    super(message);
    this.name = "IngestKeyError";
  }
}

const urlsOf = (destinations: { Url?: string }[] | undefined): string[] => (destinations ?? []).map((d) => d.Url).filter((u): u is string => !!u);

/**
 * Gives the input a fresh key and returns its ingest URLs. The input keeps as many destinations as
 * it has (a STANDARD input has two, one per pipeline, and UpdateInput must name both), so it is read
 * first. Throws IngestKeyError (conflict when the channel is not idle); no message holds the key.
 */
export async function rekeyInput(client: MediaLiveClient, inputId: string, abortSignal?: AbortSignal): Promise<string[]> {
  const pipelines = Math.max(1, (await currentIngestUrls(client, inputId, abortSignal)).length);
  const key = newStreamKey();
  try {
    const res = await client.send(new UpdateInputCommand({ InputId: inputId, Destinations: ingestStreamNames(key, pipelines).map((StreamName) => ({ StreamName })) }), { abortSignal });
    const urls = urlsOf(res.Input?.Destinations);
    if (urls.length !== pipelines || urls.some((u) => !u.includes(key))) throw new IngestKeyError(`MediaLive UpdateInput ${inputId} did not return the new ingest URLs`, false);
    return urls;
  } catch (err) {
    if (err instanceof IngestKeyError) throw err;
    const info = awsErrorInfo(err);
    throw new IngestKeyError(`MediaLive UpdateInput ${inputId} failed: ${info.name}${info.status ? ` (HTTP ${info.status})` : ""}: ${info.message.split(key).join("***")}`, info.name === "ConflictException");
  }
}

/** The input's current ingest URLs (its current key), for a session joining a run already on air. */
export async function currentIngestUrls(client: MediaLiveClient, inputId: string, abortSignal?: AbortSignal): Promise<string[]> {
  try {
    const res = await client.send(new DescribeInputCommand({ InputId: inputId }), { abortSignal });
    return urlsOf(res.Destinations);
  } catch (err) {
    const info = awsErrorInfo(err);
    // A describe carries no key in the request; the answer's message is not echoed either.
    throw new IngestKeyError(`MediaLive DescribeInput ${inputId} failed: ${info.name}${info.status ? ` (HTTP ${info.status})` : ""}`, false);
  }
}
