/**
 * Why a sign-in with OpenID Connect failed, as the `error` of the redirect to the web app's
 * `/sign-in?error=<code>`, which shows a message for each. The log says more (never a token).
 */
export const OIDC_FAILURES = {
  /** The pending sign-in is missing, altered or expired (10 minutes), or the state does not match it. */
  oidc_state: 'The sign-in took too long or did not start here; start it again',
  /** The provider answered with an error (the person refused, or the provider could not sign them in). */
  oidc_denied: 'The identity provider did not sign you in',
  /** The code exchange, the ID token's checks, the userinfo request, or Liaison itself failed. */
  oidc_failed: 'The sign-in could not be completed; try again',
  /** The provider gave no e-mail, or does not say it verified it. */
  oidc_unverified: 'Your identity provider does not vouch for your e-mail address',
  /** No active (not deactivated) person has that e-mail. */
  oidc_no_account: 'No active Liaison account has the e-mail your identity provider gave',
} as const;

export type OidcFailure = keyof typeof OIDC_FAILURES;

/** A failed sign-in: the code the browser is sent back with, and the reason for the log. */
export class SignInFailed extends Error {
  constructor(
    readonly code: OidcFailure,
    readonly reason: string,
  ) {
    super(reason);
  }
}
