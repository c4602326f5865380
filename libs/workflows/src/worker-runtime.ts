import type { Logger } from '@temporalio/common';
import { Runtime } from '@temporalio/worker';

/**
 * Installs the Temporal SDK runtime of a worker process, with its own metrics (pollers, task slots,
 * workflow and activity task latencies, requests to the server…) served for Prometheus at
 * `http://<metricsAddress>/metrics`; null serves none. Once per process, before the first
 * NativeConnection: that one would install a default runtime. Without `logger`, the SDK's default
 * (INFO and up, to stderr).
 */
export function installWorkerRuntime(metricsAddress: string | null, logger?: Logger): void {
  Runtime.install({
    ...(logger ? { logger } : {}),
    ...(metricsAddress ? { telemetryOptions: { metrics: { prometheus: { bindAddress: metricsAddress } } } } : {}),
  });
}
