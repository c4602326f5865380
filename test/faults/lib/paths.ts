import { existsSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** The repository's root. */
export const ROOT = resolve(__dirname, '../../..');
/** Everything the fault tests make: the build, each file's services and logs (.data/ is git-ignored). */
export const FAULTS_DIR = join(ROOT, '.data/faults');
/** The build the Liaison processes run, made once per Jest run by global-setup.ts. */
export const BUILD_DIR = join(FAULTS_DIR, 'build');

/**
 * A Postgres server binary directory: PG_BIN if set, else the newest of Debian's
 * /usr/lib/postgresql/<version>/bin (the postgresql packages do not put initdb or pg_ctl on PATH).
 */
export function postgresBin(): string {
  if (process.env.PG_BIN) return process.env.PG_BIN;
  const base = '/usr/lib/postgresql';
  const versions = existsSync(base)
    ? readdirSync(base)
        .filter((v) => existsSync(join(base, v, 'bin', 'initdb')))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  if (versions.length === 0)
    throw new Error('no Postgres server binaries: install postgresql (Debian: /usr/lib/postgresql/<version>/bin) or set PG_BIN');
  return join(base, versions[0], 'bin');
}

export { temporalCli } from '../../support/temporal-server';
