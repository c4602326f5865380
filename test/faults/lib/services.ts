import { ChildProcess, execFileSync, spawn, SpawnOptions } from 'node:child_process';
import { chmodSync, chownSync, closeSync, existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { dirname, join } from 'node:path';
import { Client } from 'pg';
import Redis from 'ioredis';
import { freePorts } from '../../support/ports';
import { FAULTS_DIR, postgresBin, temporalCli } from './paths';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Polls `check` every 100 ms (an error counts as not yet) until it is true, or throws after
 * `timeoutMs` saying what it waited for; `gone` names a reason to give up at once (the process died).
 */
export async function until(
  check: () => Promise<boolean> | boolean,
  timeoutMs: number,
  what: string,
  gone: () => string | undefined = () => undefined,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const reason = gone();
    if (reason) throw new Error(`gave up waiting for ${what}: ${reason}`);
    if (
      await Promise.resolve()
        .then(check)
        .catch(() => false)
    )
      return;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(100);
  }
}

/** Every child the fault tests start, and every Postgres data directory: none may outlive the Jest worker. */
const children = new Set<ChildProcess>();
const postgresDirs = new Set<{ stopNow: () => void }>();
process.once('exit', () => {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  for (const postgres of postgresDirs) postgres.stopNow();
});

/** Spawns a child that is SIGKILLed if the test process exits first. */
export function spawnOwned(command: string, args: string[], options: SpawnOptions): ChildProcess {
  const child = spawn(command, args, options);
  children.add(child);
  child.once('exit', () => children.delete(child));
  return child;
}

/** Sends `signal` to a child and waits until it has exited (SIGKILL after `graceMs` if it has not). */
export async function endChild(child: ChildProcess, signal: NodeJS.Signals = 'SIGKILL', graceMs = 10_000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill(signal);
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  await exited;
  clearTimeout(timer);
}

function tail(file: string, lines = 15): string {
  try {
    return readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

/**
 * A Postgres cluster of the fault tests' own (initdb into `dir`, on its own port), so that stopping
 * it never touches the machine's Postgres on 5432. Run as the `postgres` user when the tests run as
 * root (initdb refuses root); fsync off: the tests never crash the machine, only the server.
 */
export class OwnPostgres {
  readonly database = 'liaison_faults_test';
  private dataDir: string;
  private logFile: string;
  /** A directory under the system's temporary one, when the `postgres` user cannot reach `dir`. */
  private fallbackDir?: string;
  private readonly bin = postgresBin();
  private readonly asRoot = userInfo().uid === 0;

  constructor(
    dir: string,
    readonly port: number,
  ) {
    this.dataDir = join(dir, 'pg');
    this.logFile = join(dir, 'postgres.log');
  }

  get url(): string {
    return `postgres://postgres@127.0.0.1:${this.port}/${this.database}`;
  }

  private postgresCanReach(dir: string): boolean {
    try {
      execFileSync('runuser', ['-u', 'postgres', '--', 'test', '-x', dir], { stdio: 'ignore' });
      return true;
    } catch {
      return false;
    }
  }

  private run(tool: string, args: string[]): void {
    const command = join(this.bin, tool);
    if (this.asRoot) execFileSync('runuser', ['-u', 'postgres', '--', command, ...args], { stdio: 'pipe' });
    else execFileSync(command, args, { stdio: 'pipe' });
  }

  async init(): Promise<void> {
    postgresDirs.add(this);
    mkdirSync(this.dataDir, { recursive: true });
    if (this.asRoot && !this.postgresCanReach(dirname(this.dataDir))) {
      // A checkout under /root, say: the server's files go to a directory the postgres user can reach.
      rmSync(this.dataDir, { recursive: true, force: true });
      this.fallbackDir = mkdtempSync(join(tmpdir(), 'liaison-faults-pg-'));
      chmodSync(this.fallbackDir, 0o755);
      this.dataDir = join(this.fallbackDir, 'pg');
      this.logFile = join(this.fallbackDir, 'postgres.log');
      mkdirSync(this.dataDir);
    }
    if (this.asRoot) {
      const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
      const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
      chownSync(this.dataDir, uid, gid);
      closeSync(openSync(this.logFile, 'a'));
      chownSync(this.logFile, uid, gid);
    }
    this.run('initdb', ['-D', this.dataDir, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--no-sync']);
    await this.start();
    const admin = new Client({ connectionString: `postgres://postgres@127.0.0.1:${this.port}/postgres` });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${this.database}`);
    await admin.end();
  }

  async start(): Promise<void> {
    const options = [
      `-p ${this.port}`,
      '-c listen_addresses=127.0.0.1',
      "-c unix_socket_directories=''",
      '-c fsync=off',
      '-c synchronous_commit=off',
      '-c full_page_writes=off',
      '-c max_connections=300',
    ].join(' ');
    try {
      this.run('pg_ctl', ['-D', this.dataDir, '-o', options, '-l', this.logFile, '-w', '-t', '60', 'start']);
    } catch (error) {
      throw new Error(`postgres did not start: ${String(error)}\n${tail(this.logFile)}`, { cause: error });
    }
  }

  /** A fast shutdown: sessions are ended (57P01), new connections refused until start(). */
  async stop(): Promise<void> {
    this.run('pg_ctl', ['-D', this.dataDir, '-m', 'fast', '-w', '-t', '60', 'stop']);
  }

  /** An immediate stop, synchronous (for the exit hook); nothing if it is not running. */
  stopNow(): void {
    if (!existsSync(join(this.dataDir, 'postmaster.pid'))) return;
    try {
      this.run('pg_ctl', ['-D', this.dataDir, '-m', 'immediate', '-w', '-t', '30', 'stop']);
    } catch {
      // already stopped
    }
  }

  /** Stops it for good, whatever state it is in; the data directory goes too. */
  async destroy(): Promise<void> {
    postgresDirs.delete(this);
    if (existsSync(join(this.dataDir, 'postmaster.pid'))) {
      try {
        this.run('pg_ctl', ['-D', this.dataDir, '-m', 'immediate', '-w', '-t', '30', 'stop']);
      } catch {
        // already stopped
      }
    }
    rmSync(this.fallbackDir ?? this.dataDir, { recursive: true, force: true });
  }
}

/** A redis-server of the fault tests' own, without persistence: a restart loses the queue, as it would in production without AOF/RDB. */
export class OwnRedis {
  private child?: ChildProcess;

  constructor(
    private readonly dir: string,
    readonly port: number,
  ) {}

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    const log = openSync(join(this.dir, 'redis.log'), 'a');
    this.child = spawnOwned(
      'redis-server',
      ['--port', String(this.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--daemonize', 'no'],
      {
        stdio: ['ignore', log, log],
      },
    );
    closeSync(log);
    await until(
      async () => {
        const redis = new Redis(this.url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
        try {
          await redis.connect();
          return (await redis.ping()) === 'PONG';
        } finally {
          redis.disconnect();
        }
      },
      15_000,
      `redis-server on port ${this.port}`,
    );
  }

  /** SIGKILL: everything in memory (the whole reminder queue) is gone. */
  async kill(): Promise<void> {
    if (this.child) await endChild(this.child, 'SIGKILL');
    this.child = undefined;
  }
}

const SEARCH_ATTRIBUTES = [
  'LiaisonKind=Keyword',
  'LiaisonEntityId=Keyword',
  'LiaisonOrganizations=KeywordList',
  'LiaisonStatus=Keyword',
  'LiaisonNextDeadline=Datetime',
];

/** A Temporal dev server of the fault tests' own, its state in a SQLite file that survives a restart. */
export class OwnTemporal {
  private child?: ChildProcess;
  private readonly dbFile: string;
  private readonly logFile: string;

  constructor(
    dir: string,
    readonly port: number,
  ) {
    this.dbFile = join(dir, 'temporal.db');
    this.logFile = join(dir, 'temporal.log');
  }

  get address(): string {
    return `127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    const log = openSync(this.logFile, 'a');
    const [metricsPort, httpPort] = await freePorts(2);
    this.child = spawnOwned(
      temporalCli(),
      [
        'server',
        'start-dev',
        '--ip',
        '127.0.0.1',
        '--port',
        String(this.port),
        '--http-port',
        String(httpPort),
        '--metrics-port',
        String(metricsPort),
        '--headless',
        '--db-filename',
        this.dbFile,
        '--log-level',
        'error',
        ...SEARCH_ATTRIBUTES.flatMap((attribute) => ['--search-attribute', attribute]),
      ],
      { stdio: ['ignore', log, log], env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '' } },
    );
    closeSync(log);
    const child = this.child;
    await until(
      () => {
        execFileSync(temporalCli(), ['operator', 'namespace', 'describe', 'default', '--address', this.address], { stdio: 'ignore' });
        return true;
      },
      60_000,
      `the Temporal dev server on ${this.address}`,
      () => (child.exitCode !== null ? `it exited (${child.exitCode}):\n${tail(this.logFile)}` : undefined),
    );
  }

  /** SIGKILL, as a crash would; the SQLite file keeps what was committed. */
  async kill(): Promise<void> {
    if (this.child) await endChild(this.child, 'SIGKILL');
    this.child = undefined;
  }
}

/** The three backing services of one fault-test file, in their own directory under .data/faults/. */
export class FaultServices {
  readonly dir: string;
  postgres!: OwnPostgres;
  redis!: OwnRedis;
  temporal!: OwnTemporal;

  private constructor(name: string) {
    this.dir = join(FAULTS_DIR, name);
  }

  static async start(name: string): Promise<FaultServices> {
    const services = new FaultServices(name);
    // A run that died left its directory: end a Postgres still running there, then start clean.
    await new OwnPostgres(services.dir, 0).destroy();
    rmSync(services.dir, { recursive: true, force: true });
    mkdirSync(services.dir, { recursive: true });
    const [pgPort, redisPort, temporalPort] = await freePorts(3);
    services.postgres = new OwnPostgres(services.dir, pgPort);
    services.redis = new OwnRedis(services.dir, redisPort);
    services.temporal = new OwnTemporal(services.dir, temporalPort);
    try {
      await Promise.all([services.postgres.init(), services.redis.start(), services.temporal.start()]);
    } catch (error) {
      await services.stop();
      throw error;
    }
    return services;
  }

  async stop(): Promise<void> {
    await Promise.allSettled([this.temporal?.kill(), this.redis?.kill(), this.postgres?.destroy()]);
  }
}
