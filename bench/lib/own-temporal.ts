import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { OwnTemporal } from '../../test/support/temporal-server';
import { WORK_DIR } from './paths';
import { closeTemporal, useTemporal } from './temporal';

/**
 * A Temporal dev server of one bench run's own: a fresh SQLite file, its own port. A dev server
 * that has just served a test suite (or another bench) measured twice as slow as a fresh one, so
 * every measured run starts one and deletes it at the end; the shared one on 7233 is never used.
 */
export interface BenchTemporal {
  address: string;
  pid: number;
  stop: () => Promise<void>;
}

export const TEMPORAL_DIR = join(WORK_DIR, 'temporal');
export const LOG_DIR = join(WORK_DIR, 'logs');

/** Starts it, and makes it the one the bench's Temporal clients connect to; `besides`: ports already picked. */
export async function startBenchTemporal(runId: string, besides: Iterable<number> = []): Promise<BenchTemporal> {
  mkdirSync(TEMPORAL_DIR, { recursive: true });
  mkdirSync(LOG_DIR, { recursive: true });
  const dbFile = join(TEMPORAL_DIR, `${runId}.db`);
  const server = new OwnTemporal({ dbFile, logFile: join(LOG_DIR, `${runId}-temporal.log`), logLevel: 'warn' }, besides);
  const remove = () => {
    // SQLite's journal files go with it.
    for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(`${dbFile}${suffix}`, { force: true });
  };
  try {
    await server.start();
  } catch (error) {
    await server.kill();
    remove();
    throw error;
  }
  useTemporal(server.address);
  return {
    address: server.address,
    pid: server.pid!,
    stop: async () => {
      await closeTemporal(server.address);
      await server.stop();
      remove();
    },
  };
}
