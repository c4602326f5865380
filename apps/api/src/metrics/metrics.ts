import { Controller, Get, Header, Inject, Injectable, NestMiddleware } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Public } from '@liaison/access';
import { METRICS_REGISTRY } from '@liaison/common';
import { EventDeliveryQueue } from '@liaison/events';
import { WorkflowMonitor } from '@liaison/monitoring';
import { ReminderQueue, registerQueueDepth } from '@liaison/notifications';
import { TEMPORAL_CLIENT } from '@liaison/temporal';
import { Client } from '@temporalio/client';
import type { NextFunction, Request, Response } from 'express';
import { Histogram, Registry } from 'prom-client';
import { registerWorkflowCounts } from './workflow-metrics';

/** Times every request; the route is the matched pattern (`/v1/exchanges/:id`), never the raw URL. */
@Injectable()
export class HttpMetricsMiddleware implements NestMiddleware {
  private readonly duration: Histogram<'method' | 'route' | 'status'>;

  constructor(@Inject(METRICS_REGISTRY) registry: Registry) {
    this.duration = new Histogram({
      name: 'liaison_http_request_duration_seconds',
      help: 'HTTP request durations by method, route and status',
      labelNames: ['method', 'route', 'status'] as const,
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [registry],
    });
  }

  use(req: Request, res: Response, next: NextFunction): void {
    const end = this.duration.startTimer({ method: req.method });
    res.on('finish', () => {
      const route = (req.route as { path?: string } | undefined)?.path;
      end({
        route: route ? `${req.baseUrl}${route}` : 'unmatched',
        status: String(res.statusCode),
      });
    });
    next();
  }
}

/**
 * Prometheus's view of the API: its process metrics, request durations (middleware above),
 * workflow executions by kind and status, and the depth of the reminder and event delivery queues. The last two are read at
 * scrape time from Temporal and Redis.
 */
@ApiExcludeController()
@Public()
@Controller('metrics')
export class MetricsController {
  constructor(
    @Inject(METRICS_REGISTRY) private readonly registry: Registry,
    workflows: WorkflowMonitor,
    queue: ReminderQueue,
    events: EventDeliveryQueue,
    @Inject(TEMPORAL_CLIENT) temporal: Client,
  ) {
    // A deadline, so that an unreachable Temporal cannot hold the scrape.
    registerWorkflowCounts(registry, () => temporal.connection.withDeadline(Date.now() + 2000, () => workflows.counts()));
    registerQueueDepth(registry, queue, events);
  }

  @Get()
  @Header('Content-Type', Registry.PROMETHEUS_CONTENT_TYPE)
  metrics(): Promise<string> {
    return this.registry.metrics();
  }
}
