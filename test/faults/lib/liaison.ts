import { ChildProcess } from 'node:child_process';
import { closeSync, mkdirSync, openSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { freePorts } from '../../support/ports';
import { BUILD_DIR, ROOT } from './paths';
import { FaultServices, endChild, spawnOwned, until } from './services';

export const ADMIN_TOKEN = 'faults-admin-token-0123456789';
export type Role = 'api' | 'worker' | 'notifier';

const ENTRY: Record<Role, string> = {
  api: 'apps/api/src/main.js',
  worker: 'apps/worker/src/main.js',
  notifier: 'apps/notifier/src/main.js',
};

/** One Liaison process, a child of the test: it can be SIGKILLed, SIGTERMed and started again. */
export class LiaisonProcess {
  exited?: { code: number | null; signal: NodeJS.Signals | null; at: number };
  readonly whenExited: Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>;

  constructor(
    readonly role: Role,
    readonly name: string,
    readonly child: ChildProcess,
    readonly logFile: string,
    readonly port: number,
  ) {
    this.whenExited = new Promise((resolve) =>
      child.once('exit', (code, signal) => {
        this.exited = { code, signal, at: Date.now() };
        resolve(this.exited);
      }),
    );
  }

  get running(): boolean {
    return this.exited === undefined;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  log(): string {
    try {
      return readFileSync(this.logFile, 'utf8');
    } catch {
      return '';
    }
  }
}

/**
 * The Liaison processes of one fault-test file, built once (global-setup.ts) and run as child
 * processes on the file's own services: any number of each, each with its own log under
 * `<services dir>/logs/`. The test's settings (short sweep, SMTP sink) are in `env`.
 */
export class LiaisonCluster {
  readonly processes: LiaisonProcess[] = [];
  private started = 0;
  private nextApi = 0;
  private readonly logDir: string;

  constructor(
    private readonly services: FaultServices,
    private readonly env: Record<string, string>,
  ) {
    this.logDir = join(services.dir, 'logs');
    mkdirSync(this.logDir, { recursive: true });
  }

  running(role?: Role): LiaisonProcess[] {
    return this.processes.filter((p) => p.running && (!role || p.role === role));
  }

  /** Starts one process of `role` and waits until it is ready (API and notifier: /health/ready; worker: polling). */
  async start(role: Role, extraEnv: Record<string, string> = {}): Promise<LiaisonProcess> {
    const [port, notifierPort] = await freePorts(2);
    const name = `${role}-${++this.started}`;
    const logFile = join(this.logDir, `${name}.log`);
    const log = openSync(logFile, 'w');
    const ownPort = role === 'api' ? port : role === 'notifier' ? notifierPort : 0;
    const child = spawnOwned(process.execPath, [join(BUILD_DIR, ENTRY[role])], {
      cwd: ROOT,
      stdio: ['ignore', log, log],
      env: {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? '',
        DATABASE_URL: this.services.postgres.url,
        REDIS_URL: this.services.redis.url,
        TEMPORAL_ADDRESS: this.services.temporal.address,
        TEMPORAL_TASK_QUEUE: 'liaison-faults',
        QUEUE_PREFIX: 'liaison-faults',
        LIAISON_ADMIN_TOKEN: ADMIN_TOKEN,
        PORT: String(port),
        PUBLIC_BASE_URL: 'http://liaison.test',
        NOTIFIER_METRICS_PORT: String(notifierPort),
        WORKER_METRICS_ADDRESS: 'off',
        LOG_LEVEL: 'info',
        RATE_LIMIT_PER_ADDRESS: '100000000',
        RATE_LIMIT_PER_TOKEN: '100000000',
        ...this.env,
        ...extraEnv,
      },
    });
    closeSync(log);
    const proc = new LiaisonProcess(role, name, child, logFile, ownPort);
    this.processes.push(proc);
    const ready = {
      api: () => httpOk(`${proc.url}/health/ready`),
      notifier: () => httpOk(`${proc.url}/health/ready`),
      worker: () => proc.log().includes('workflow worker polling task queue'),
    }[role];
    try {
      await until(ready, 90_000, `${name} to be ready`, () =>
        proc.running ? undefined : `it exited (${proc.exited?.code ?? proc.exited?.signal}); log:\n${lastLines(proc.log())}`,
      );
    } catch (error) {
      await endChild(child, 'SIGKILL');
      throw error;
    }
    return proc;
  }

  /** SIGKILL: no drain, no shutdown hook; whatever it was doing is cut off. */
  async kill(proc: LiaisonProcess): Promise<void> {
    await endChild(proc.child, 'SIGKILL');
  }

  /** SIGTERM, and the time it took to exit (SIGKILL after `killAfterMs` so that a hung drain cannot hang the test). */
  async terminate(
    proc: LiaisonProcess,
    killAfterMs = 60_000,
  ): Promise<{ code: number | null; signal: NodeJS.Signals | null; tookMs: number }> {
    const sent = Date.now();
    await endChild(proc.child, 'SIGTERM', killAfterMs);
    const exited = await proc.whenExited;
    return { code: exited.code, signal: exited.signal, tookMs: exited.at - sent };
  }

  /** The API to send the next request to: the running ones in turn. */
  apiUrl(): string {
    const apis = this.running('api');
    if (apis.length === 0) throw new Error('no API process is running');
    return apis[this.nextApi++ % apis.length].url;
  }

  /** A request to an API process, as a client would make it; the status and the parsed body. */
  async request(method: string, path: string, token: string, body?: unknown): Promise<{ status: number; body: any; headers: Headers }> {
    const res = await fetch(`${this.apiUrl()}${path}`, {
      method,
      headers: { Authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(30_000),
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : undefined, headers: res.headers };
  }

  /** `request`, failing the test unless the status is one of `expect`. */
  async call<T = any>(method: string, path: string, token: string, body?: unknown, expect = [200, 201]): Promise<T> {
    const res = await this.request(method, path, token, body);
    if (!expect.includes(res.status)) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(res.body).slice(0, 500)}`);
    return res.body as T;
  }

  /** Ends every process still running (SIGKILL: the services go next, nothing is worth draining). */
  async stop(): Promise<void> {
    await Promise.all(this.running().map((proc) => endChild(proc.child, 'SIGKILL')));
  }
}

async function httpOk(url: string): Promise<boolean> {
  const res = await fetch(url, { signal: AbortSignal.timeout(2000) });
  await res.arrayBuffer();
  return res.ok;
}

function lastLines(text: string, lines = 20): string {
  return text.trimEnd().split('\n').slice(-lines).join('\n');
}
