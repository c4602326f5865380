import { z } from 'zod';

/** The kinds of value the configuration's variables take, each with the message that names what is wrong. */

export const url = (protocols: string[]) =>
  z.string().refine(
    (value) => {
      try {
        return protocols.includes(new URL(value).protocol);
      } catch {
        return false;
      }
    },
    {
      message: `must be a URL starting with ${protocols.map((p) => `${p}//`).join(' or ')}`,
    },
  );

export const PRIORITIES = ['routine', 'priority', 'urgent'] as const;
const DAYS_AND_TIME = /^P(?!$)(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+S)?)?$/;

/** An ISO 8601 duration of days, hours, minutes and seconds (`P2D`, `PT4H`), longer than zero. */
export const duration = z
  .string()
  .regex(DAYS_AND_TIME, 'must be an ISO 8601 duration of days and time, such as P2D or PT4H')
  .refine((v) => !/^PT?$/.test(v) && /[1-9]/.test(v), 'must be longer than zero');

/** Like `duration`, but zero (`PT0S`) is allowed. */
export const durationOrZero = z.string().regex(DAYS_AND_TIME, 'must be an ISO 8601 duration of days and time, such as PT1M or PT0S');

/** One duration per support-request priority: `routine=P2D,priority=P1D,urgent=PT4H`. */
export const perPriority = z.string().transform((value, ctx) => {
  const entries = value.split(',').map((part) => part.trim().split('='));
  const map: Partial<Record<(typeof PRIORITIES)[number], string>> = {};
  for (const [key, iso] of entries) {
    const priority = PRIORITIES.find((p) => p === key);
    if (!priority || !iso || !duration.safeParse(iso).success) {
      ctx.addIssue({
        code: 'custom',
        message: `must be routine=<duration>,priority=<duration>,urgent=<duration> (ISO 8601 days and time); "${key}=${iso ?? ''}" is not`,
      });
      return z.NEVER;
    }
    map[priority] = iso;
  }
  const missing = PRIORITIES.filter((p) => !map[p]);
  if (missing.length > 0) {
    ctx.addIssue({ code: 'custom', message: `must give every priority; ${missing.join(', ')} missing` });
    return z.NEVER;
  }
  return map as Record<(typeof PRIORITIES)[number], string>;
});

/** An OpenID provider's issuer: https, or http on a loopback address (a development or test provider). */
export const oidcIssuer = url(['https:', 'http:']).refine((value) => {
  const { protocol, hostname } = new URL(value);
  return protocol === 'https:' || ['127.0.0.1', '[::1]', 'localhost'].includes(hostname);
}, 'must be an https:// URL (http:// only on a loopback address: 127.0.0.1, [::1], localhost)');
