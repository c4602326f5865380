import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { METRICS_REGISTRY, withTimeout } from '@liaison/common';
import { LIAISON_CONFIG, LiaisonConfig } from '@liaison/config';
import { EventDeliveryQueue } from '@liaison/events';
import { ReminderQueue, registerQueueDepth } from '@liaison/notifications';
import { DatabaseRepository } from '@liaison/persistence';
import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Registry } from 'prom-client';

type Check = { status: 'up' } | { status: 'down'; message: string };

/**
 * The notifier has no API, only this small HTTP server on NOTIFIER_METRICS_PORT, for Prometheus
 * (`/metrics`) and for the orchestrator (`/health/live`, `/health/ready`: Postgres and Redis).
 */
@Injectable()
export class NotifierHttpServer implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(NotifierHttpServer.name);
  private server?: Server;

  constructor(
    @Inject(LIAISON_CONFIG) private readonly config: LiaisonConfig,
    private readonly database: DatabaseRepository,
    private readonly queue: ReminderQueue,
    @Inject(METRICS_REGISTRY) private readonly registry: Registry,
    events: EventDeliveryQueue,
  ) {
    registerQueueDepth(registry, queue, events);
  }

  /** The port listened on: NOTIFIER_METRICS_PORT, or the one the system chose when that is 0. */
  get port(): number {
    if (!this.server?.listening) throw new Error('the notifier HTTP server is not listening');
    return (this.server.address() as AddressInfo).port;
  }

  async onApplicationBootstrap(): Promise<void> {
    const server = createServer((req, res) => {
      this.handle(req, res).catch((error: unknown) => {
        this.logger.error({ err: error instanceof Error ? error.message : String(error), url: req.url }, 'notifier HTTP request failed');
        if (!res.headersSent) res.writeHead(500);
        res.end();
      });
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.config.monitoring.notifierMetricsPort, '0.0.0.0', () => {
        server.off('error', reject);
        resolve();
      });
    });
    this.server = server;
    this.logger.log(`notifier metrics and health on port ${this.port}`);
  }

  async onApplicationShutdown(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (!server) return;
    // Scrapers keep connections alive; they would hold close() open.
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = new URL(req.url ?? '/', 'http://notifier').pathname;
    if (req.method !== 'GET') return send(res, 405, 'application/json', { message: 'only GET' });
    switch (path) {
      case '/metrics':
        return send(res, 200, Registry.PROMETHEUS_CONTENT_TYPE, await this.registry.metrics());
      case '/health/live':
        return send(res, 200, 'application/json', { status: 'ok' });
      case '/health/ready': {
        const details = {
          postgres: await probe(() => this.database.ping()),
          redis: await probe(() => this.queue.ping()),
        };
        const up = Object.values(details).every((check) => check.status === 'up');
        return send(res, up ? 200 : 503, 'application/json', { status: up ? 'ok' : 'error', details });
      }
      default:
        return send(res, 404, 'application/json', { message: `no route ${path}` });
    }
  }
}

async function probe(check: () => Promise<unknown>): Promise<Check> {
  try {
    await withTimeout(check(), 2000);
    return { status: 'up' };
  } catch (error) {
    return { status: 'down', message: error instanceof Error ? error.message : String(error) };
  }
}

function send(res: ServerResponse, status: number, contentType: string, body: string | object): void {
  res.writeHead(status, { 'Content-Type': contentType }).end(typeof body === 'string' ? body : JSON.stringify(body));
}
