/**
 * What the sign-in page says when single sign-on sent the browser back with `?error=<code>`: one
 * message per code the API's OpenID Connect callback uses (its `OIDC_FAILURES`; a unit spec holds
 * the two lists together). An unknown code gets a plain message.
 */
const FAILURES: Record<string, string> = {
  oidc_state: 'The sign-in took too long or did not start here. Start it again.',
  oidc_denied: 'Your identity provider did not sign you in.',
  oidc_failed: 'The sign-in could not be completed. Try again.',
  oidc_unverified: 'Your identity provider does not vouch for your e-mail address, so Liaison cannot match it to an account.',
  oidc_no_account: 'No active Liaison account has the e-mail address your identity provider gave. Ask your coordinator.',
};

export const SIGN_IN_FAILURE_CODES = Object.keys(FAILURES);

export function signInFailure(code: string | null): string | null {
  if (!code) return null;
  return Object.hasOwn(FAILURES, code) ? FAILURES[code] : 'The sign-in did not succeed. Try again.';
}
