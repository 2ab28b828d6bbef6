/** The media path as wired in the real stacks, from the real dev and prod configuration. */
import { App, Testing } from "cdktf";
import { loadEnvironment } from "../config/load";
import { LivestreamStack } from "./livestream-stack";

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- synthesized Terraform JSON is untyped
type Json = any;

function synthEnvironment(env: string): Json {
  const app = new App({ outdir: "/tmp/unused", skipValidation: true });
  const stack = new LivestreamStack(app, `livestream-${env}`, { config: loadEnvironment(env), offline: true });
  return JSON.parse(Testing.synth(stack));
}

describe.each(["dev", "prod"])("%s stack", (env) => {
  const json = synthEnvironment(env);
  const r = json.resource;

  test("CloudFront standard logging waits for the log bucket's ACLs to be on", () => {
    const logBucket = Object.keys(r.aws_s3_bucket).find((k) => r.aws_s3_bucket[k].bucket.startsWith(`livestream-${env}-cdn-logs-`))!;
    const ownership = Object.keys(r.aws_s3_bucket_ownership_controls).find((k) => r.aws_s3_bucket_ownership_controls[k].bucket === `\${aws_s3_bucket.${logBucket}.id}`)!;
    expect(r.aws_s3_bucket_ownership_controls[ownership].rule.object_ownership).toBe("BucketOwnerPreferred");
    const [distribution] = Object.values(r.aws_cloudfront_distribution) as Json[];
    expect(distribution.logging_config.bucket).toBe(`\${aws_s3_bucket.${logBucket}.bucket_domain_name}`);
    expect(distribution.depends_on).toEqual(expect.arrayContaining([`aws_s3_bucket_ownership_controls.${ownership}`]));
  });
});
