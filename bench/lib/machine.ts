import { execFileSync } from 'node:child_process';
import { cpus, totalmem, release, platform } from 'node:os';
import { ROOT } from './paths';
import { fmt, MiB } from './stats';

/** What a figure was measured on: it goes at the top of every report. */
export interface Machine {
  cpu: string;
  cores: number;
  memory: string;
  os: string;
  node: string;
  commit: string;
  date: string;
}

export function describeMachine(): Machine {
  return {
    cpu: cpus()[0]?.model.trim() ?? 'unknown',
    cores: cpus().length,
    memory: `${fmt(totalmem() / MiB / 1024, 1)} GiB`,
    os: `${platform()} ${release()}`,
    node: process.version,
    commit: commitOf(),
    date: new Date().toISOString(),
  };
}

/** The checked-out commit, marked when the work tree has changes that are not in it. */
function commitOf(): string {
  try {
    const head = git('rev-parse', '--short=12', 'HEAD');
    const dirty = git('status', '--porcelain', '--untracked-files=no', '--', 'apps', 'libs', 'migrations') !== '';
    return dirty ? `${head} (with uncommitted changes to apps/libs/migrations)` : head;
  } catch {
    return 'unknown (not a git checkout)';
  }
}

function git(...args: string[]): string {
  return execFileSync('git', args, { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
}
