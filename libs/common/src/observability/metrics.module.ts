import { DynamicModule, Global, Module } from '@nestjs/common';
import { collectDefaultMetrics, Registry } from 'prom-client';

/** Injection token of the app instance's prom-client `Registry`. */
export const METRICS_REGISTRY = 'METRICS_REGISTRY';

/**
 * One Prometheus registry per app instance: each metric is created on it by the provider that
 * owns it, and the app's /metrics serves it. Per instance rather than prom-client's global
 * registry, so that the several APIs and notifiers a test runs in one process each count their own.
 */
@Global()
@Module({})
export class MetricsModule {
  /** The registry, with the process's own metrics (CPU, memory, event loop) named `<prefix>…`. */
  static forApp(prefix: string): DynamicModule {
    return {
      module: MetricsModule,
      providers: [
        {
          provide: METRICS_REGISTRY,
          useFactory: () => {
            const registry = new Registry();
            collectDefaultMetrics({ prefix, register: registry });
            return registry;
          },
        },
      ],
      exports: [METRICS_REGISTRY],
    };
  }
}
