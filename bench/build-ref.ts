import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { isAbsolute, join, relative, resolve } from 'node:path';
import { buildInto } from './lib/build';
import { ROOT } from './lib/paths';

/**
 * `npm run bench:build -- <git-ref> <dir>`: the sources of a commit (git archive, nothing of the
 * working tree) built as the bench builds the working tree, into a directory for BENCH_BUILD_DIR or
 * bench:compare's --a / --b. The directory must be inside the repository (say
 * .data/bench/builds/<name>), so that the build's `require`s find its node_modules. The sources are
 * extracted to <dir>/.source for the build and removed after it, as the bench's own build has none
 * beside it (and a second package.json in the tree would only confuse Jest's module map).
 */
function main(): void {
  const [ref, target] = process.argv.slice(2);
  if (!ref || !target || ref === '--help') {
    process.stdout.write('npm run bench:build -- <git-ref> <dir>   (dir inside the repository, e.g. .data/bench/builds/<name>)\n');
    process.exit(ref === '--help' ? 0 : 2);
  }
  const dir = resolve(target);
  const inside = relative(ROOT, dir);
  if (!inside || inside.startsWith('..') || isAbsolute(inside)) {
    throw new Error(`${dir} is not inside the repository (${ROOT}): the build would not find node_modules`);
  }
  // Only a directory this script made before (or an empty one) is replaced.
  if (existsSync(dir) && readdirSync(dir).length > 0 && !existsSync(join(dir, 'bench-build.json'))) {
    throw new Error(`${dir} exists and is not a build made by bench:build; choose another directory`);
  }
  const commit = execFileSync('git', ['rev-parse', '--verify', `${ref}^{commit}`], { cwd: ROOT, encoding: 'utf8' }).trim();
  rmSync(dir, { recursive: true, force: true });
  const source = join(dir, '.source');
  mkdirSync(source, { recursive: true });
  execFileSync('bash', ['-c', 'git archive --format=tar "$1" | tar -x -C "$2"', 'archive', commit, source], {
    cwd: ROOT,
    stdio: 'inherit',
  });
  const started = Date.now();
  process.stderr.write(`[bench] building ${ref} (${commit.slice(0, 12)}) into ${inside} …`);
  buildInto(source, dir);
  rmSync(source, { recursive: true, force: true });
  process.stderr.write(` ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
  writeFileSync(join(dir, 'bench-build.json'), `${JSON.stringify({ ref, commit, built: new Date().toISOString() }, null, 2)}\n`);
  process.stdout.write(`${inside}\n`);
}

try {
  main();
} catch (error) {
  process.stderr.write(`\nbench:build failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
}
