import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { closeSync, existsSync, openSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { endChild, logTail } from './children';
import { listeningSockets } from './ports';
import { waitForChild } from './wait';

/**
 * A Temporal dev server of a caller's own (the fault tests, the benchmarks), on a port and a
 * SQLite file of its own, so that it never meets the machine's shared one (scripts/services.sh).
 */

const ROOT = resolve(__dirname, '../..');

/**
 * The project's custom search attributes, as `start-dev --search-attribute` takes them: the same
 * list as TEMPORAL_SEARCH_ATTRIBUTES in scripts/services.sh (the one for the shared dev server).
 */
export const SEARCH_ATTRIBUTES = [
  'LiaisonKind=Keyword',
  'LiaisonEntityId=Keyword',
  'LiaisonOrganizations=KeywordList',
  'LiaisonStatus=Keyword',
  'LiaisonNextDeadline=Datetime',
];

/** The Temporal CLI: TEMPORAL_CLI, else the one scripts/services.sh put under .tools/bin, else `temporal` on PATH. */
export function temporalCli(): string {
  if (process.env.TEMPORAL_CLI) return process.env.TEMPORAL_CLI;
  const local = join(ROOT, '.tools/bin/temporal');
  return existsSync(local) ? local : 'temporal';
}

/**
 * A TCP port for a child that cannot listen on port 0 and report the port it got, picked without
 * binding it: at random below the kernel's ephemeral range (so no outgoing connection is given it)
 * and not one any socket on this machine listens on now, nor one in `besides` (ports already
 * picked for other children that have not bound them yet). The child binds it; if another process
 * took it meanwhile the child fails to start, and the caller says so (`portTaken`): no retry.
 */
export function pickPort(besides: Iterable<number> = []): number {
  const [ephemeralLow] = readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').trim().split(/\s+/).map(Number);
  const low = 10_000;
  const high = Math.max(low + 1000, (ephemeralLow || 32_768) - 1);
  const taken = new Set([...listeningSockets().map(({ port }) => port), ...besides]);
  for (;;) {
    const port = low + Math.floor(Math.random() * (high - low));
    if (!taken.has(port)) return port;
  }
}

/** Whether a child's log says its port was taken (Node: EADDRINUSE; Go: "address already in use"). */
export function portTaken(log: string): boolean {
  return /EADDRINUSE|address already in use/i.test(log);
}

/** Every dev server started here: none may outlive the process that started it. */
const children = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
});

export interface OwnTemporalFiles {
  /** The SQLite file of its state: kept across kill() and start(), as a crashed server's would be. */
  dbFile: string;
  logFile: string;
  /** `--log-level` (default `error`). */
  logLevel?: string;
}

/**
 * `temporal server start-dev`, headless, on 127.0.0.1 and one port chosen up front (pickPort):
 * start-dev cannot listen on port 0 ("missing frontend port"), and a restart must come back on the
 * same address, as clients left running reconnect to it. If another process has taken the port,
 * the dev server exits and start() says so (no retry on another port). Its HTTP and metrics ports
 * are left to the CLI (it chooses them itself when they are not given).
 */
export class OwnTemporal {
  private child?: ChildProcess;
  readonly port: number;

  constructor(
    private readonly files: OwnTemporalFiles,
    besides: Iterable<number> = [],
  ) {
    this.port = pickPort(besides);
  }

  get address(): string {
    return `127.0.0.1:${this.port}`;
  }

  get dbFile(): string {
    return this.files.dbFile;
  }

  /** The dev server's process id while it runs (for its CPU time). */
  get pid(): number | undefined {
    return this.child?.pid;
  }

  async start(): Promise<void> {
    const { dbFile, logFile, logLevel = 'error' } = this.files;
    const log = openSync(logFile, 'a');
    const child = spawn(
      temporalCli(),
      [
        'server',
        'start-dev',
        '--ip',
        '127.0.0.1',
        '--port',
        String(this.port),
        '--headless',
        '--db-filename',
        dbFile,
        '--log-level',
        logLevel,
        ...SEARCH_ATTRIBUTES.flatMap((attribute) => ['--search-attribute', attribute]),
      ],
      { stdio: ['ignore', log, log], env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '' } },
    );
    closeSync(log);
    this.child = child;
    children.add(child);
    child.once('exit', () => children.delete(child));
    await waitForChild(
      `the Temporal dev server on ${this.address} to describe the default namespace`,
      async () => {
        execFileSync(temporalCli(), ['operator', 'namespace', 'describe', 'default', '--address', this.address], { stdio: 'pipe' });
        return 'described';
      },
      () => true,
      60_000,
      () => {
        if (child.exitCode === null && child.signalCode === null) return undefined;
        const text = logTail(logFile);
        const taken = portTaken(text)
          ? `port ${this.port} (chosen up front: the dev server cannot listen on port 0) was taken by another process; run it again. `
          : '';
        return `${taken}it exited (${child.exitCode ?? child.signalCode}):\n${text}`;
      },
    );
  }

  /** SIGKILL, as a crash would; the SQLite file keeps what was committed. */
  async kill(): Promise<void> {
    if (this.child) await endChild(this.child, 'SIGKILL', 10_000);
    this.child = undefined;
  }

  /** SIGTERM, SIGKILL if it is still there after `graceMs`. */
  async stop(graceMs = 10_000): Promise<void> {
    if (this.child) await endChild(this.child, 'SIGTERM', graceMs);
    this.child = undefined;
  }
}
