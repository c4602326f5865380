import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { WorkflowKind } from './monitoring.types';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** What Postgres says about the entity a workflow follows, and what the workflow waits for next. */
export interface BusinessState {
  status: string;
  title: string;
  updatedAt: string;
  waitingFor: string | null;
}

interface Row {
  id: string;
  title: string;
  status: string;
  updated_at: Date;
}

/**
 * Reads the business rows behind a page of workflows: one query per kind, never one per workflow.
 * "Waiting for" comes from the row, not from a workflow Query, so a workflow whose worker is down
 * (exactly the one an admin looks at) still answers.
 */
@Injectable()
export class BusinessStates {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

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
    const rows: Array<Row & { starts_at: Date; ends_at: Date; minutes_version: number | null }> = await this.dataSource.query(
      `SELECT e.id, e.title, e.status, e.updated_at, e.starts_at,
              e.starts_at + make_interval(mins => e.duration_minutes) AS ends_at,
              (SELECT max(m.version) FROM minutes_versions m WHERE m.exchange_id = e.id) AS minutes_version
         FROM exchanges e WHERE e.id = ANY($1::uuid[])`,
      [ids],
    );
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
    const rows: Row[] = await this.dataSource.query(`SELECT id, title, status, updated_at FROM series WHERE id = ANY($1::uuid[])`, [ids]);
    const waitingFor: Record<string, string | null> = {
      active: 'the window to move on to the next occurrence',
      paused: 'a coordinator to resume or end the series',
      ended: null,
    };
    return new Map(rows.map((row) => [row.id, state(row, waitingFor[row.status] ?? null)]));
  }

  private async supportRequests(ids: string[]): Promise<Map<string, BusinessState>> {
    if (ids.length === 0) return new Map();
    const rows: Array<Row & { deadline: string | null; due_at: Date | null; paused: boolean | null }> = await this.dataSource.query(
      `SELECT r.id, r.title, r.status, r.updated_at, d.kind AS deadline, d.due_at, d.paused_at IS NOT NULL AS paused
         FROM support_requests r
         LEFT JOIN LATERAL (
           SELECT kind, due_at, paused_at FROM support_request_deadlines
            WHERE support_request_id = r.id AND met_at IS NULL ORDER BY due_at LIMIT 1
         ) d ON true
        WHERE r.id = ANY($1::uuid[])`,
      [ids],
    );
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

function state(row: Row, waitingFor: string | null): BusinessState {
  return { status: row.status, title: row.title, updatedAt: row.updated_at.toISOString(), waitingFor };
}
