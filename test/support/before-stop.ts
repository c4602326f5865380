/**
 * What a test file opened against its stack and must close before `useStack` stops it: a browser,
 * whose pages may still hold requests to the API. Jest runs a describe's `afterAll` hooks in the
 * order they were declared, so `useStack`'s comes before the file's own; it runs these first.
 */
const closers = new Set<() => Promise<void>>();

/** Registers `close`; the returned function takes it back (once it has been closed otherwise). */
export function closeBeforeStop(close: () => Promise<void>): () => void {
  closers.add(close);
  return () => closers.delete(close);
}

/** Closes everything registered, at once, and forgets it. */
export async function closeAllBeforeStop(): Promise<void> {
  const pending = [...closers];
  closers.clear();
  await Promise.all(pending.map((close) => close()));
}
