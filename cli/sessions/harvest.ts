/**
 * Recording harvest: a MediaPackage harvest job per session for the session window, into the
 * recorded-media bucket under `sessions/<sessionId>/`. Each attempt has its own deterministic job id
 * (`...-a<attempt>`), and the pass stores the id, so a pass describes its own jobs by id instead of
 * listing every job in the region, and a create whose answer was lost is found again (422 "already
 * exists" means the job is there). A FAILED job is retried under the next attempt's id while the
 * endpoint's startover window still holds the session (CreateHarvestJob refuses older windows).
 */
import { createHash } from "node:crypto";
import { CreateHarvestJobCommand, DescribeHarvestJobCommand, ListOriginEndpointsCommand, type MediaPackageClient } from "@aws-sdk/client-mediapackage";
import { sessionManifestKey } from "../../contracts";
import { awsErrorInfo } from "../aws/clients";
import { remoteError } from "../channels/pool";
import type { HarvestStatus } from "./store";

export interface HarvestTarget {
  /** The recorded-media bucket name. */
  readonly bucket: string;
  /** Role MediaPackage assumes to write the bucket. */
  readonly roleArn: string;
}

/** Attempts per session: a job that keeps failing needs a person, not a loop. */
export const MAX_HARVEST_ATTEMPTS = 5;

/** Deterministic, valid harvest job id of one attempt for a session (ids are at most 128 characters). */
export function harvestJobId(sessionId: string, attempt: number): string {
  const hash = createHash("sha256").update(sessionId).digest("hex").slice(0, 10);
  const safe = sessionId.replace(/[^A-Za-z0-9_-]/g, "-").slice(0, 100);
  return `session-${safe}-${hash}-a${attempt}`;
}

/** MediaPackage refused the job itself (window outside the startover window, endpoint gone): retrying the same call will not help. */
export class HarvestRejected extends Error {
  constructor(message: string) {
    super(message);
    this.name = "HarvestRejected";
  }
}

/** The origin endpoint to harvest from: HLS first, then by id, so the choice is stable. */
export async function originEndpointOf(client: MediaPackageClient, mediaPackageChannelId: string, abortSignal?: AbortSignal): Promise<string | undefined> {
  const endpoints: { id: string; hls: boolean }[] = [];
  let nextToken: string | undefined;
  do {
    let page;
    try {
      page = await client.send(new ListOriginEndpointsCommand({ ChannelId: mediaPackageChannelId, NextToken: nextToken }), { abortSignal });
    } catch (err) {
      throw remoteError(`MediaPackage ListOriginEndpoints ${mediaPackageChannelId}`, err);
    }
    for (const e of page.OriginEndpoints ?? []) if (e.Id) endpoints.push({ id: e.Id, hls: !!e.HlsPackage });
    nextToken = page.NextToken;
  } while (nextToken);
  endpoints.sort((a, b) => Number(b.hls) - Number(a.hls) || a.id.localeCompare(b.id));
  return endpoints[0]?.id;
}

export interface HarvestRequest {
  readonly jobId: string;
  readonly sessionId: string;
  readonly originEndpointId: string;
  readonly startsAt: number;
  readonly endsAt: number;
  readonly target: HarvestTarget;
}

/** Creates the job; "exists" when it is already there (an earlier pass, or a lost answer). */
export async function createHarvestJob(client: MediaPackageClient, input: HarvestRequest, abortSignal?: AbortSignal): Promise<"created" | "exists"> {
  try {
    await client.send(
      new CreateHarvestJobCommand({
        Id: input.jobId,
        OriginEndpointId: input.originEndpointId,
        StartTime: new Date(input.startsAt).toISOString(),
        EndTime: new Date(input.endsAt).toISOString(),
        S3Destination: { BucketName: input.target.bucket, ManifestKey: sessionManifestKey(input.sessionId), RoleArn: input.target.roleArn },
      }),
      { abortSignal },
    );
    return "created";
  } catch (err) {
    const info = awsErrorInfo(err);
    if ((info.status === 409 || info.status === 422) && /exist/i.test(info.message)) return "exists";
    if (info.status === 422 || info.status === 404) throw new HarvestRejected(`MediaPackage CreateHarvestJob ${input.jobId} refused: ${info.name}: ${info.message}`);
    throw remoteError(`MediaPackage CreateHarvestJob ${input.jobId}`, err);
  }
}

/** The job's status, or undefined when MediaPackage does not know the id. */
export async function describeHarvestJob(client: MediaPackageClient, jobId: string, abortSignal?: AbortSignal): Promise<HarvestStatus | undefined> {
  try {
    const job = await client.send(new DescribeHarvestJobCommand({ Id: jobId }), { abortSignal });
    return (job.Status as HarvestStatus | undefined) ?? "IN_PROGRESS";
  } catch (err) {
    if (awsErrorInfo(err).status === 404) return undefined;
    throw remoteError(`MediaPackage DescribeHarvestJob ${jobId}`, err);
  }
}
