import { ChildProcess, spawn } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { TEST_DATABASE_URL, TEST_REDIS_URL } from '../support/test-env';

const ROOT = join(__dirname, '..', '..');
const ENTRY = {
  api: 'apps/api/src/main.ts',
  worker: 'apps/worker/src/main.ts',
  notifier: 'apps/notifier/src/main.ts',
} as const;
type Role = keyof typeof ENTRY;
/** What each process writes once it is up (LOG_LEVEL=info). */
const STARTED: Record<Role, string> = {
  api: 'liaison api listening',
  worker: 'workflow worker polling',
  notifier: 'notifier delivering reminders',
};

interface Run {
  child: ChildProcess;
  output: () => string;
  exit: Promise<number | null>;
  /** Resolves when the process says it is up. */
  up: Promise<'started'>;
}

/** The exit code, or `started` when the process came up instead (it is then stopped). */
async function outcome(run: Run): Promise<number | null | 'started'> {
  const result = await Promise.race([run.exit, run.up]);
  if (result === 'started') {
    run.child.kill('SIGTERM');
    await run.exit;
  }
  return result;
}

/** A process as the image runs it (NODE_ENV=production), from source, with only these variables. */
function start(role: Role, env: Record<string, string>): Run {
  const child = spawn(process.execPath, ['-r', '@swc-node/register', ENTRY[role]], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH ?? '',
      NODE_ENV: 'production',
      DATABASE_URL: TEST_DATABASE_URL,
      REDIS_URL: TEST_REDIS_URL,
      QUEUE_PREFIX: `liaison-test-${randomUUID()}`,
      TEMPORAL_TASK_QUEUE: `liaison-test-${randomUUID()}`,
      LOG_LEVEL: 'info',
      NOTIFIER_METRICS_PORT: '0',
      WORKER_METRICS_ADDRESS: 'off',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  let started: () => void;
  const up = new Promise<'started'>((resolve) => (started = () => resolve('started')));
  const collect = (chunk: Buffer) => {
    output += chunk.toString();
    if (output.includes(STARTED[role])) started();
  };
  child.stdout.on('data', collect);
  child.stderr.on('data', collect);
  const exit = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, output: () => output, exit, up };
}

const strong = () => randomBytes(32).toString('hex');

/**
 * In production no process starts with a public default or short secret; it names each one. The
 * secrets are those of SECRET_DEFAULTS (the admin token; the webhook signing secret is per
 * organisation now, made at random, and the calendar feed needs no key).
 */
describe('secrets in production', () => {
  it.each(Object.keys(ENTRY) as Role[])('the %s refuses to start with the admin token unset (its public default)', async (role) => {
    const run = start(role, {});
    expect(await outcome(run)).toBe(1);
    expect(run.output()).toMatch(/LIAISON_ADMIN_TOKEN: not set, so it would be the public development default/);
  });

  it('the API refuses the development default written out, and a short secret, naming the variable and not the value', async () => {
    const spelled = start('api', { LIAISON_ADMIN_TOKEN: 'liaison-dev-admin-token' });
    expect(await outcome(spelled)).toBe(1);
    expect(spelled.output()).toMatch(/LIAISON_ADMIN_TOKEN: is the public development default/);

    const short = start('api', { LIAISON_ADMIN_TOKEN: 'an-admin-token-of-31-characters' });
    expect(await outcome(short)).toBe(1);
    expect(short.output()).toMatch(/LIAISON_ADMIN_TOKEN: must be at least 32 characters in production/);
    expect(short.output().includes('an-admin-token-of-31-characters')).toBe(false);
  });

  it('the API starts with a strong admin token', async () => {
    // PORT=0: the system picks a free port, and the start-up line names it.
    const run = start('api', { LIAISON_ADMIN_TOKEN: strong(), PORT: '0' });
    const first = await Promise.race([run.exit.then((code) => `exited (${code}): ${run.output()}`), run.up]);
    try {
      expect(first).toBe('started');
      const [, port] = /liaison api listening on port (\d+),/.exec(run.output()) ?? [];
      expect(Number(port)).toBeGreaterThan(0);
      const res = await fetch(`http://127.0.0.1:${port}/health/live`);
      expect(res.status).toBe(200);
    } finally {
      run.child.kill('SIGTERM');
      await run.exit;
    }
  });
});
