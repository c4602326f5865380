import 'reflect-metadata';
import type { INestApplication, INestApplicationContext, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Test } from '@nestjs/testing';
import { DefaultLogger, NativeConnection, Worker } from '@temporalio/worker';
import { readFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import supertest from 'supertest';
import { ApiModule } from '../../apps/api/src/api.module';
import { configureApp } from '../../apps/api/src/configure-app';
import { NotifierAppModule } from '../../apps/notifier/src/notifier-app.module';
import { NotifierHttpServer } from '../../apps/notifier/src/notifier-http.server';
import { WorkerModule } from '../../apps/worker/src/worker.module';
import { createLiaisonClient, type LiaisonClient } from '../../libs/client/src';
import { LIAISON_CONFIG, LiaisonConfig } from '../../libs/config/src';
import { createLiaisonWorker } from '../../libs/workflows/src/liaison-worker';
import { installWorkerRuntime } from '../../libs/workflows/src/worker-runtime';
import { holdErrorsToDocument } from './document-held';
import { createOwnDatabase } from './own-database';
import { listeningPortsOfThisProcess } from './ports';
import { waitFor } from './wait';
import { SmtpSink } from './smtp-sink';
import { TEST_DATABASE_URL, TEST_REDIS_URL, WORKFLOW_BUNDLE_FILE, assertTestDatabase } from './test-env';

export const ADMIN_TOKEN = 'test-admin-token-0123456789';

export interface StackOptions {
  /** On a migrated database of its own instead of the shared one (see createOwnDatabase). */
  ownDatabase?: boolean;
}

/**
 * The three Liaison processes, in this Jest worker, on the real services: the API through the
 * same configureApp() as production, the Temporal worker with the prebuilt workflow bundle, and
 * the notifier; plus an SMTP server. Each stack has its own Temporal task queue, so workflows of
 * other runs or of a development worker never mix with it.
 */
export class TestStack {
  readonly smtp = new SmtpSink();
  api!: INestApplication;
  private workerApp?: INestApplicationContext;
  private worker?: { worker: Worker; connection: NativeConnection; run: Promise<void> };
  private notifier?: INestApplicationContext;

  /** The environment this stack's processes read their configuration from, and what it replaced. */
  private env: Record<string, string> = {};
  private ownDatabase?: { url: string; drop: () => Promise<void> };
  private replacedEnv: Record<string, string | undefined> = {};

  /**
   * `env`: settings of this stack's own (shortened service levels, say), over the test defaults.
   * They are in `process.env` while one of its processes starts (a worker restarted later reads
   * them again, even if another stack started meanwhile) and are taken out again by `stop()`.
   */
  static async start(env: Record<string, string> = {}, options: StackOptions = {}): Promise<TestStack> {
    await installQuietTemporalRuntime();
    const stack = new TestStack();
    await stack.smtp.start();
    assertTestDatabase(TEST_DATABASE_URL);
    if (options.ownDatabase) stack.ownDatabase = await createOwnDatabase();
    stack.env = {
      DATABASE_URL: stack.ownDatabase?.url ?? TEST_DATABASE_URL,
      REDIS_URL: TEST_REDIS_URL,
      TEMPORAL_TASK_QUEUE: `liaison-test-${randomUUID()}`,
      // Its own reminder queue too: stacks of parallel Jest workers share Redis, and a notifier must
      // not take (and mail through its own SMTP sink) another stack's reminders.
      QUEUE_PREFIX: `liaison-test-${randomUUID()}`,
      LIAISON_ADMIN_TOKEN: ADMIN_TOKEN,
      SMTP_URL: stack.smtp.url,
      LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'warn',
      REMINDER_BACKOFF_MS: '200',
      // Suites send hundreds of requests a minute from one address; the rate-limit test sets its own.
      RATE_LIMIT_PER_ADDRESS: '1000000',
      RATE_LIMIT_PER_TOKEN: '1000000',
      PUBLIC_BASE_URL: 'http://liaison.test',
      // Its /metrics and /health on a free port: several notifiers may run at once.
      NOTIFIER_METRICS_PORT: '0',
      // Suites' webhook receivers listen on 127.0.0.1; the SSRF suite turns this off.
      WEBHOOK_ALLOW_PRIVATE_NETWORKS: 'true',
      // The sweep and the start relay read every row of the database, other suites' too: off (one pass
      // a day) unless a suite is about them, and then on a database of its own (options.ownDatabase).
      REMINDER_SWEEP_INTERVAL: 'P1D',
      WORKFLOW_START_RELAY_INTERVAL: 'P1D',
      // The digest pass too: it reads every opted-in person; the digest suite drives it itself, on a database of its own.
      DIGEST_PASS_INTERVAL: 'P1D',
      ...env,
    };
    stack.replacedEnv = Object.fromEntries(Object.keys(stack.env).map((name) => [name, process.env[name]]));
    stack.applyEnv();
    const moduleRef = await Test.createTestingModule({ imports: [ApiModule] }).compile();
    stack.api = configureApp(moduleRef.createNestApplication({ bodyParser: false, bufferLogs: true }));
    holdErrorsToDocument(stack.api);
    await stack.api.listen(0, '127.0.0.1');
    await stack.startWorker();
    await stack.startNotifier();
    return stack;
  }

  get config(): LiaisonConfig {
    return this.api.get<LiaisonConfig>(LIAISON_CONFIG);
  }

  http(): ReturnType<typeof supertest> {
    return supertest(this.api.getHttpServer());
  }

  /**
   * The API's origin (`http://127.0.0.1:<port>`), for a client that needs a real port (the typed
   * client, a browser). The API listens on 127.0.0.1, port 0, from the start: supertest then uses that
   * server as it is, rather than listening on a port of its own for each request, which a client
   * asking for the origin meanwhile could have taken. `stop()` closes the server with the app.
   */
  async baseUrl(): Promise<string> {
    return `http://127.0.0.1:${((this.api.getHttpServer() as Server).address() as AddressInfo).port}`;
  }

  /** A typed client of this stack's API (`@liaison/client`), as `token` (none: anonymous). */
  async client(token?: string): Promise<LiaisonClient> {
    return createLiaisonClient({ baseUrl: await this.baseUrl(), token });
  }

  /** A provider of the running notifier (its sweep, say), by class or by token (a queue's). */
  inNotifier<T>(type: Type<T> | string): T {
    if (!this.notifier) throw new Error('the notifier is not running');
    return this.notifier.get(type);
  }

  /** The running notifier's own HTTP server (/metrics, /health). */
  notifierHttp(): ReturnType<typeof supertest> {
    if (!this.notifier) throw new Error('the notifier is not running');
    return supertest(`http://127.0.0.1:${this.notifier.get(NotifierHttpServer).port}`);
  }

  private applyEnv(): void {
    Object.assign(process.env, this.env);
  }

  async startWorker(): Promise<void> {
    this.applyEnv();
    this.workerApp = await NestFactory.createApplicationContext(WorkerModule, { logger: ['error', 'warn'] });
    const { worker, connection } = await createLiaisonWorker(this.workerApp, this.config, {
      workflowBundle: { code: readFileSync(WORKFLOW_BUNDLE_FILE, 'utf8') },
    });
    this.worker = { worker, connection, run: worker.run() };
  }

  async startNotifier(): Promise<void> {
    this.applyEnv();
    this.notifier = await NestFactory.createApplicationContext(NotifierAppModule, { logger: ['error', 'warn'] });
  }

  /** Stops the notifier as SIGTERM would: active jobs finish, queued ones stay in Redis. */
  async stopNotifier(): Promise<void> {
    await this.notifier?.close();
    this.notifier = undefined;
  }

  /** Stops the workflow worker as SIGTERM would; its workflows resume (by replay) on the next one. */
  async stopWorker(): Promise<void> {
    if (this.worker) {
      this.worker.worker.shutdown();
      await this.worker.run;
      await this.worker.connection.close();
      this.worker = undefined;
    }
    await this.workerApp?.close();
    this.workerApp = undefined;
  }

  async stop(): Promise<void> {
    await stopStep('the notifier', () => this.stopNotifier());
    await stopStep('the workflow worker', () => this.stopWorker());
    await stopStep('the API', async () => this.api?.close());
    await stopStep('the SMTP server', () => this.smtp.stop());
    await stopStep('dropping its database', async () => this.ownDatabase?.drop());
    for (const [name, value] of Object.entries(this.replacedEnv)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  }
}

/**
 * One step of `stop()`, which says on stderr, every 15 s, that it is still waiting on it: when an
 * `afterAll` goes past its timeout, the log names the step that held it.
 */
async function stopStep(name: string, step: () => Promise<unknown>): Promise<void> {
  const started = Date.now();
  const watch = setInterval(
    () => process.stderr.write(`[stack] stop: still waiting on ${name} after ${Math.round((Date.now() - started) / 1000)} s\n`),
    15_000,
  );
  try {
    await step();
  } finally {
    clearInterval(watch);
  }
}

let workerMetrics: Promise<string> | undefined;

/**
 * The Temporal runtime of this test file's workers, once: WARN logs only, and the SDK's Prometheus
 * metrics on port 0; the port it got is the one this process listens on that it did not before
 * (see workerMetricsUrl).
 */
function installQuietTemporalRuntime(): Promise<string> {
  workerMetrics ??= (async () => {
    const before = listeningPortsOfThisProcess();
    installWorkerRuntime('127.0.0.1:0', new DefaultLogger('WARN'));
    const opened = await waitFor(
      "the Temporal SDK's metrics endpoint listening",
      async () => [...listeningPortsOfThisProcess()].filter((port) => !before.has(port)),
      (ports) => ports.length === 1,
    );
    return `127.0.0.1:${opened[0]}`;
  })();
  return workerMetrics;
}

/** Where the workers' SDK metrics are served while one of them runs. */
export async function workerMetricsUrl(): Promise<string> {
  if (!workerMetrics) throw new Error('no test stack has started');
  return `http://${await workerMetrics}/metrics`;
}
