import { ConfigError } from '@liaison/config';

/** The two lines a process logs about its drain. */
export interface ShutdownLogger {
  log(message: string): void;
  error(message: string): void;
}

export interface ShutdownBound {
  logger: ShutdownLogger;
  /** SHUTDOWN_TIMEOUT: how long the drain may take. */
  timeoutMs: number;
  /** What the process does after the signal ("finishing the requests in flight"). */
  draining: string;
  /** What is still going on when the time is up ("still draining"). */
  overdue: string;
  /** Starts the drain, when Nest's shutdown hooks do not do it alone (the Temporal worker). */
  drain?: () => void;
}

/**
 * After SIGTERM/SIGINT the process drains (Nest's shutdown hooks, or `drain`); SHUTDOWN_TIMEOUT
 * bounds that, then it exits anyway with status 1. One signal is handled: a second one kills it.
 */
export function onShutdownSignal({ logger, timeoutMs, draining, overdue, drain }: ShutdownBound): void {
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => {
      logger.log(`${signal}: ${draining} (at most ${timeoutMs} ms)`);
      setTimeout(() => {
        logger.error(`${signal}: ${overdue} after SHUTDOWN_TIMEOUT (${timeoutMs} ms); exiting anyway`);
        process.exit(1);
      }, timeoutMs).unref();
      drain?.();
    });
  }
}

/** What a process that failed says: a configuration error's message alone (it names the variable), else the stack. */
export function failureDetail(error: unknown): string {
  return error instanceof ConfigError ? error.message : error instanceof Error ? (error.stack ?? error.message) : String(error);
}

/** Runs a process's `main`; if it fails, writes `<failed>: <detail>` on stderr and exits with status 1. */
export function runProcess(main: () => Promise<void>, failed: string, detail: (error: unknown) => string = failureDetail): void {
  main().catch((error: unknown) => {
    process.stderr.write(`${failed}: ${detail(error)}\n`);
    process.exit(1);
  });
}
