/** `--schedule postgres://...` values: recognising them and showing them without their secrets. */

export function isPostgresUrl(spec: string): boolean {
  return /^postgres(ql)?:\/\//i.test(spec);
}

/** `postgres://` with nothing after it: the connection comes from the PG* environment variables. */
export function isEnvironmentPostgresUrl(spec: string): boolean {
  return /^postgres(ql)?:\/\/$/i.test(spec);
}

/**
 * The URL as messages may show it: the password, wherever it is given (after the user name, or
 * as a `password` query parameter), becomes `***`. A URL that does not parse is shown as its
 * scheme only, since where a password would be cannot be known.
 */
export function redactUrl(url: string): string {
  if (isEnvironmentPostgresUrl(url)) return url;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return `${url.split("//")[0]}//***`;
  }
  if (parsed.password) parsed.password = "***";
  for (const key of [...parsed.searchParams.keys()]) if (key.toLowerCase() === "password") parsed.searchParams.set(key, "***");
  return parsed.toString().replace(/%2A%2A%2A/g, "***");
}
