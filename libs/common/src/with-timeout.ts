/**
 * `work`, or a rejection after `ms` (`work` itself goes on). For probes, scrapes and wake-ups: with
 * `maxRetriesPerRequest: null` a Redis command waits for the connection forever, and a scrape or a
 * request must answer even then.
 */
export function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer in ${ms} ms`)), ms);
    timer.unref();
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}
