/**
 * Recording harvest: one MediaPackage harvest job per session, for the session window, into the
 * recorded-media bucket under `sessions/<sessionId>/`. The job id is derived from the session id, so
 * "once per session" survives restarts: a pass lists the channel's harvest jobs and creates only the
 * missing ones, and a create that races another pass ("already exists") counts as done.
 */
import { createHash } from "node:crypto";
import { CreateHarvestJobCommand, ListHarvestJobsCommand, ListOriginEndpointsCommand, type MediaPackageClient } from "@aws-sdk/client-mediapackage";
import { awsErrorInfo } from "../aws/clients";
import { remoteError } from "../channels/pool";

export interface HarvestTarget {
  /** The recorded-media bucket name. */
  readonly bucket: string;
  /** Role MediaPackage assumes to write the bucket. */
  readonly roleArn: string;
}

/** Deterministic, valid harvest job id for a session (ids are at most 128 characters). */
export function harvestJobId(sessionId: string): string {
  const hash = createHash("sha256").update(sessionId).digest("hex").slice(0, 10);
  const safe = sessionId.replace(/[^A-Za-z0-9_-]/g, "-").slice(0, 100);
  return `session-${safe}-${hash}`;
}

export const manifestKey = (sessionId: string) => `sessions/${sessionId}/index.m3u8`;

/** The origin endpoint to harvest from: HLS first, then by id, so the choice is stable. */
export async function originEndpointOf(client: MediaPackageClient, mediaPackageChannelId: string): Promise<string | undefined> {
  const endpoints: { id: string; hls: boolean }[] = [];
  let nextToken: string | undefined;
  do {
    let page;
    try {
      page = await client.send(new ListOriginEndpointsCommand({ ChannelId: mediaPackageChannelId, NextToken: nextToken }));
    } catch (err) {
      throw remoteError(`MediaPackage ListOriginEndpoints ${mediaPackageChannelId}`, err);
    }
    for (const e of page.OriginEndpoints ?? []) if (e.Id) endpoints.push({ id: e.Id, hls: !!e.HlsPackage });
    nextToken = page.NextToken;
  } while (nextToken);
  endpoints.sort((a, b) => Number(b.hls) - Number(a.hls) || a.id.localeCompare(b.id));
  return endpoints[0]?.id;
}

/** Ids of existing harvest jobs, of one MediaPackage channel or (without one) of the whole region. */
export async function existingHarvestJobIds(client: MediaPackageClient, mediaPackageChannelId?: string): Promise<Set<string>> {
  const ids = new Set<string>();
  let nextToken: string | undefined;
  do {
    let page;
    try {
      page = await client.send(new ListHarvestJobsCommand({ IncludeChannelId: mediaPackageChannelId, NextToken: nextToken }));
    } catch (err) {
      throw remoteError(`MediaPackage ListHarvestJobs ${mediaPackageChannelId ?? ""}`.trim(), err);
    }
    // FAILED jobs count too: recreating the same id would fail; a failed harvest needs a human.
    for (const j of page.HarvestJobs ?? []) if (j.Id) ids.add(j.Id);
    nextToken = page.NextToken;
  } while (nextToken);
  return ids;
}

/** Creates the job; returns "exists" when a concurrent pass created it first. */
export async function createHarvestJob(
  client: MediaPackageClient,
  input: { sessionId: string; originEndpointId: string; startsAt: number; endsAt: number; target: HarvestTarget },
): Promise<"created" | "exists"> {
  try {
    await client.send(
      new CreateHarvestJobCommand({
        Id: harvestJobId(input.sessionId),
        OriginEndpointId: input.originEndpointId,
        StartTime: new Date(input.startsAt).toISOString(),
        EndTime: new Date(input.endsAt).toISOString(),
        S3Destination: { BucketName: input.target.bucket, ManifestKey: manifestKey(input.sessionId), RoleArn: input.target.roleArn },
      }),
    );
    return "created";
  } catch (err) {
    const info = awsErrorInfo(err);
    if ((info.status === 409 || info.status === 422) && /exist/i.test(info.message)) return "exists";
    throw remoteError(`MediaPackage CreateHarvestJob for session ${input.sessionId}`, err);
  }
}
