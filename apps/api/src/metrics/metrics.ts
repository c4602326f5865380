import { Controller, Get, Header, Inject, Injectable, NestMiddleware, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Public } from '@liaison/access';
import { WorkflowMonitor } from '@liaison/monitoring';
import { ReminderQueue, watchQueueDepth } from '@liaison/notifications';
import { TEMPORAL_CLIENT } from '@liaison/temporal';
import { Client } from '@temporalio/client';
import type { NextFunction, Request, Response } from 'express';
import { collectDefaultMetrics, Histogram, register } from 'prom-client';
import { watchWorkflowCounts } from './workflow-metrics';

collectDefaultMetrics({ prefix: 'liaison_api_' });

const httpDuration = new Histogram({
  name: 'liaison_http_request_duration_seconds',
  help: 'HTTP request durations by method, route and status',
  labelNames: ['method', 'route', 'status'] as const,
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
});

/** Times every request; the route is the matched pattern (`/v1/exchanges/:id`), never the raw URL. */
@Injectable()
export class HttpMetricsMiddleware implements NestMiddleware {
  use(req: Request, res: Response, next: NextFunction): void {
    const end = httpDuration.startTimer({ method: req.method });
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
 * Prometheus's view of the API: request durations (middleware above), workflow executions by kind
 * and status, and the reminder queue's depth. The last two are read at scrape time from Temporal
 * and Redis, through this instance while it lives.
 */
@ApiExcludeController()
@Public()
@Controller('metrics')
export class MetricsController implements OnModuleInit, OnModuleDestroy {
  private readonly unwatch: Array<() => void> = [];

  constructor(
    private readonly workflows: WorkflowMonitor,
    private readonly queue: ReminderQueue,
    @Inject(TEMPORAL_CLIENT) private readonly temporal: Client,
  ) {}

  onModuleInit(): void {
    this.unwatch.push(
      // A deadline, so that an unreachable Temporal cannot hold the scrape.
      watchWorkflowCounts(() => this.temporal.connection.withDeadline(Date.now() + 2000, () => this.workflows.counts())),
      watchQueueDepth(this.queue),
    );
  }

  onModuleDestroy(): void {
    for (const stop of this.unwatch.splice(0)) stop();
  }

  @Get()
  @Header('Content-Type', register.contentType)
  metrics(): Promise<string> {
    return register.metrics();
  }
}
