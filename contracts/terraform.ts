/**
 * The Terraform release the stacks are planned and applied with. Atlantis pins it per project
 * (`terraform_version` in atlantis.yaml) and every stack states it as `required_version`, so a plan
 * from a laptop, CI and Atlantis run the same major/minor line. The S3 backend's native lock files
 * (`use_lockfile`) need Terraform >= 1.10.
 */

/** Exact release Atlantis downloads and runs for every project. */
export const TERRAFORM_VERSION = "1.11.4";

/** `required_version` of every stack: this release or a later patch of the same minor line. */
export const TERRAFORM_REQUIRED_VERSION = `~> ${TERRAFORM_VERSION}`;

/** hashicorp/aws release the stacks are generated for (@cdktf/provider-aws 20.1.0); CI mirrors it. */
export const AWS_PROVIDER_VERSION = "5.100.0";
