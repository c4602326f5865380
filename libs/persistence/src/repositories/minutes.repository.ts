import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { MinutesVersionEntity } from '../entities';
import { updateReturning } from '../postgres';
import { managerOf, UnitOfWork } from '../unit-of-work';

/** One organisation's approval of a version of the minutes. */
export interface MinutesApproval {
  organization: string;
  approvedBy: string | null;
  approvedAt: Date;
}

/**
 * An exchange's joint minutes: its versions and each organisation's approvals. The writes are
 * idempotent (`ON CONFLICT DO NOTHING`, status guards) and say whether they changed anything,
 * because the workflow's activities that make them may run more than once.
 */
@Injectable()
export class MinutesRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The latest version, if any was drafted. */
  current(exchangeId: string, uow?: UnitOfWork): Promise<MinutesVersionEntity | null> {
    return managerOf(this.dataSource, uow).findOne(MinutesVersionEntity, { where: { exchangeId }, order: { version: 'DESC' } });
  }

  /** Every version drafted, oldest first. */
  versions(exchangeId: string, uow?: UnitOfWork): Promise<MinutesVersionEntity[]> {
    return managerOf(this.dataSource, uow).find(MinutesVersionEntity, { where: { exchangeId }, order: { version: 'ASC' } });
  }

  async drafted(exchangeId: string, uow?: UnitOfWork): Promise<boolean> {
    const [{ drafted }]: Array<{ drafted: boolean }> = await managerOf(this.dataSource, uow).query(
      `SELECT EXISTS (SELECT 1 FROM minutes_versions WHERE exchange_id = $1) AS drafted`,
      [exchangeId],
    );
    return drafted;
  }

  /** The approvals of one version, by organisation code. */
  async approvalsOf(exchangeId: string, version: number, uow?: UnitOfWork): Promise<MinutesApproval[]> {
    const rows: Array<{ organization: string; approved_by: string | null; approved_at: Date }> = await managerOf(
      this.dataSource,
      uow,
    ).query(
      `SELECT o.code AS organization, a.approved_by, a.approved_at FROM minutes_approvals a
         JOIN organizations o ON o.id = a.organization_id
        WHERE a.exchange_id = $1 AND a.version = $2 ORDER BY o.code`,
      [exchangeId, version],
    );
    return rows.map((a) => ({ organization: a.organization, approvedBy: a.approved_by, approvedAt: a.approved_at }));
  }

  /**
   * For each of these exchanges with minutes drafted: the current version and the codes of the
   * organisations that approved it, by exchange id.
   */
  async currentApprovalsOf(exchangeIds: string[]): Promise<Map<string, { version: number; approvedBy: string[] }>> {
    if (exchangeIds.length === 0) return new Map();
    const rows: Array<{ exchange_id: string; version: number; approved: string[] }> = await this.dataSource.query(
      `SELECT v.exchange_id, v.version,
              COALESCE((SELECT array_agg(o.code ORDER BY o.code) FROM minutes_approvals a JOIN organizations o ON o.id = a.organization_id
                         WHERE a.exchange_id = v.exchange_id AND a.version = v.version), '{}') AS approved
         FROM (SELECT exchange_id, MAX(version) AS version FROM minutes_versions WHERE exchange_id = ANY($1) GROUP BY exchange_id) v`,
      [exchangeIds],
    );
    return new Map(rows.map((r) => [r.exchange_id, { version: r.version, approvedBy: r.approved }]));
  }

  /** Stores a version; false if it was stored already. */
  addVersion(version: { exchangeId: string; version: number; text: string; draftedBy: string | null }, uow?: UnitOfWork): Promise<boolean> {
    return this.changes(
      `INSERT INTO minutes_versions (exchange_id, version, text, drafted_by) VALUES ($1, $2, $3, $4)
       ON CONFLICT DO NOTHING RETURNING version`,
      [version.exchangeId, version.version, version.text, version.draftedBy],
      uow,
    );
  }

  /** Stores an organisation's (by code) approval of a version; false if it was stored already. */
  addApproval(
    approval: { exchangeId: string; organization: string; version: number; approvedBy: string | null },
    uow?: UnitOfWork,
  ): Promise<boolean> {
    return this.changes(
      `INSERT INTO minutes_approvals (exchange_id, organization_id, version, approved_by)
       SELECT $1, o.id, $3, $4 FROM organizations o WHERE o.code = $2
       ON CONFLICT DO NOTHING RETURNING version`,
      [approval.exchangeId, approval.organization, approval.version, approval.approvedBy],
      uow,
    );
  }

  /** Locks the minutes and closes the held exchange; false if it was not held (closed already). */
  lockAndClose(exchangeId: string, uow?: UnitOfWork): Promise<boolean> {
    return this.changes(
      `UPDATE exchanges SET status = 'closed', minutes_locked_at = now(), updated_at = now()
        WHERE id = $1 AND status = 'held' RETURNING id`,
      [exchangeId],
      uow,
    );
  }

  /** Runs a write `… RETURNING`; whether it wrote a row. */
  private async changes(sql: string, parameters: unknown[], uow?: UnitOfWork): Promise<boolean> {
    return (await updateReturning(managerOf(this.dataSource, uow), sql, parameters)).length > 0;
  }
}
