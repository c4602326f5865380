import type { Logger } from '@nestjs/common';

export interface PeriodicPassOptions<T> {
  /** What the pass does, for the log line of a failed pass ("reminder sweep"). */
  what: string;
  intervalMs: number;
  logger: Logger;
  /** One pass. */
  run: () => Promise<T>;
  /** What a pass that succeeded found, for the log. */
  report: (result: T) => void;
}

/**
 * A pass that runs every `intervalMs` in this process, one at a time (a tick while the last pass
 * still runs does nothing), and whose failure is logged, never thrown: the scheduled sweeps, purges
 * and relays of the processes. `stop()` ends the timer and waits for the pass in flight, for a
 * drain on shutdown. (Across processes, the pass itself takes a Postgres advisory lock.)
 */
export class PeriodicPass<T> {
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;

  constructor(private readonly options: PeriodicPassOptions<T>) {}

  start(): void {
    this.timer = setInterval(() => this.tick(), this.options.intervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  private tick(): void {
    if (this.running) return;
    const { what, logger, run, report } = this.options;
    this.running = run()
      .then(report)
      .catch((error: unknown) => logger.error({ err: error instanceof Error ? error.message : String(error) }, `${what} failed`))
      .finally(() => (this.running = undefined));
  }
}
