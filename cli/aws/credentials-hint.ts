/**
 * A hint for the errors that mean "your credentials", not "AWS is down": none found, expired, or
 * rejected. The SDK's messages name the provider chain, not what to do about it.
 */
const MISSING = /CredentialsProviderError|Could not load credentials|Could not resolve credentials|Unable to locate credentials/i;
const EXPIRED = /ExpiredToken|token (included in the request )?(is|has) expired|Token is expired|SSO session .*expired|RequestExpired|sso.*(expired|refresh)/i;
const REJECTED = /UnrecognizedClientException|InvalidClientTokenId|InvalidSignatureException|SignatureDoesNotMatch|security token included in the request is invalid/i;

/** The hint for a credentials problem in this message, or undefined when it is something else. */
export function credentialsHint(message: string): string | undefined {
  if (EXPIRED.test(message)) {
    return "your AWS credentials have expired: run `aws sso login` (with --profile for a named profile) or get new session credentials, then run again";
  }
  if (MISSING.test(message)) {
    return "no AWS credentials found: pass --profile <name> or set AWS_PROFILE (run `aws sso login --profile <name>` for an SSO profile), or export AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY";
  }
  if (REJECTED.test(message)) {
    return "AWS rejected these credentials: check AWS_PROFILE / --profile and that the keys belong to this account (`aws sts get-caller-identity` shows whose they are)";
  }
  return undefined;
}
