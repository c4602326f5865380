import { ChildProcess } from 'node:child_process';
import { closeSync, mkdirSync, openSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createLiaisonClient, type LiaisonClient } from '../../../libs/client/src';
import { BUILD_DIR, ROOT } from './paths';
import { FaultServices, endChild, lastLines, spawnOwned, waitForChild } from './services';

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
    /** The port it listens on (API, notifier): read from its log once it listens. */
    public port: number,
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

  /** Waits until its log has `text` (what it last saw: the log's last lines); gives up at once if it exits. */
  async logged(text: string, what: string, timeoutMs = 90_000): Promise<void> {
    await waitForChild(
      `${this.name}: ${what} (its log to say "${text}")`,
      async () => ({ found: this.log().includes(text), lastLines: lastLines(this.log(), 3) }),
      (seen) => seen.found,
      timeoutMs,
      () => (this.running ? undefined : `it exited (${this.exited?.code ?? this.exited?.signal}):\n${lastLines(this.log(), 20)}`),
    );
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

  /**
   * Starts one process of `role` and waits until it is ready (API and notifier: /health/ready;
   * worker: polling its task queue). The API (PORT=0) and the notifier (NOTIFIER_METRICS_PORT=0)
   * listen on a port the system picks, read from the line each logs.
   */
  async start(role: Role, extraEnv: Record<string, string> = {}): Promise<LiaisonProcess> {
    const name = `${role}-${++this.started}`;
    const logFile = join(this.logDir, `${name}.log`);
    const log = openSync(logFile, 'w');
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
        PORT: '0',
        PUBLIC_BASE_URL: 'http://liaison.test',
        NOTIFIER_METRICS_PORT: '0',
        WORKER_METRICS_ADDRESS: 'off',
        LOG_LEVEL: 'info',
        RATE_LIMIT_PER_ADDRESS: '100000000',
        RATE_LIMIT_PER_TOKEN: '100000000',
        ...this.env,
        ...extraEnv,
      },
    });
    closeSync(log);
    const proc = new LiaisonProcess(role, name, child, logFile, 0);
    this.processes.push(proc);
    const gone = () => {
      if (proc.running) return undefined;
      const text = proc.log();
      return `it exited (${proc.exited?.code ?? proc.exited?.signal}); log:\n${lastLines(text, 20)}`;
    };
    try {
      if (role !== 'worker') {
        const line = await waitForChild(
          `${name} to log the port it listens on`,
          async () =>
            /(?:notifier metrics and health on port|liaison api listening on port) (\d+)/.exec(proc.log()) ?? lastLines(proc.log()),
          (seen) => typeof seen !== 'string',
          90_000,
          gone,
        );
        proc.port = Number((line as RegExpExecArray)[1]);
      }
      if (role === 'worker') {
        await waitForChild(
          `${name} to poll its task queue`,
          async () => proc.log(),
          (text) => text.includes('workflow worker polling task queue'),
          90_000,
          gone,
        );
      } else {
        await waitForChild(
          `${name} to answer /health/ready with 200`,
          () => httpStatus(`${proc.url}/health/ready`),
          (status) => status === 200,
          90_000,
          gone,
        );
      }
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

  /**
   * A typed client (`@liaison/client`) of an API process (the next running one in turn, as
   * `apiUrl`), as `token`; each request gives up after 30 s.
   */
  client(token: string): LiaisonClient {
    return createLiaisonClient({
      baseUrl: this.apiUrl(),
      token,
      fetch: (request) => fetch(request, { signal: AbortSignal.timeout(30_000) }),
    });
  }

  /**
   * A request to an API process, as a client would make it; the status and the parsed body. Raw
   * fetch, for the fault specs' calls by method and path string (this lib's own go through `client`).
   */
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

async function httpStatus(url: string): Promise<number> {
  const res = await fetch(url, { signal: AbortSignal.timeout(2000) });
  await res.arrayBuffer();
  return res.status;
}
