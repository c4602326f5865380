import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { closeSync, mkdirSync, openSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { logTail } from '../../test/support/children';
import { pickPort } from '../../test/support/temporal-server';
import { buildInto, checkBuild, DEFAULT_BUILD_DIR, PROCESS_NAMES, PROCESSES, ProcessName } from './build';
import { CpuSnapshot, cpuSnapshot } from './cpu';
import { BenchTemporal, LOG_DIR, startBenchTemporal } from './own-temporal';
import { temporalClient, workflowPollers } from './temporal';
import { ROOT } from './paths';
import { BENCH, resetState } from './settings';
import { sleep } from './progress';

export { PROCESS_NAMES, ProcessName };
export { BENCH, deleteKeys, withDatabase } from './settings';

/**
 * The build the processes run: the bench's own build of the working tree, or another one
 * (BENCH_BUILD_DIR, or bench:compare's --a and --b: say, a build of another commit made by
 * bench:build) to measure it without touching the sources; another build is used as it is.
 */
let buildDir = process.env.BENCH_BUILD_DIR ? resolve(process.env.BENCH_BUILD_DIR) : DEFAULT_BUILD_DIR;
const built = new Set<string>();

export function useBuild(dir: string): void {
  buildDir = resolve(dir);
}

export function currentBuild(): string {
  return buildDir;
}

/** Peak and latest resident memory (bytes) of each process, and a sample every second for charts. */
export interface MemoryTrace {
  peak: Record<ProcessName, number>;
  last: Record<ProcessName, number>;
  samples: Array<{ atMs: number } & Record<ProcessName, number>>;
}

let prepared = false;

/**
 * Once per bench process: Postgres and Redis (as `scripts/services.sh up` brings them up; the
 * shared Temporal dev server is left alone, each stack starts its own); and, once per bench process
 * too, the build the stack runs: the working tree built as `npm run build` does, into the bench's
 * own directory so that it never replaces the `dist/` a development stack runs from.
 */
export function prepare(): void {
  if (!prepared) {
    prepared = true;
    step('services', () =>
      execFileSync('bash', ['scripts/services.sh', 'up'], {
        cwd: ROOT,
        env: { ...process.env, LIAISON_SERVICES_TEMPORAL: 'cli' },
        stdio: ['ignore', 'ignore', 'inherit'],
      }),
    );
  }
  if (built.has(buildDir)) return;
  if (buildDir === DEFAULT_BUILD_DIR) step('build', () => buildInto(ROOT, DEFAULT_BUILD_DIR));
  else checkBuild(buildDir);
  built.add(buildDir);
}

function step(name: string, work: () => void): void {
  const started = Date.now();
  process.stderr.write(`[bench] ${name} …`);
  work();
  process.stderr.write(` ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
}

const running = new Set<BenchStack>();

/**
 * The three Liaison processes, one of each, as child processes of the bench on a database and
 * queue emptied for the run, with a Temporal dev server of their own (a fresh SQLite file) and
 * ports of their own. `stop()` (also called on Ctrl-C and on exit) ends them and the dev server and
 * deletes its file, so that nothing is left behind.
 */
export class BenchStack {
  readonly runId = `${new Date().toISOString().replace(/[-:]/g, '').slice(0, 15)}-${randomUUID().slice(0, 6)}`;
  readonly taskQueue = `liaison-bench-${this.runId}`;
  /** Ports of this stack's own, so that two benches never meet (picked free, bound by the processes). */
  readonly ports = pickPorts(['api', 'notifierMetrics', 'workerMetrics']);
  readonly apiUrl = `http://127.0.0.1:${this.ports.api}`;
  readonly build = buildDir;
  readonly pids = {} as Record<ProcessName, number>;
  private temporal?: BenchTemporal;
  private readonly children = new Map<ProcessName, ChildProcess>();
  /** Notifiers beyond the first (`notifiers` > 1): they share the queue, each on its own metrics port. */
  private readonly moreNotifiers: Array<{ name: string; child: ChildProcess; port: number }> = [];
  private readonly memory: MemoryTrace = { peak: zeroes(), last: zeroes(), samples: [] };
  private sampler?: NodeJS.Timeout;
  private startedAt = 0;

  /**
   * Starts a stack with `env` over the bench's settings (REMINDER_CONCURRENCY, say) and `notifiers`
   * notifier processes (1 unless said).
   */
  static async start(env: Record<string, string> = {}, notifiers = 1): Promise<BenchStack> {
    prepare();
    await resetState();
    const stack = new BenchStack();
    running.add(stack);
    try {
      stack.temporal = await startBenchTemporal(stack.runId, Object.values(stack.ports));
      await stack.launch(env, notifiers);
    } catch (error) {
      await stack.stop();
      throw error;
    }
    return stack;
  }

  private async launch(extra: Record<string, string>, notifiers: number): Promise<void> {
    mkdirSync(LOG_DIR, { recursive: true });
    const env = {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      DATABASE_URL: BENCH.databaseUrl,
      REDIS_URL: BENCH.redisUrl,
      QUEUE_PREFIX: BENCH.queuePrefix,
      TEMPORAL_ADDRESS: this.temporal!.address,
      TEMPORAL_TASK_QUEUE: this.taskQueue,
      PORT: String(this.ports.api),
      LIAISON_ADMIN_TOKEN: BENCH.adminToken,
      NOTIFIER_METRICS_PORT: String(this.ports.notifierMetrics),
      WORKER_METRICS_ADDRESS: `127.0.0.1:${this.ports.workerMetrics}`,
      LOG_LEVEL: 'warn',
      // Load comes from one address and one token.
      RATE_LIMIT_PER_ADDRESS: '1000000000',
      RATE_LIMIT_PER_TOKEN: '1000000000',
      // Nothing is e-mailed (every bench person is in-app only); this only keeps the transport off the default port.
      SMTP_URL: 'smtp://127.0.0.1:2',
      // Node options for the three processes only (a profiler's --require, say), never the bench's own.
      ...(process.env.BENCH_NODE_OPTIONS ? { NODE_OPTIONS: process.env.BENCH_NODE_OPTIONS } : {}),
      ...extra,
    };
    for (const name of PROCESS_NAMES) {
      const log = openSync(this.logFile(name), 'w');
      const child = spawn(process.execPath, [join(this.build, PROCESSES[name])], { cwd: ROOT, env, stdio: ['ignore', log, log] });
      closeSync(log);
      this.children.set(name, child);
      this.pids[name] = child.pid!;
      child.once('exit', (code, signal) => {
        if (this.children.has(name)) {
          this.children.delete(name);
          process.stderr.write(`\n[bench] the ${name} exited unexpectedly (${signal ?? code}); see ${this.logFile(name)}\n`);
        }
      });
    }
    for (let n = 2; n <= notifiers; n++) {
      const port = pickPort([...Object.values(this.ports), ...this.moreNotifiers.map((m) => m.port)]);
      const name = `notifier ${n}`;
      const log = openSync(join(LOG_DIR, `${this.runId}-notifier-${n}.log`), 'w');
      const child = spawn(process.execPath, [join(this.build, PROCESSES.notifier)], {
        cwd: ROOT,
        env: { ...env, NOTIFIER_METRICS_PORT: String(port) },
        stdio: ['ignore', log, log],
      });
      closeSync(log);
      this.moreNotifiers.push({ name, child, port });
    }
    this.startedAt = Date.now();
    this.sampler = setInterval(() => this.sampleMemory(), 1000);
    await this.waitReady();
  }

  logFile(name: ProcessName): string {
    return join(LOG_DIR, `${this.runId}-${name}.log`);
  }

  /** API and notifier answer their readiness checks, and the worker polls the run's task queue. */
  private async waitReady(): Promise<void> {
    const deadline = Date.now() + 120_000;
    const client = await temporalClient();
    const ready = {
      api: () => httpOk(`${this.apiUrl}/health/ready`),
      notifier: () => httpOk(`http://127.0.0.1:${this.ports.notifierMetrics}/health/ready`),
      worker: async () => (await workflowPollers(client, this.taskQueue)) > 0,
    };
    for (const name of PROCESS_NAMES) {
      while (!(await ready[name]().catch(() => false))) {
        if (!this.children.has(name) || Date.now() > deadline) {
          throw new Error(`the ${name} did not become ready; last lines of ${this.logFile(name)}:\n${logTail(this.logFile(name), 20)}`);
        }
        await sleep(250);
      }
    }
    for (const { name, child, port } of this.moreNotifiers) {
      while (!(await httpOk(`http://127.0.0.1:${port}/health/ready`).catch(() => false))) {
        if (child.exitCode !== null || Date.now() > deadline) throw new Error(`the ${name} did not become ready`);
        await sleep(250);
      }
    }
  }

  private sampleMemory(): void {
    const sample = { atMs: Date.now() - this.startedAt } as MemoryTrace['samples'][number];
    for (const name of PROCESS_NAMES) {
      const rss = residentBytes(this.pids[name]);
      sample[name] = rss;
      this.memory.last[name] = rss;
      this.memory.peak[name] = Math.max(this.memory.peak[name], rss);
    }
    this.memory.samples.push(sample);
  }

  /** Resident memory so far; `resetPeaks` starts the peaks again (before the measured phase). */
  memoryTrace(resetPeaks = false): MemoryTrace {
    this.sampleMemory();
    const trace = structuredClone(this.memory);
    if (resetPeaks) this.memory.peak = { ...this.memory.last };
    return trace;
  }

  /** CPU seconds used so far by each process of the stack, the bench itself and the backing services. */
  cpu(): CpuSnapshot {
    const more = Object.fromEntries(this.moreNotifiers.map(({ name, child }) => [name, child.pid!]));
    return cpuSnapshot({ ...this.pids, ...more, 'Temporal dev server': this.temporal?.pid ?? 0 });
  }

  /** The notifiers' Prometheus texts one after the other (counters add up across them), or null when one does not answer. */
  async notifierMetrics(): Promise<string | null> {
    const ports = [this.ports.notifierMetrics, ...this.moreNotifiers.map((m) => m.port)];
    const texts = await Promise.all(
      ports.map(async (port) => {
        const res = await fetch(`http://127.0.0.1:${port}/metrics`).catch(() => null);
        return res?.ok ? res.text() : null;
      }),
    );
    return texts.includes(null) ? null : texts.join('\n');
  }

  /** The pids of every Liaison process of the stack, further notifiers included. */
  allPids(): number[] {
    return [...Object.values(this.pids), ...this.moreNotifiers.map(({ child }) => child.pid!)];
  }

  async stop(): Promise<void> {
    if (!running.delete(this)) return;
    clearInterval(this.sampler);
    await Promise.all([
      ...[...this.children.entries()].map(async ([name, child]) => {
        this.children.delete(name);
        await endProcess(child);
      }),
      ...this.moreNotifiers.splice(0).map(({ child }) => endProcess(child)),
    ]);
    // The run's workflows go with its dev server and its SQLite file.
    await this.temporal?.stop();
  }
}

/** Every bench stack still running, ended at once: on Ctrl-C, a kill, or an error nobody caught. */
export async function stopAll(): Promise<void> {
  await Promise.all([...running].map((stack) => stack.stop()));
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    process.stderr.write(`\n[bench] ${signal}: stopping the bench processes …\n`);
    void stopAll().finally(() => process.exit(130));
  });
}
// Last resort (process.exit from elsewhere): no child may outlive the bench.
process.once('exit', () => {
  for (const stack of running) for (const pid of stack.allPids()) killQuietly(pid, 'SIGKILL');
});

/** SIGTERM (the processes drain), then SIGKILL if one is still there after 30 s. */
async function endProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
  await exited;
  clearTimeout(timer);
}

function killQuietly(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(pid, signal);
  } catch {
    // already gone
  }
}

/** VmRSS of a process, in bytes; 0 once it has gone. */
export function residentBytes(pid: number): number {
  try {
    const match = /^VmRSS:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}

async function httpOk(url: string): Promise<boolean> {
  const res = await fetch(url, { signal: AbortSignal.timeout(2000) });
  await res.arrayBuffer();
  return res.ok;
}

function pickPorts<K extends string>(names: K[]): Record<K, number> {
  const ports = {} as Record<K, number>;
  for (const name of names) ports[name] = pickPort(Object.values<number>(ports));
  return ports;
}

function zeroes(): Record<ProcessName, number> {
  return { api: 0, worker: 0, notifier: 0 };
}
