/**
 * The one host-name rule for values that end up in URLs the platform publishes (the media domain of
 * playback URLs): the construct validates its prop with it at synth, the recording indexer its
 * MEDIA_DOMAIN at start. Lower-case DNS name of at least two labels, each 1-63 letters, digits or
 * inner '-', an alphabetic top-level label, 253 characters at most (RFC 1035 section 2.3.1, as
 * relaxed by RFC 1123 for a leading digit). Refuses `-`, `localhost`, IP addresses, ports and schemes.
 */
const LABEL = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/;

export function isHostName(value: string): boolean {
  if (value.length === 0 || value.length > 253) return false;
  const labels = value.split(".");
  if (labels.length < 2) return false;
  if (!labels.every((l) => LABEL.test(l))) return false;
  return /^[a-z]{2,63}$/.test(labels[labels.length - 1]!);
}

/** Throws naming `what` when `value` is not a host name under the rule above. */
export function assertHostName(value: string | undefined, what: string): string {
  if (value === undefined || !isHostName(value)) {
    throw new Error(`${what} must be a lower-case host name such as media.example.com (no scheme, port or path), got '${value ?? ""}'`);
  }
  return value;
}
