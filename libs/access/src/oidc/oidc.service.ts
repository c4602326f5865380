import { Inject, Injectable, Logger } from '@nestjs/common';
import { DomainError } from '@liaison/common';
import { LIAISON_CONFIG, LiaisonConfig, OidcSettings } from '@liaison/config';
import type { ErrorCodeOf } from '@liaison/domain';
import * as client from 'openid-client';
import { OidcSignIn } from './oidc-sign-in';
import { SignInFailed } from './oidc-failures';
import { oidcCookie, oidcCookieKey, openPending, OidcPending, safeNext, sealPending } from './oidc-state-cookie';

/** The `code` of the 404 of both routes when OIDC_ISSUER and its two companions are not set. */
export const OIDC_NOT_CONFIGURED = 'AUTH.OIDC_NOT_CONFIGURED' satisfies ErrorCodeOf<404>;

/** The scopes asked for: the subject, the e-mail (with whether the provider verified it), the name. */
const SCOPE = 'openid email profile';

/** Where the browser goes next, and the cookies it gets on the way. */
export interface OidcAnswer {
  location: string;
  cookies: string[];
}

/** What the callback needs of the request. */
export interface CallbackRequest {
  /** The query string as received, with its `?` (or empty). */
  search: string;
  /** The `liaison_oidc` cookie. */
  cookie: string | undefined;
  userAgent?: string;
  ip?: string;
}

/**
 * Sign-in with OpenID Connect: the Authorization Code flow with PKCE (S256), a state and a nonce,
 * through `openid-client`. The provider's metadata is discovered on the first sign-in and kept (a
 * failed discovery is tried again on the next). The pending sign-in travels in a sealed cookie
 * (oidc-state-cookie.ts), so no server-side state is kept between the two legs.
 */
@Injectable()
export class OidcService {
  private readonly logger = new Logger(OidcService.name);
  private discovered?: Promise<client.Configuration>;
  private key?: Buffer;

  constructor(
    @Inject(LIAISON_CONFIG) private readonly config: LiaisonConfig,
    private readonly signIn: OidcSignIn,
  ) {}

  /** The redirect URI registered at the provider. */
  get redirectUri(): string {
    return `${this.config.publicBaseUrl}/v1/auth/oidc/callback`;
  }

  /** The settings, or the 404 of an installation without OpenID Connect. */
  private settings(): OidcSettings {
    if (!this.config.oidc) throw DomainError.notFound(OIDC_NOT_CONFIGURED, 'sign-in with OpenID Connect is not configured');
    return this.config.oidc;
  }

  private get secure(): boolean {
    return this.config.publicBaseUrl.startsWith('https:');
  }

  private cookieKey(settings: OidcSettings): Buffer {
    return (this.key ??= oidcCookieKey(settings.clientSecret));
  }

  /** The provider's metadata and Liaison's client at it, discovered once. */
  private configuration(settings: OidcSettings): Promise<client.Configuration> {
    if (!this.discovered) {
      const issuer = new URL(settings.issuer);
      // http is allowed by the configuration only on a loopback address (a development or test provider).
      const execute = issuer.protocol === 'http:' ? [client.allowInsecureRequests] : [];
      this.discovered = client.discovery(issuer, settings.clientId, undefined, client.ClientSecretBasic(settings.clientSecret), {
        execute,
        timeout: 10,
      });
      this.discovered.catch(() => (this.discovered = undefined));
    }
    return this.discovered;
  }

  /** The redirect to the provider's authorization endpoint, with the sealed pending sign-in as a cookie. */
  async start(next: unknown): Promise<OidcAnswer> {
    const settings = this.settings();
    let configuration: client.Configuration;
    try {
      configuration = await this.configuration(settings);
    } catch (error) {
      // The provider cannot be reached or its metadata is not valid: the sign-in page says so, not a 500.
      this.logger.warn({ error: 'oidc_failed' }, `OpenID Connect discovery failed: ${summary(error)}`);
      return { location: '/sign-in?error=oidc_failed', cookies: [] };
    }
    const pending: OidcPending = {
      state: client.randomState(),
      nonce: client.randomNonce(),
      codeVerifier: client.randomPKCECodeVerifier(),
      next: safeNext(next),
    };
    const url = client.buildAuthorizationUrl(configuration, {
      redirect_uri: this.redirectUri,
      scope: SCOPE,
      response_type: 'code',
      code_challenge: await client.calculatePKCECodeChallenge(pending.codeVerifier),
      code_challenge_method: 'S256',
      state: pending.state,
      nonce: pending.nonce,
    });
    return { location: url.href, cookies: [oidcCookie(sealPending(pending, this.cookieKey(settings)), this.secure)] };
  }

  /**
   * The provider's answer: on success a session (its cookie) and the page asked for; on any failure
   * `/sign-in?error=<code>`, the reason logged. The pending sign-in's cookie is cleared either way.
   */
  async callback(request: CallbackRequest): Promise<OidcAnswer> {
    const settings = this.settings();
    const cookies = [oidcCookie(null, this.secure)];
    try {
      const pending = openPending(request.cookie, this.cookieKey(settings));
      const { location, sessionCookie } = await this.complete(settings, request, pending);
      return { location, cookies: [...cookies, sessionCookie] };
    } catch (error) {
      const failure = error instanceof SignInFailed ? error : new SignInFailed('oidc_failed', `unexpected: ${summary(error)}`);
      this.logger.warn({ reason: failure.reason, error: failure.code }, `OpenID Connect sign-in refused: ${failure.reason}`);
      return { location: `/sign-in?error=${failure.code}`, cookies };
    }
  }

  private async complete(
    settings: OidcSettings,
    request: CallbackRequest,
    pending: OidcPending | null,
  ): Promise<{ location: string; sessionCookie: string }> {
    const params = new URLSearchParams(request.search);
    if (!pending) throw new SignInFailed('oidc_state', 'no pending sign-in: the cookie is missing, altered or expired');
    if (params.get('state') !== pending.state) throw new SignInFailed('oidc_state', 'the state does not match the pending sign-in');
    const providerError = params.get('error');
    if (providerError !== null) throw new SignInFailed('oidc_denied', `the provider answered error=${providerError.slice(0, 100)}`);

    const configuration = await this.configuration(settings);
    const currentUrl = new URL(this.redirectUri);
    currentUrl.search = params.toString();
    const tokens = await client
      .authorizationCodeGrant(configuration, currentUrl, {
        pkceCodeVerifier: pending.codeVerifier,
        expectedState: pending.state,
        expectedNonce: pending.nonce,
        idTokenExpected: true,
      })
      .catch((error: unknown) => {
        throw new SignInFailed('oidc_failed', `the code exchange failed: ${summary(error)}`);
      });
    const claims = tokens.claims();
    if (!claims) throw new SignInFailed('oidc_failed', 'the provider returned no ID token');
    const email = await this.verifiedEmail(configuration, claims, tokens.access_token);
    const { sessionCookie } = await this.signIn.open(email, { sub: claims.sub, userAgent: request.userAgent, ip: request.ip }, this.secure);
    return { location: pending.next, sessionCookie };
  }

  /**
   * The e-mail the provider vouches for: from the ID token when it carries the e-mail, else from the
   * userinfo endpoint (for the same subject). Only with `email_verified: true`.
   */
  private async verifiedEmail(configuration: client.Configuration, claims: client.IDToken, accessToken: string): Promise<string> {
    let source: Record<string, unknown> = claims;
    if (typeof claims.email !== 'string') {
      source = await client.fetchUserInfo(configuration, accessToken, claims.sub).catch((error: unknown) => {
        throw new SignInFailed('oidc_failed', `the userinfo request failed: ${summary(error)}`);
      });
    }
    if (typeof source.email !== 'string' || source.email === '') throw new SignInFailed('oidc_unverified', 'the provider gave no e-mail');
    if (source.email_verified !== true) throw new SignInFailed('oidc_unverified', 'the provider does not say the e-mail is verified');
    return source.email;
  }
}

/** An error's name, code and message, for the log: never a token. */
function summary(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const code = (error as { code?: unknown }).code;
  return `${error.name}${typeof code === 'string' ? ` ${code}` : ''}: ${error.message}`.slice(0, 500);
}
