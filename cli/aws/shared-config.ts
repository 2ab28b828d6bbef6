/**
 * Profile and region the way the AWS CLI resolves them ("Configuration and credential file
 * settings" in the AWS CLI user guide): `--profile`, then AWS_PROFILE, then `default`; `--region`,
 * then AWS_REGION, AWS_DEFAULT_REGION, then the profile's `region` in the shared config file
 * (~/.aws/config or AWS_CONFIG_FILE). The files are read with the SDK's own loader, so `[profile x]`
 * sections, AWS_SHARED_CREDENTIALS_FILE and SSO sessions behave as they do for the SDK.
 */
import { UsageError } from "../errors";
import { didYouMean } from "../../lib/did-you-mean";

export interface AwsTarget {
  readonly region: string;
  /** Undefined: the SDK's default chain (environment keys, AWS_PROFILE, default profile, roles). */
  readonly profile?: string;
}

const REGION = /^[a-z]{2}(-[a-z]+)+-\d$/;

export function checkRegion(region: string, source: string): string {
  if (!REGION.test(region)) throw new UsageError(`${source} '${region}' is not an AWS region (e.g. ap-southeast-1)`);
  return region;
}

export async function resolveAwsTarget(options: { readonly region?: string; readonly profile?: string }): Promise<AwsTarget> {
  const profileFlag = options.profile?.trim() || undefined;
  const profile = profileFlag ?? (process.env.AWS_PROFILE?.trim() || undefined);
  if (options.region) return { region: checkRegion(options.region, "--region"), profile: await checkProfile(profile, profileFlag) };
  if (process.env.AWS_REGION) return { region: checkRegion(process.env.AWS_REGION, "AWS_REGION"), profile: await checkProfile(profile, profileFlag) };
  if (process.env.AWS_DEFAULT_REGION) return { region: checkRegion(process.env.AWS_DEFAULT_REGION, "AWS_DEFAULT_REGION"), profile: await checkProfile(profile, profileFlag) };
  const files = await sharedFiles();
  const name = profile ?? "default";
  const fromFile = files.configFile[name]?.region;
  if (profile) await checkProfile(profile, profileFlag, files);
  if (!fromFile) {
    throw new UsageError(
      `no AWS region: pass --region, set AWS_REGION, or add 'region = ...' to ${profile ? `profile '${profile}'` : "the default profile"} in ~/.aws/config`,
      "e.g. --region ap-southeast-1",
    );
  }
  return { region: checkRegion(fromFile, `region of profile '${name}' in ~/.aws/config`), profile };
}

type SharedFiles = { configFile: Record<string, Record<string, string | undefined>>; credentialsFile: Record<string, Record<string, string | undefined>> };

async function sharedFiles(): Promise<SharedFiles> {
  const { loadSharedConfigFiles } = await import("@smithy/core/config");
  return (await loadSharedConfigFiles({})) as SharedFiles;
}

/** A named profile must exist in one of the two files; `default` may be absent (environment keys, roles). */
async function checkProfile(profile: string | undefined, fromFlag: string | undefined, known?: SharedFiles): Promise<string | undefined> {
  if (!profile || profile === "default") return profile;
  const files = known ?? (await sharedFiles());
  if (files.configFile[profile] || files.credentialsFile[profile]) return profile;
  const names = [...new Set([...Object.keys(files.configFile), ...Object.keys(files.credentialsFile)])].sort();
  throw new UsageError(
    `AWS profile '${profile}' (from ${fromFlag ? "--profile" : "AWS_PROFILE"}) is not in ~/.aws/config or ~/.aws/credentials${didYouMean(profile, names)}`,
    names.length ? `profiles there: ${names.join(", ")}` : "create it with `aws configure --profile <name>` or `aws configure sso`",
  );
}
