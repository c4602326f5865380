import { ChildProcess, execFileSync, spawn, SpawnOptions } from 'node:child_process';
import { chmodSync, chownSync, closeSync, existsSync, mkdirSync, mkdtempSync, openSync, rmSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { dirname, join } from 'node:path';
import { Client } from 'pg';
import Redis from 'ioredis';
import { endChild, logTail } from '../../support/children';
import { waitFor, waitForChild } from '../../support/wait';
import { OwnTemporal } from '../../support/temporal-server';
import { FAULTS_DIR, postgresBin } from './paths';

export { endChild, waitFor, waitForChild };

/** The last lines of a text (a log), for what a wait last saw. */
export function lastLines(text: string, lines = 5): string {
  return text.trimEnd().split('\n').slice(-lines).join('\n');
}

/** Every child the fault tests start, and every Postgres data directory: none may outlive the Jest worker. */
const children = new Set<ChildProcess>();
const postgresDirs = new Set<{ stopNow: () => void }>();
/** The runs' socket directories under the system's temporary one. */
const socketDirs = new Set<string>();
process.once('exit', () => {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  for (const postgres of postgresDirs) postgres.stopNow();
  for (const dir of socketDirs) rmSync(dir, { recursive: true, force: true });
});

/** Spawns a child that is SIGKILLed if the test process exits first. */
export function spawnOwned(command: string, args: string[], options: SpawnOptions): ChildProcess {
  const child = spawn(command, args, options);
  children.add(child);
  child.once('exit', () => children.delete(child));
  return child;
}

/**
 * A Postgres cluster of the fault tests' own (initdb into `dir`), listening on a Unix-domain socket
 * in `socketDir` only (no TCP port: nothing to pick, nothing another process can take), so that
 * stopping it never touches the machine's Postgres on 5432. Run as the `postgres` user when the tests
 * run as root (initdb refuses root); fsync off: the tests never crash the machine, only the server.
 */
export class OwnPostgres {
  readonly database = 'liaison_faults_test';
  /** Names the socket file (`.s.PGSQL.5432`) in the run's own socket directory; no TCP port is opened. */
  private readonly port = 5432;
  private dataDir: string;
  private logFile: string;
  /** A directory under the system's temporary one, when the `postgres` user cannot reach `dir`. */
  private fallbackDir?: string;
  private readonly bin = postgresBin();
  private readonly asRoot = userInfo().uid === 0;

  constructor(
    dir: string,
    private readonly socketDir: string,
  ) {
    this.dataDir = join(dir, 'pg');
    this.logFile = join(dir, 'postgres.log');
  }

  /** node-postgres (and so the product's DATABASE_URL) takes a socket directory as `?host=<dir>`. */
  urlOf(database: string): string {
    return `postgres://postgres@localhost:${this.port}/${database}?host=${encodeURIComponent(this.socketDir)}`;
  }

  get url(): string {
    return this.urlOf(this.database);
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
    mkdirSync(this.socketDir, { recursive: true });
    if (this.asRoot) {
      const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
      const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
      chownSync(this.dataDir, uid, gid);
      chownSync(this.socketDir, uid, gid);
      closeSync(openSync(this.logFile, 'a'));
      chownSync(this.logFile, uid, gid);
    }
    this.run('initdb', ['-D', this.dataDir, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--no-sync']);
    await this.start();
    const admin = new Client({ connectionString: this.urlOf('postgres') });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${this.database}`);
    await admin.end();
  }

  async start(): Promise<void> {
    const options = [
      `-p ${this.port}`,
      "-c listen_addresses=''",
      `-c unix_socket_directories=${this.socketDir}`,
      '-c fsync=off',
      '-c synchronous_commit=off',
      '-c full_page_writes=off',
      '-c max_connections=300',
    ].join(' ');
    try {
      // -w: pg_ctl itself waits until the server accepts connections (or fails after 60 s).
      this.run('pg_ctl', ['-D', this.dataDir, '-o', options, '-l', this.logFile, '-w', '-t', '60', 'start']);
    } catch (error) {
      throw new Error(`postgres did not start: ${String(error)}\n${logTail(this.logFile)}`, { cause: error });
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

/**
 * A redis-server of the fault tests' own, on a Unix-domain socket only (`--port 0`: no TCP port),
 * without persistence: a restart loses the queue, as it would in production without AOF/RDB.
 */
export class OwnRedis {
  private child?: ChildProcess;
  private readonly logFile: string;

  constructor(
    private readonly dir: string,
    readonly socketPath: string,
  ) {
    this.logFile = join(dir, 'redis.log');
  }

  /** ioredis (and so the product's REDIS_URL, for BullMQ) takes a socket as `?path=<socket>`; the host is then unused. */
  get url(): string {
    return `redis://localhost/?path=${encodeURIComponent(this.socketPath)}`;
  }

  async start(): Promise<void> {
    const log = openSync(this.logFile, 'a');
    this.child = spawnOwned(
      'redis-server',
      ['--port', '0', '--unixsocket', this.socketPath, '--unixsocketperm', '700', '--save', '', '--appendonly', 'no', '--daemonize', 'no'],
      { stdio: ['ignore', log, log] },
    );
    closeSync(log);
    const child = this.child;
    await waitForChild(
      `redis-server on ${this.socketPath} to answer PING`,
      async () => {
        const redis = new Redis(this.url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
        try {
          await redis.connect();
          return await redis.ping();
        } finally {
          redis.disconnect();
        }
      },
      (answer) => answer === 'PONG',
      15_000,
      () =>
        child.exitCode !== null || child.signalCode !== null
          ? `it exited (${child.exitCode ?? child.signalCode}):\n${logTail(this.logFile)}`
          : undefined,
    );
  }

  /** SIGKILL: everything in memory (the whole reminder queue) is gone. */
  async kill(): Promise<void> {
    if (this.child) await endChild(this.child, 'SIGKILL');
    this.child = undefined;
  }
}

/** The fault tests' Temporal dev server: the shared OwnTemporal, its state and log in the file's directory. */
export function faultTemporal(dir: string): OwnTemporal {
  return new OwnTemporal({ dbFile: join(dir, 'temporal.db'), logFile: join(dir, 'temporal.log') });
}

/**
 * The three backing services of one fault-test file: data and logs in their own directory under
 * .data/faults/, the Postgres and Redis sockets in a temporary directory of the run's own (short
 * enough for a socket path, whatever the checkout's path).
 */
export class FaultServices {
  readonly dir: string;
  socketDir!: string;
  postgres!: OwnPostgres;
  redis!: OwnRedis;
  temporal!: OwnTemporal;

  private constructor(name: string) {
    this.dir = join(FAULTS_DIR, name);
  }

  static async start(name: string): Promise<FaultServices> {
    const services = new FaultServices(name);
    // A run that died left its directory: end a Postgres still running there, then start clean.
    await new OwnPostgres(services.dir, tmpdir()).destroy();
    rmSync(services.dir, { recursive: true, force: true });
    mkdirSync(services.dir, { recursive: true });
    services.socketDir = mkdtempSync(join(tmpdir(), 'liaison-faults-'));
    socketDirs.add(services.socketDir);
    chmodSync(services.socketDir, 0o755);
    services.postgres = new OwnPostgres(services.dir, join(services.socketDir, 'pg'));
    services.redis = new OwnRedis(services.dir, join(services.socketDir, 'redis.sock'));
    services.temporal = faultTemporal(services.dir);
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
    if (this.socketDir) {
      rmSync(this.socketDir, { recursive: true, force: true });
      socketDirs.delete(this.socketDir);
    }
  }
}
