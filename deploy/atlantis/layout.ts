/**
 * Names the generated Atlantis configuration and the scripts it runs agree on. Paths are relative to
 * the repository root (the clone Atlantis hands to hooks as $DIR); projects live three levels down.
 */

/** Synthesized stack folder of a project (cdktf.out/stacks/<stack>). */
export const projectDir = (project: string) => `cdktf.out/stacks/${project}`;

/** From a project folder back to the repository root. */
export const TO_ROOT = "../../..";

/** Each planned project's cost report (markdown), written by the plan workflow, posted by the post-workflow hook. */
export const COST_REPORT_DIR = "cdktf.out/atlantis/cost";
/** The base branch's forecast per environment (JSON), written by the plan pre-workflow hook. */
export const BASELINE_DIR = "cdktf.out/atlantis/baseline";

/** AWS profile (server's ~/.aws/config) a project's steps run with: one per environment, so one per account. */
export const awsProfileOf = (environment: string) => `livestream-${environment}`;

/** Workflow every project runs; defined only in the server-side config. */
export const WORKFLOW = "livestream";
