import { z } from "zod";

/**
 * The pipeline that builds and publishes the ops image (.github/workflows/ops-image.yml): which
 * GitHub repository's workflow may push to this environment's ops repository. The bootstrap stack
 * trusts exactly that repository and branch through GitHub's OIDC provider; leave the section out
 * and no publisher role is created (images are then pushed by hand).
 */
export const imagePipelineSchema = z.strictObject({
  /** GitHub repository as owner/name, e.g. acme/livestream-platform. */
  githubRepository: z
    .string()
    .regex(/^[A-Za-z0-9-]{1,39}\/[A-Za-z0-9._-]{1,100}$/, "expected a GitHub repository as owner/name, e.g. acme/livestream-platform"),
  /** The only branch whose workflow runs may push (GitHub's `sub` claim: repo:<owner>/<name>:ref:refs/heads/<branch>). */
  branch: z
    .string()
    .regex(/^[A-Za-z0-9._/-]{1,255}$/, "expected a branch name without wildcards, e.g. main")
    .default("main"),
});

