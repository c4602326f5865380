import { join, resolve } from 'node:path';

/** The repository's root. */
export const ROOT = resolve(__dirname, '../..');
/** The bench's own build of the product, and the logs of the processes it starts (.data/ is git-ignored). */
export const WORK_DIR = join(ROOT, '.data/bench');
/** Where `--report` writes (git-ignored). */
export const RESULTS_DIR = join(ROOT, 'bench/results');
/** The committed reference report and its charts. */
export const REFERENCE_FILE = join(ROOT, 'bench/REFERENCE.md');
export const REFERENCE_DIR = join(ROOT, 'bench/reference');
