/**
 * Values reserved for documentation, which the committed example environments use and a real
 * deployment must not: RFC 2606 domains (example.com/.org/.net and the .example, .test, .invalid,
 * .localhost names), RFC 5737 documentation address blocks, the placeholder account ids of
 * AWS's documentation, and the examples' all-zero image digest and `example-org` repository. They are found in every string of the configuration, whatever section
 * holds it, and named field by field: synth warns (the examples must keep synthesizing) and
 * `ops preflight` fails on them.
 */
import { stringLeaves } from "../lib/string-leaves";

export interface ReservedValue {
  /** Dotted path of the field, e.g. `alarms.email` or `media.inputAllowedCidrs.0`. */
  readonly field: string;
  /** The reserved part of the field's value (the domain, the address block, the account id). */
  readonly value: string;
  readonly reason: string;
}

/** RFC 2606 second-level example domains, and its reserved top-level names (with RFC 6761's). */
const EXAMPLE_DOMAINS = ["example.com", "example.org", "example.net"];
const RESERVED_TLDS = ["example", "test", "invalid", "localhost"];

/** RFC 5737, section 3: TEST-NET-1, TEST-NET-2, TEST-NET-3. */
const DOCUMENTATION_BLOCKS: readonly [string, number, number][] = [
  ["192.0.2.0/24", 0xc0000200, 24],
  ["198.51.100.0/24", 0xc6336400, 24],
  ["203.0.113.0/24", 0xcb007100, 24],
];

/** Account ids AWS's documentation and common templates use as placeholders. */
function isPlaceholderAccountId(id: string): boolean {
  if (/^(\d)\1{11}$/.test(id)) return true; // 000000000000, 111111111111, ..., 999999999999
  return ["123456789012", "012345678901", "210987654321", "111122223333", "444455556666", "777788889999"].includes(id);
}

function reservedDomain(host: string): string | undefined {
  const name = host.toLowerCase().replace(/\.$/, "");
  const example = EXAMPLE_DOMAINS.find((d) => name === d || name.endsWith(`.${d}`));
  if (example) return example;
  const tld = name.split(".").pop()!;
  return RESERVED_TLDS.includes(tld) ? `.${tld}` : undefined;
}

function ipv4ToNumber(address: string): number | undefined {
  const octets = address.split(".").map(Number);
  if (octets.length !== 4 || octets.some((o) => !Number.isInteger(o) || o < 0 || o > 255)) return undefined;
  return ((octets[0]! << 24) | (octets[1]! << 16) | (octets[2]! << 8) | octets[3]!) >>> 0;
}

/** The documentation block an address or CIDR lies in entirely, if any. */
function documentationBlock(addressOrCidr: string): string | undefined {
  const [address, prefixText] = addressOrCidr.split("/");
  const value = ipv4ToNumber(address!);
  const prefix = prefixText === undefined ? 32 : Number(prefixText);
  if (value === undefined || !(prefix >= 0 && prefix <= 32)) return undefined;
  const block = DOCUMENTATION_BLOCKS.find(([, base, bits]) => prefix >= bits && value >>> (32 - bits) === base >>> (32 - bits));
  return block?.[0];
}

/** Every reserved value inside one string. */
function findInString(text: string): { value: string; reason: string }[] {
  const found: { value: string; reason: string }[] = [];
  for (const [id] of text.matchAll(/(?<!\d)\d{12}(?!\d)/g)) {
    if (isPlaceholderAccountId(id)) found.push({ value: id, reason: "placeholder AWS account id from the documentation" });
  }
  for (const [cidr] of text.matchAll(/(?<![\d.])\d{1,3}(?:\.\d{1,3}){3}(?:\/\d{1,2})?(?![\d.])/g)) {
    const block = documentationBlock(cidr);
    if (block) found.push({ value: cidr, reason: `in ${block}, an RFC 5737 documentation block that is never routed` });
  }
  for (const [host] of text.matchAll(/(?<![a-z0-9-])(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z][a-z0-9-]*[a-z0-9]\b/gi)) {
    const domain = reservedDomain(host);
    if (!domain) continue;
    const what = text.includes(`@${host}`) ? "mail to it is never delivered" : "it cannot be registered or delegated";
    found.push({ value: host, reason: `${domain} is reserved for documentation (RFC 2606): ${what}` });
  }
  // The committed examples' image digest and pipeline repository: never a real build or repository.
  for (const [digest] of text.matchAll(/sha256:0{64}/g)) found.push({ value: digest, reason: "all-zero image digest: a placeholder, not a pushed image" });
  for (const [owner] of text.matchAll(/^example-org(?=\/)/gi)) found.push({ value: owner, reason: "placeholder GitHub organisation of the examples" });
  return found;
}

/** Every reserved value in a (parsed) configuration, in document order, one entry per field and value. */
export function findReservedValues(config: unknown): ReservedValue[] {
  return stringLeaves(config).flatMap(({ path, text }) => findInString(text).map((hit) => ({ field: path, ...hit })));
}

/** One line per reserved value, for synth's warning and preflight's report. */
export function describeReservedValues(values: readonly ReservedValue[]): string[] {
  return values.map((v) => `${v.field}: ${v.value} (${v.reason})`);
}
