import { promises as dns } from 'node:dns';
import type { LookupAddress, LookupOptions } from 'node:dns';
import { isIP } from 'node:net';
import ipaddr from 'ipaddr.js';

/** IPv6 global unicast (2000::/3, RFC 4291): the only IPv6 space routed on the Internet. */
const GLOBAL_UNICAST_V6 = ipaddr.parseCIDR('2000::/3');

/** How long a name may take to resolve before it counts as unresolved. */
export const DNS_TIMEOUT_MS = 5000;

/**
 * Whether an IP address is a public one: ipaddr.js says `unicast` (not private, loopback,
 * link-local, unique-local, carrier-grade NAT, reserved, multicast, unspecified, broadcast,
 * 6to4, Teredo, NAT64 and the other special ranges), an IPv4-mapped IPv6 address being judged as
 * the IPv4 address it carries, and an IPv6 address inside 2000::/3.
 */
export function isPublicAddress(address: string): boolean {
  if (!ipaddr.isValid(address) || isIP(address) === 0) return false;
  const parsed = ipaddr.process(address);
  if (parsed.range() !== 'unicast') return false;
  return parsed.kind() === 'ipv4' || parsed.match(GLOBAL_UNICAST_V6);
}

/** What a name resolves to; the system's resolver (`/etc/hosts`, then DNS) unless a test gives its own. */
export type Resolver = (hostname: string) => Promise<LookupAddress[]>;

export const systemResolver: Resolver = (hostname) => dns.lookup(hostname, { all: true, verbatim: true });

/** Why an outbound address was refused: it is not public, or the name did not resolve (in time). */
export class AddressRefusedError extends Error {
  constructor(
    readonly reason: 'not_public' | 'unresolved',
    message: string,
  ) {
    super(message);
    this.name = 'AddressRefusedError';
  }
}

type LookupCallback = (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/**
 * Outbound connections to public addresses only. `resolve` vets every address of a host (an IP
 * literal is its own address); `lookup`, given to an HTTP agent or `net.connect`, resolves, vets and
 * hands the socket the very addresses it vetted, so that a DNS answer that changes between a check
 * and the connection (DNS rebinding) cannot slip a private address through.
 */
export class PublicAddressGuard {
  constructor(
    private readonly resolver: Resolver = systemResolver,
    private readonly timeoutMs = DNS_TIMEOUT_MS,
  ) {}

  async resolve(hostname: string): Promise<LookupAddress[]> {
    const host = hostname.replace(/^\[(.*)\]$/, '$1');
    const family = isIP(host);
    const addresses = family !== 0 ? [{ address: host, family }] : await this.lookupInTime(host);
    if (addresses.length === 0) throw new AddressRefusedError('unresolved', `${host} does not resolve`);
    if (!addresses.every((a) => isPublicAddress(a.address))) {
      throw new AddressRefusedError(
        'not_public',
        `${host}: ${family !== 0 ? 'not a public address' : 'resolves to an address that is not public'}`,
      );
    }
    return addresses;
  }

  /** A `lookup` function for `http.request`, an `http.Agent` or `net.connect`. */
  readonly lookup = (hostname: string, options: LookupOptions, callback: LookupCallback): void => {
    this.resolve(hostname).then(
      (addresses) => {
        const family = options.family === 'IPv4' ? 4 : options.family === 'IPv6' ? 6 : options.family;
        const wanted = family === 4 || family === 6 ? addresses.filter((a) => a.family === family) : addresses;
        if (wanted.length === 0) return callback(new AddressRefusedError('unresolved', `${hostname} has no IPv${family} address`), '');
        if (options.all) return callback(null, wanted);
        callback(null, wanted[0].address, wanted[0].family);
      },
      (error: NodeJS.ErrnoException) => callback(error, ''),
    );
  };

  private async lookupInTime(host: string): Promise<LookupAddress[]> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new AddressRefusedError('unresolved', `${host} did not resolve within ${this.timeoutMs} ms`)),
        this.timeoutMs,
      );
    });
    try {
      return await Promise.race([this.resolver(host), timeout]);
    } catch (error) {
      if (error instanceof AddressRefusedError) throw error;
      throw new AddressRefusedError('unresolved', `${host} does not resolve`);
    } finally {
      clearTimeout(timer);
    }
  }
}
