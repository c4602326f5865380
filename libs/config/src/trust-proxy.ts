import { isIP } from 'node:net';
import { z } from 'zod';

/**
 * Which reverse proxies may tell the API the client's address in `X-Forwarded-For`, in the form
 * Express's `trust proxy` setting takes: `false` (none: the client is the socket's peer), a number
 * of proxy hops in front of the API, or the proxies' addresses and CIDR ranges (and Express's names
 * `loopback`, `linklocal`, `uniquelocal`). The per-address rate limit and the logs use that address.
 */
export type TrustProxy = false | number | string[];

const NAMES = ['loopback', 'linklocal', 'uniquelocal'];
const MAX_HOPS = 10;

function isAddressOrRange(item: string): boolean {
  if (NAMES.includes(item) || isIP(item) !== 0) return true;
  const match = /^([^/]+)\/(\d{1,3})$/.exec(item);
  if (!match) return false;
  const family = isIP(match[1]);
  return family !== 0 && Number(match[2]) <= (family === 4 ? 32 : 128);
}

/** `false`, `0`-`10` (hops), or a comma list of addresses, CIDR ranges and Express's names. */
export const trustProxy = z.string().transform((value, ctx): TrustProxy => {
  const trimmed = value.trim();
  if (trimmed === 'false') return false;
  if (/^\d+$/.test(trimmed) && Number(trimmed) <= MAX_HOPS) return Number(trimmed) === 0 ? false : Number(trimmed);
  const items = trimmed.split(',').map((item) => item.trim());
  const bad = items.filter((item) => !isAddressOrRange(item));
  if (bad.length > 0) {
    ctx.addIssue({
      code: 'custom',
      message:
        `must be false, a number of proxy hops (0-${MAX_HOPS}), or a comma list of proxy addresses, CIDR ranges, loopback, ` +
        `linklocal or uniquelocal; ${bad.map((item) => `"${item}"`).join(', ')} is not` +
        (items.includes('true') ? ' (true would let any client choose its own address)' : ''),
    });
    return z.NEVER;
  }
  return items;
});
