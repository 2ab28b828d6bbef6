/** One resource or data source as it appears in the synthesized stack JSON. */
export interface SynthesizedResource {
  readonly kind: "resource" | "data";
  /** Terraform type, e.g. `aws_s3_bucket`. */
  readonly type: string;
  /** Logical name inside the type, e.g. `media_recordings_bucket_1A2B3C`. */
  readonly name: string;
  /** Terraform address: `aws_s3_bucket.x` or `data.aws_iam_policy_document.x`. */
  readonly address: string;
  /** Construct path, e.g. `livestream-dev/media/recordings/bucket`. */
  readonly path: string;
  /** Synthesized attributes (snake_case keys; `//` metadata removed). */
  readonly attributes: Readonly<Record<string, unknown>>;
}
