/**
 * RTMP push ingest: how a stream name (the part of the ingest URL after the host) is built. The
 * channel pool creates each input with a placeholder of this shape and the reconcile pass gives the
 * input a fresh key of this shape before every channel run (MediaLive: "Editing an input").
 */

/** Application name per pipeline: pipeline 0 pushes to `live/<key>`, pipeline 1 (STANDARD) to `backup/<key>`. */
export const INGEST_APPLICATIONS = ["live", "backup"] as const;

/** The stream names of an input with `pipelines` destinations and this key. */
export const ingestStreamNames = (key: string, pipelines: number): string[] => INGEST_APPLICATIONS.slice(0, pipelines).map((app) => `${app}/${key}`);
