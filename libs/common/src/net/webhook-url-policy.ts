import type { FactoryProvider } from '@nestjs/common';
import { LIAISON_CONFIG, LiaisonConfig } from '@liaison/config';
import type { ErrorCodeOf } from '@liaison/domain';
import type { LookupFunction } from 'node:net';
import { isIP } from 'node:net';
import { DomainError } from '../domain-error';
import { AddressRefusedError, PublicAddressGuard, Resolver, systemResolver } from './public-address';

/** The codes of a refused webhook URL (422, naming the field). */
export const WEBHOOK_URL_ERRORS = {
  /** Not an absolute https (or, when allowed, http) URL, or it carries a user name or password. */
  notAllowed: 'WEBHOOK.URL_NOT_ALLOWED',
  /**
   * The host is, or resolves to, an address that is not public, or does not resolve (in time): one
   * answer for both, so that the API does not tell which internal names exist.
   */
  notPublic: 'WEBHOOK.ADDRESS_NOT_PUBLIC',
} as const satisfies Record<string, ErrorCodeOf<422>>;

export interface WebhookUrlOptions {
  allowPrivateNetworks: boolean;
  allowHttp: boolean;
}

/** Where a webhook may be sent: the parsed URL, and the lookup its connection must use (none when any address is allowed). */
export interface WebhookTarget {
  url: URL;
  lookup?: LookupFunction;
}

/**
 * What a webhook URL may be, checked when it is set and again, against the address actually
 * connected to, each time a webhook is sent: an absolute `https:` URL (`http:` when
 * WEBHOOK_ALLOW_HTTP or WEBHOOK_ALLOW_PRIVATE_NETWORKS is on), without user name or password,
 * whose host resolves to public addresses only (unless WEBHOOK_ALLOW_PRIVATE_NETWORKS is on).
 */
export class WebhookUrlPolicy {
  private readonly guard: PublicAddressGuard | null;

  constructor(
    private readonly options: WebhookUrlOptions,
    resolver: Resolver = systemResolver,
  ) {
    this.guard = options.allowPrivateNetworks ? null : new PublicAddressGuard(resolver);
  }

  /** For a URL being set: a 422 naming `field`, with one of WEBHOOK_URL_ERRORS, unless it may be used. */
  async vet(raw: string, field: string): Promise<void> {
    const url = this.parse(raw, field);
    if (!this.guard) return;
    try {
      await this.guard.resolve(url.hostname);
    } catch (error) {
      if (!(error instanceof AddressRefusedError)) throw error;
      const problem = 'the host must resolve, and to public addresses only';
      throw DomainError.unprocessable(WEBHOOK_URL_ERRORS.notPublic, `${field}: ${problem}`, [{ field, problems: [problem] }]);
    }
  }

  /**
   * For a webhook about to be sent: the URL and the `lookup` its connection must use. An IP literal
   * (which a socket connects to without a lookup) is vetted here; a name, by the lookup, at connect time.
   * Throws (an AddressRefusedError or a DomainError) when the URL may not be used.
   */
  async target(raw: string): Promise<WebhookTarget> {
    const url = this.parse(raw, 'webhookUrl');
    if (!this.guard) return { url };
    if (isIP(url.hostname.replace(/^\[(.*)\]$/, '$1')) !== 0) await this.guard.resolve(url.hostname);
    return { url, lookup: this.guard.lookup };
  }

  private parse(raw: string, field: string): URL {
    const refuse = (problem: string) =>
      DomainError.unprocessable(WEBHOOK_URL_ERRORS.notAllowed, `${field}: ${problem}`, [{ field, problems: [problem] }]);
    let url: URL;
    try {
      url = new URL(raw);
    } catch {
      throw refuse('must be an absolute URL');
    }
    const schemes = this.options.allowHttp ? ['https:', 'http:'] : ['https:'];
    if (!schemes.includes(url.protocol)) throw refuse(`must start with ${schemes.map((s) => `${s}//`).join(' or ')}`);
    if (url.username || url.password) throw refuse('must not carry a user name or password');
    if (!url.hostname) throw refuse('must name a host');
    return url;
  }
}

/** The policy as the configuration sets it, for Nest modules. */
export const webhookUrlPolicyProvider: FactoryProvider<WebhookUrlPolicy> = {
  provide: WebhookUrlPolicy,
  useFactory: (config: LiaisonConfig) => new WebhookUrlPolicy(config.webhooks),
  inject: [LIAISON_CONFIG],
};
