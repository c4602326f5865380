import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { BUILD_DIR, FAULTS_DIR, ROOT, postgresBin, temporalCli } from './paths';

const state = globalThis as { liaisonFaultsBuilt?: boolean };

/**
 * Once per Jest run, before any fault test: the product built as `npm run build` builds it (tsc,
 * then tsc-alias), into .data/faults/build (never the dist/ a development stack runs from), and a
 * check that the services the tests start on their own can be found.
 */
export default function globalSetup(): void {
  if (state.liaisonFaultsBuilt) return;
  state.liaisonFaultsBuilt = true;
  postgresBin();
  for (const [tool, args] of [
    ['redis-server', ['--version']],
    [temporalCli(), ['--version']],
  ] as const) {
    const probe = spawnSync(tool, [...args], { encoding: 'utf8' });
    if (probe.status !== 0)
      throw new Error(
        `${tool} is needed by the fault tests (run scripts/services.sh up for Temporal): ${probe.error?.message ?? probe.stderr}`,
      );
  }
  // Incremental: a run after a small change re-emits only what changed (a fresh checkout builds all, ~10 s).
  const tsc = spawnSync(
    'npx',
    [
      'tsc',
      '-p',
      'tsconfig.build.json',
      '--outDir',
      BUILD_DIR,
      '--incremental',
      '--tsBuildInfoFile',
      join(FAULTS_DIR, 'build.tsbuildinfo'),
    ],
    { cwd: ROOT, encoding: 'utf8' },
  );
  // tsc emits despite type errors (the type check is `npm run check`'s job); what matters is that the entry points exist.
  if (tsc.status !== 0)
    process.stderr.write(`[faults] the build reported type errors; running what it emitted:\n${tsc.stdout}${tsc.stderr}\n`);
  execFileSync('npx', ['tsc-alias', '-p', 'tsconfig.build.json', '--outDir', BUILD_DIR], { cwd: ROOT, stdio: 'inherit' });
  for (const entry of ['apps/api/src/main.js', 'apps/worker/src/main.js', 'apps/notifier/src/main.js']) {
    if (!existsSync(join(BUILD_DIR, entry))) throw new Error(`the build did not produce ${entry}`);
  }
}
