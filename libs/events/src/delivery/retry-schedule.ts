/** The share of a retry's wait drawn at random, so that a receiver back up is not hit by every lane at once. */
export const RETRY_JITTER = 0.2;

/**
 * How long a delivery waits after its `attempts`-th failed attempt: `baseMs` after the first,
 * doubling at each further one, capped at `maxMs`, less up to RETRY_JITTER of it at random
 * (`random` in [0, 1)).
 */
export function retryDelayMs(attempts: number, settings: { baseMs: number; maxMs: number }, random: number = Math.random()): number {
  const exponent = Math.min(Math.max(attempts, 1) - 1, 40);
  const delay = Math.min(settings.baseMs * 2 ** exponent, settings.maxMs);
  return Math.round(delay * (1 - RETRY_JITTER * random));
}
