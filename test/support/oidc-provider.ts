import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider, {
  type Account,
  type AdapterFactory,
  type AdapterPayload,
  type Configuration,
  type InteractionResults,
} from 'oidc-provider';

/** What the interaction handler uses of Koa's context. */
interface InteractionContext {
  method: string;
  path: string;
  req: IncomingMessage;
  res: ServerResponse;
  redirect(url: string): void;
}

/** A person as the provider knows them. */
export interface TestAccount {
  /** The provider's subject (`sub`), which also names the account when a test signs in as it. */
  id: string;
  email: string;
  emailVerified: boolean;
  name?: string;
}

export interface TestOidcProviderOptions {
  /** The client's one redirect URI: the test stack's `<PUBLIC_BASE_URL>/v1/auth/oidc/callback`. */
  redirectUri: string;
  accounts?: TestAccount[];
}

/**
 * A real OpenID provider (`oidc-provider`) in this process, on 127.0.0.1 and a free port, for the
 * sign-in tests: one confidential client (client_secret_basic, code flow, PKCE required), accounts
 * in memory, and a login and consent that complete by themselves (as `authorize`'s account), so a
 * test needs no browser: it follows the redirects with fetch and a cookie jar of its own.
 *
 * The redirect URI is fixed before the provider starts: the test stack's PUBLIC_BASE_URL
 * (`http://liaison.test`) does not depend on its port, and the test carries the redirect back to
 * the stack itself.
 */
export class TestOidcProvider {
  readonly clientId = 'liaison-test';
  readonly clientSecret = randomBytes(24).toString('base64url');
  private readonly accounts = new Map<string, TestAccount>();
  private signingInAs?: string;
  private server!: Server;
  issuer!: string;

  private constructor(private readonly options: TestOidcProviderOptions) {
    for (const account of options.accounts ?? []) this.addAccount(account);
  }

  static async start(options: TestOidcProviderOptions): Promise<TestOidcProvider> {
    const provider = new TestOidcProvider(options);
    await provider.listen();
    return provider;
  }

  /** The API's settings for this provider (OIDC_ISSUER, OIDC_CLIENT_ID, OIDC_CLIENT_SECRET). */
  env(): Record<string, string> {
    return { OIDC_ISSUER: this.issuer, OIDC_CLIENT_ID: this.clientId, OIDC_CLIENT_SECRET: this.clientSecret };
  }

  /** The account the provider signs in, from now on, whoever comes to its login (a browser, say). */
  signInAs(accountId: string): void {
    this.signingInAs = accountId;
  }

  addAccount(account: TestAccount): void {
    this.accounts.set(account.id, account);
  }

  /**
   * What a browser does at the provider, signed in as the account `accountId`: from the
   * authorization URL the client sent it to, through the login and the consent, until the provider
   * sends it back to the client. The address it is sent back to (the redirect URI with `code`,
   * `state`, `iss`, or `error`).
   */
  async authorize(authorizationUrl: string, accountId: string): Promise<URL> {
    this.signingInAs = accountId;
    const jar = new Map<string, string>();
    let url = new URL(authorizationUrl);
    for (let hop = 0; hop < 20; hop++) {
      if (!url.href.startsWith(this.issuer)) return url;
      const cookie = [...jar].map(([name, value]) => `${name}=${value}`).join('; ');
      const response = await fetch(url, { redirect: 'manual', headers: cookie ? { cookie } : {} });
      for (const set of response.headers.getSetCookie()) {
        const [pair] = set.split(';');
        const at = pair.indexOf('=');
        jar.set(pair.slice(0, at).trim(), pair.slice(at + 1).trim());
      }
      const location = response.headers.get('location');
      if (response.status < 300 || response.status >= 400 || !location) {
        throw new Error(`the provider answered ${response.status} at ${url.pathname}: ${(await response.text()).slice(0, 500)}`);
      }
      url = new URL(location, url);
    }
    throw new Error('the provider redirected more than 20 times');
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /** Listens first, on a free port, then makes the provider: its issuer names that port. */
  private async listen(): Promise<void> {
    let handle: (request: IncomingMessage, response: ServerResponse) => void = (_, response) => response.writeHead(503).end();
    this.server = createServer((request, response) => handle(request, response));
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.issuer = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    const provider = new Provider(this.issuer, this.configuration());
    provider.use((ctx, next) => this.interaction(provider, ctx, next));
    const callback = provider.callback();
    handle = (request, response) => void callback(request, response);
  }

  private configuration(): Configuration {
    const signingKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ format: 'jwk' });
    return {
      clients: [
        {
          client_id: this.clientId,
          client_secret: this.clientSecret,
          redirect_uris: [this.options.redirectUri],
          grant_types: ['authorization_code'],
          response_types: ['code'],
          token_endpoint_auth_method: 'client_secret_basic',
        },
      ],
      pkce: { required: () => true },
      claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
      findAccount: (_ctx, sub) => this.account(sub),
      interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
      features: { devInteractions: { enabled: false } },
      cookies: { keys: [randomBytes(32).toString('hex')] },
      jwks: { keys: [{ ...signingKey, use: 'sig', alg: 'RS256', kid: 'test' }] },
      // Set, so that the provider does not note each default it falls back to.
      adapter: memoryAdapter(),
      ttl: { AccessToken: 600, AuthorizationCode: 60, Grant: 600, IdToken: 600, Interaction: 600, Session: 600 },
    };
  }

  private account(sub: string): Account | undefined {
    const account = this.accounts.get(sub);
    if (!account) return undefined;
    return {
      accountId: sub,
      claims: () => ({ sub, email: account.email, email_verified: account.emailVerified, name: account.name ?? account.email }),
    };
  }

  /** `GET /interaction/:uid`: the login (as `signingInAs`) or the consent (to all that is asked), done at once. */
  private async interaction(provider: Provider, ctx: InteractionContext, next: () => Promise<unknown>): Promise<unknown> {
    if (ctx.method !== 'GET' || !/^\/interaction\/[\w-]+$/.test(ctx.path)) return next();
    const details = await provider.interactionDetails(ctx.req, ctx.res);
    let result: InteractionResults;
    if (details.prompt.name === 'login') {
      if (!this.signingInAs) throw new Error('authorize() names the account to sign in as');
      result = { login: { accountId: this.signingInAs } };
    } else {
      const asked = details.prompt.details as { missingOIDCScope?: string[]; missingOIDCClaims?: string[] };
      const grant = new provider.Grant({ accountId: details.session?.accountId, clientId: String(details.params.client_id) });
      if (asked.missingOIDCScope) grant.addOIDCScope(asked.missingOIDCScope.join(' '));
      if (asked.missingOIDCClaims) grant.addOIDCClaims(asked.missingOIDCClaims);
      result = { consent: { grantId: await grant.save() } };
    }
    ctx.redirect(await provider.interactionResult(ctx.req, ctx.res, result, { mergeWithLastSubmission: false }));
    return undefined;
  }
}

/** The provider's artifacts (sessions, interactions, codes, grants, tokens) in this process's memory, one map per provider. */
function memoryAdapter(): AdapterFactory {
  const store = new Map<string, { payload: AdapterPayload; expiresAt: number }>();
  const live = (key: string) => {
    const entry = store.get(key);
    return entry && entry.expiresAt > Date.now() ? entry.payload : undefined;
  };
  const where = (test: (payload: AdapterPayload) => boolean) => [...store.keys()].find((key) => test(store.get(key)!.payload));
  return (name) => ({
    upsert: async (id, payload, expiresIn = 600) => void store.set(`${name}:${id}`, { payload, expiresAt: Date.now() + expiresIn * 1000 }),
    find: async (id) => live(`${name}:${id}`),
    findByUid: async (uid) => live(where((payload) => payload.uid === uid) ?? ''),
    findByUserCode: async (userCode) => live(where((payload) => payload.userCode === userCode) ?? ''),
    consume: async (id) => {
      const payload = live(`${name}:${id}`);
      if (payload) payload.consumed = Math.floor(Date.now() / 1000);
    },
    destroy: async (id) => void store.delete(`${name}:${id}`),
    revokeByGrantId: async (grantId) => {
      for (const [key, entry] of store) if (entry.payload.grantId === grantId) store.delete(key);
    },
  });
}
