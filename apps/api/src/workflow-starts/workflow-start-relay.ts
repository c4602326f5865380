import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { METRICS_REGISTRY, PeriodicPass } from '@liaison/common';
import { LIAISON_CONFIG, LiaisonConfig } from '@liaison/config';
import { ExchangeScheduler } from '@liaison/exchanges';
import { ActionItemSignals } from '@liaison/follow-up';
import { Transactions, tryAdvisoryLock } from '@liaison/persistence';
import { SeriesService } from '@liaison/series';
import { SupportRequestSubmissionService } from '@liaison/support-requests';
import type { WorkflowStarts } from '@liaison/temporal';
import { Counter, Registry } from 'prom-client';

/** Rows of each kind one pass starts at most, oldest first; the next pass takes the rest. */
const BATCH = 100;
/** The advisory lock that lets one relay pass run at a time, whatever the number of API processes. */
const RELAY_LOCK = 0x4c57_5352; // "LWSR"

/**
 * The outbox relay under "commit the row, then start its workflow" (exchanges, series, support
 * requests) and "commit an action item, then tell the exchange's workflow" (action items). Each
 * marks its row once the workflow has started or been told; an API process that dies between the
 * two leaves the row unmarked. Every WORKFLOW_START_RELAY_INTERVAL, in each API process,
 * one pass at a time under a Postgres advisory lock (as the notifier's reminder sweep), this takes
 * the rows still unmarked WORKFLOW_START_GRACE after their commit, at most BATCH of each kind, and
 * starts their workflow through the kind's own start code, which then marks them. Workflow ids
 * follow from row ids and a run that exists already is never started again, so a pass that races a
 * create, or another pass, starts nothing twice.
 */
@Injectable()
export class WorkflowStartRelay implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(WorkflowStartRelay.name);
  private readonly kinds: WorkflowStarts[];
  private readonly passes: PeriodicPass<Record<string, number>>;
  private readonly relayed: Counter<'kind'>;

  constructor(
    private readonly transactions: Transactions,
    @Inject(LIAISON_CONFIG) private readonly config: LiaisonConfig,
    exchanges: ExchangeScheduler,
    series: SeriesService,
    supportRequests: SupportRequestSubmissionService,
    actionItems: ActionItemSignals,
    @Inject(METRICS_REGISTRY) registry: Registry,
  ) {
    this.relayed = new Counter({
      name: 'liaison_workflow_start_relay_total',
      help: 'Workflows the relay started for rows committed without them (the API process died between the commit and the start)',
      labelNames: ['kind'] as const,
      registers: [registry],
    });
    // Exchanges before their action items: an exchange's workflow is started before it is told of them.
    this.kinds = [exchanges, series, supportRequests, actionItems];
    this.passes = new PeriodicPass({
      what: 'workflow start relay',
      intervalMs: config.workflowStarts.relayIntervalMs,
      logger: this.logger,
      run: () => this.relay(),
      report: (started) => {
        if (Object.keys(started).length > 0) this.logger.warn(started, 'relay started the workflows of rows committed without them');
      },
    });
  }

  onApplicationBootstrap(): void {
    this.passes.start();
  }

  onApplicationShutdown(): Promise<void> {
    return this.passes.stop();
  }

  /**
   * One pass; nothing when another process holds the relay. Returns the rows started, by kind. A row
   * whose start fails (Temporal unavailable) is logged and left for the next pass.
   */
  async relay(): Promise<Record<string, number>> {
    return this.transactions.run(async (uow) => {
      const started: Record<string, number> = {};
      if (!(await tryAdvisoryLock(uow, RELAY_LOCK))) return started;
      for (const kind of this.kinds) {
        for (const id of await kind.unstarted(this.config.workflowStarts.graceMs, BATCH)) {
          try {
            if (!(await kind.startCommitted(id))) continue;
            started[kind.kind] = (started[kind.kind] ?? 0) + 1;
            this.relayed.inc({ kind: kind.kind });
          } catch (error) {
            this.logger.error(
              { kind: kind.kind, id, err: error instanceof Error ? error.message : String(error) },
              'relay could not start',
            );
          }
        }
      }
      return started;
    });
  }
}
