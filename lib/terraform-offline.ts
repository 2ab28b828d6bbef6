import { existsSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/**
 * Real Terraform, offline: providers come from a local filesystem mirror of hashicorp/aws (no
 * registry), credentials are dummies (the offline synth's provider skips every AWS call before
 * planning). Shared by the plan tests and `npm run plan`. TF_PLUGIN_MIRROR overrides the mirror root.
 */
const MIRROR_CANDIDATES = ["/opt/tf-plugins", "/usr/share/terraform/plugins", join(process.env.HOME ?? "/root", ".terraform.d/plugins")];

/** The folder above registry.terraform.io/hashicorp/aws; throws naming the places it looked. */
export function providerMirror(): string {
  const candidates = process.env.TF_PLUGIN_MIRROR ? [process.env.TF_PLUGIN_MIRROR] : MIRROR_CANDIDATES;
  const found = candidates.find((dir) => existsSync(join(dir, "registry.terraform.io/hashicorp/aws")));
  if (!found) {
    throw new Error(
      `no local mirror of the hashicorp/aws provider in ${candidates.join(", ")}; set TF_PLUGIN_MIRROR to the folder above registry.terraform.io`,
    );
  }
  return found;
}

let cliConfig: string | undefined;
/** A Terraform CLI config that installs hashicorp/* from the mirror and never from the registry. */
export function offlineCliConfigFile(): string {
  if (cliConfig) return cliConfig;
  const mirror = providerMirror();
  const dir = mkdtempSync(join(tmpdir(), "tfrc-"));
  cliConfig = join(dir, "terraform.rc");
  writeFileSync(
    cliConfig,
    `provider_installation {\n  filesystem_mirror {\n    path    = "${mirror}"\n    include = ["registry.terraform.io/hashicorp/*"]\n  }\n  direct {\n    exclude = ["registry.terraform.io/hashicorp/*"]\n  }\n}\n`,
  );
  return cliConfig;
}

/** Environment for `terraform` offline: mirror config, no prompts, no version check, dummy credentials, no instance metadata. */
export function offlineTerraformEnv(base: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  return {
    ...base,
    TF_CLI_CONFIG_FILE: offlineCliConfigFile(),
    TF_IN_AUTOMATION: "1",
    TF_INPUT: "0",
    CHECKPOINT_DISABLE: "1",
    AWS_ACCESS_KEY_ID: "AKIAOFFLINEPLAN00000",
    AWS_SECRET_ACCESS_KEY: "offline-plan-dummy-secret",
    AWS_EC2_METADATA_DISABLED: "true",
  };
}
