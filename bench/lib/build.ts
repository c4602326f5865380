import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, WORK_DIR } from './paths';

/** The bench's own build of the working tree, apart from the `dist/` a development stack runs from. */
export const DEFAULT_BUILD_DIR = join(WORK_DIR, 'build');

/** What each Liaison process runs, inside a build. */
export const PROCESSES = {
  api: 'apps/api/src/main.js',
  worker: 'apps/worker/src/main.js',
  notifier: 'apps/notifier/src/main.js',
} as const;
export type ProcessName = keyof typeof PROCESSES;
export const PROCESS_NAMES = Object.keys(PROCESSES) as ProcessName[];

/**
 * Builds the sources under `sourceRoot` as `npm run build` does (tsc, then tsc-alias for the
 * `@liaison/*` paths) into `outDir`. `outDir` must be inside the repository, so that the build's
 * `require`s find its node_modules.
 */
export function buildInto(sourceRoot: string, outDir: string): void {
  const project = join(sourceRoot, 'tsconfig.build.json');
  const tsc = spawnSync('npx', ['tsc', '-p', project, '--outDir', outDir], { cwd: ROOT, encoding: 'utf8' });
  // Type errors do not stop tsc from emitting; the bench runs what was emitted and says so.
  if (tsc.status !== 0) process.stderr.write(`[bench] the build reported errors; running what it emitted:\n${tsc.stdout}${tsc.stderr}\n`);
  execFileSync('npx', ['tsc-alias', '-p', project, '--outDir', outDir], { cwd: ROOT, stdio: 'inherit' });
  checkBuild(outDir);
}

/** A build has every process's entry point (BENCH_BUILD_DIR and --a/--b are used as they are). */
export function checkBuild(dir: string): void {
  for (const entry of Object.values(PROCESSES)) {
    if (!existsSync(join(dir, entry))) throw new Error(`${dir} is not a build: it has no ${entry} (npm run bench:build makes one)`);
  }
}
