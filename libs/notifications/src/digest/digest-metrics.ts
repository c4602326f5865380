import { Inject, Injectable } from '@nestjs/common';
import { METRICS_REGISTRY } from '@liaison/common';
import { Counter, Histogram, Registry } from 'prom-client';

/** How a digest job ended: sent, empty (nothing to say: no e-mail), skipped (opted out or left since), attempt-failed (retried), failed (the last attempt). */
export type DigestOutcome = 'sent' | 'empty' | 'skipped' | 'attempt-failed' | 'failed';

/** The digest's counters, on the notifier's /metrics registry. */
@Injectable()
export class DigestMetrics {
  private readonly digests: Counter<'outcome'>;
  private readonly lateness: Histogram;
  readonly planned: Counter<'action'>;

  constructor(@Inject(METRICS_REGISTRY) registry: Registry) {
    this.digests = new Counter({
      name: 'liaison_digests_total',
      help: 'Morning digest jobs by outcome: sent, empty (nothing to say, no e-mail), skipped (opted out or deactivated since), attempt-failed (will be retried), failed',
      labelNames: ['outcome'] as const,
      registers: [registry],
    });
    this.lateness = new Histogram({
      name: 'liaison_digest_lateness_seconds',
      help: 'Seconds from the due instant of a digest (07:00 local, after quiet hours) to its hand-over to SMTP',
      buckets: [1, 5, 10, 20, 30, 60, 120, 300, 900],
      registers: [registry],
    });
    this.planned = new Counter({
      name: 'liaison_digest_pass_total',
      help: 'People the digest pass handled: planned (a first due instant), queued (a digest job), dropped (the due day is no longer a working day)',
      labelNames: ['action'] as const,
      registers: [registry],
    });
  }

  record(outcome: DigestOutcome): void {
    this.digests.inc({ outcome });
  }

  recordSent(dueAt: Date, sentAt: Date): void {
    this.record('sent');
    this.lateness.observe(Math.max(0, sentAt.getTime() - dueAt.getTime()) / 1000);
  }
}
