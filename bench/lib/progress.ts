import { SingleBar } from 'cli-progress';

/**
 * A progress bar on the terminal (stderr), for every phase that may take more than a few seconds.
 * Off the terminal (CI, a pipe) it prints nothing, so logs and the printed tables stay clean.
 */
export class Progress {
  private readonly bar: SingleBar;

  constructor(label: string, total: number, unit = '') {
    this.bar = new SingleBar({
      format: `${label.padEnd(34)} [{bar}] {value}/{total}${unit ? ` ${unit}` : ''} | {duration_formatted} elapsed{note}`,
      barsize: 28,
      hideCursor: true,
      clearOnComplete: false,
      stream: process.stderr,
    });
    this.bar.start(total, 0, { note: '' });
  }

  update(value: number, note?: string): void {
    this.bar.update(value, note === undefined ? {} : { note: ` | ${note}` });
  }

  increment(): void {
    this.bar.increment();
  }

  stop(): void {
    this.bar.stop();
  }
}

/** Waits `ms`, showing the seconds go by. */
export async function countdown(label: string, ms: number): Promise<void> {
  const total = Math.max(0, Math.ceil(ms / 1000));
  const bar = new Progress(label, total, 's');
  const end = Date.now() + ms;
  while (Date.now() < end) {
    await sleep(Math.min(250, end - Date.now()));
    bar.update(Math.min(total, Math.round(total - (end - Date.now()) / 1000)));
  }
  bar.update(total);
  bar.stop();
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));
}

/** Runs `work` on every item with at most `concurrency` at a time; results in the items' order. */
export async function pool<T, R>(
  items: T[],
  concurrency: number,
  work: (item: T, index: number) => Promise<R>,
  bar?: Progress,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const lanes = Array.from({ length: Math.min(concurrency, items.length) }, async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index], index);
      bar?.increment();
    }
  });
  await Promise.all(lanes);
  return results;
}
