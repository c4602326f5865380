import { Injectable } from '@nestjs/common';
import { MonitoredRow, MonitoringRepository } from '@liaison/persistence';
import type { WorkflowKind } from '@liaison/domain';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** What Postgres says about the entity a workflow follows, and what the workflow waits for next. */
export interface BusinessState {
  status: string;
  title: string;
  updatedAt: string;
  waitingFor: string | null;
}

/**
 * Reads the business rows behind a page of workflows: one query per kind, never one per workflow.
 * "Waiting for" comes from the row, not from a workflow Query, so a workflow whose worker is down
 * (exactly the one an admin looks at) still answers.
 */
@Injectable()
export class BusinessStates {
  constructor(private readonly rows: MonitoringRepository) {}

  async of(workflows: Array<{ kind: WorkflowKind; entityId: string }>): Promise<Map<string, BusinessState>> {
    const ids = (kind: WorkflowKind) => [
      ...new Set(workflows.filter((w) => w.kind === kind && UUID.test(w.entityId)).map((w) => w.entityId)),
    ];
    const [exchanges, series, requests] = await Promise.all([
      this.exchanges(ids('exchange')),
      this.series(ids('series')),
      this.supportRequests(ids('support-request')),
    ]);
    const states = new Map<string, BusinessState>();
    for (const [kind, found] of [
      ['exchange', exchanges],
      ['series', series],
      ['support-request', requests],
    ] as const) {
      for (const [id, state] of found) states.set(`${kind}:${id}`, state);
    }
    return states;
  }

  private async exchanges(ids: string[]): Promise<Map<string, BusinessState>> {
    if (ids.length === 0) return new Map();
    const rows = await this.rows.exchanges(ids);
    return new Map(
      rows.map((row) => {
        const waitingFor: Record<string, string | null> = {
          scheduled: `confirmations, then the start at ${row.starts_at.toISOString()}`,
          confirmed: `the start at ${row.starts_at.toISOString()}`,
          held: row.minutes_version ? 'the minutes to be approved' : `minutes, since the end at ${row.ends_at.toISOString()}`,
          closed: 'open action items',
          cancelled: null,
        };
        return [row.id, state(row, waitingFor[row.status] ?? null)];
      }),
    );
  }

  private async series(ids: string[]): Promise<Map<string, BusinessState>> {
    if (ids.length === 0) return new Map();
    const rows = await this.rows.series(ids);
    const waitingFor: Record<string, string | null> = {
      active: 'the window to move on to the next occurrence',
      paused: 'a coordinator to resume or end the series',
      ended: null,
    };
    return new Map(rows.map((row) => [row.id, state(row, waitingFor[row.status] ?? null)]));
  }

  private async supportRequests(ids: string[]): Promise<Map<string, BusinessState>> {
    if (ids.length === 0) return new Map();
    const rows = await this.rows.supportRequests(ids);
    const byStatus: Record<string, string | null> = {
      information_requested: 'the requester to provide information',
      approved: 'delivery to start',
      in_delivery: 'delivery',
      delivered: 'the requester to close it, or the automatic closure',
    };
    return new Map(
      rows.map((row) => {
        const deadline =
          row.deadline && row.due_at
            ? `${row.deadline === 'acknowledge' ? 'acknowledgement' : 'decision'} due ${row.due_at.toISOString()}${row.paused ? ' (paused)' : ''}`
            : null;
        return [row.id, state(row, byStatus[row.status] ?? deadline)];
      }),
    );
  }
}

function state(row: MonitoredRow, waitingFor: string | null): BusinessState {
  return { status: row.status, title: row.title, updatedAt: row.updated_at.toISOString(), waitingFor };
}
