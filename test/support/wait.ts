import { inspect } from 'node:util';

/** How long a wait polls before it fails, unless the test says otherwise. */
export const WAIT_MS = 30_000;

/**
 * Polls `probe` until `accept` holds for what it returned, and returns that. After `timeoutMs` it
 * fails, saying what it waited for and what it saw last (or the error the probe last threw), so
 * that a failure reads as a finding and not as a timeout.
 */
export async function waitFor<S>(what: string, probe: () => Promise<S>, accept: (seen: S) => boolean, timeoutMs = WAIT_MS): Promise<S> {
  const started = Date.now();
  let last: { seen: S } | { error: unknown } | undefined;
  for (;;) {
    try {
      const seen = await probe();
      if (accept(seen)) return seen;
      last = { seen };
    } catch (error) {
      last = { error };
    }
    if (Date.now() - started > timeoutMs) {
      const saw = !last
        ? 'nothing'
        : 'seen' in last
          ? inspect(last.seen, { depth: 6, breakLength: 120 })
          : `an error: ${String(last.error)}`;
      throw new Error(`waited ${timeoutMs} ms for ${what}; last saw ${saw}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/**
 * `waitFor` on something a child process does: gives up at once, saying why, when `gone` names a
 * reason (the child exited) instead of polling a dead process until the deadline.
 */
export async function waitForChild<S>(
  what: string,
  probe: () => Promise<S>,
  accept: (seen: S) => boolean,
  timeoutMs: number,
  gone: () => string | undefined,
): Promise<S> {
  type Seen = { gone: string } | { seen: S };
  const last = await waitFor<Seen>(
    what,
    async () => {
      const reason = gone();
      return reason === undefined ? { seen: await probe() } : { gone: reason };
    },
    (seen) => 'gone' in seen || accept(seen.seen),
    timeoutMs,
  );
  if ('gone' in last) throw new Error(`gave up waiting for ${what}: ${last.gone}`);
  return last.seen;
}
