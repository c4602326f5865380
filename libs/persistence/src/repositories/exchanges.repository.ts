import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { OPEN_EXCHANGE_STATUSES } from '@liaison/domain';
import type { ExchangeStatus } from '@liaison/domain';
import { DataSource, EntityNotFoundError, In, MoreThan } from 'typeorm';
import { ExchangeEntity, ExchangeOrganizationEntity, ExchangeParticipantEntity } from '../entities';
import { keysetPage } from '../keyset';
import { updateReturning } from '../postgres';
import { managerOf, UnitOfWork } from '../unit-of-work';
import { ExchangeViewer, restrictToVisibleExchanges } from './exchange-visibility';
import { JoinedRead } from './joined-read';
import type {
  ExchangeFilter,
  ExchangeOrganizationRow,
  ExchangeParticipantRow,
  ExchangeRelations,
  NewExchangeRow,
  UnconfirmedStage,
} from './exchange-types';

export type { ExchangeViewer } from './exchange-visibility';

export type { ExchangeFields, ExchangeFilter, ExchangeRelations, NewExchangeRow, UnconfirmedStage } from './exchange-types';

/** Exchanges with their organisations and participants: rows, locks and the reads of the API, the scheduler and the workflow. */
@Injectable()
export class ExchangesRepository {
  /** One exchange by id, its SQL written once (`findOneBy` built it at every call: bench/README.md). */
  private readonly rows: JoinedRead<ExchangeEntity>;

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {
    this.rows = new JoinedRead(dataSource, ExchangeEntity, {});
  }

  async findById(id: string, uow?: UnitOfWork): Promise<ExchangeEntity | null> {
    return (await this.rows.byIds([id], uow))[0] ?? null;
  }

  /** As `findOneByOrFail`: an `EntityNotFoundError` when the row is gone. */
  async getById(id: string, uow?: UnitOfWork): Promise<ExchangeEntity> {
    const exchange = await this.findById(id, uow);
    if (!exchange) throw new EntityNotFoundError(ExchangeEntity, { id });
    return exchange;
  }

  async statusOf(id: string): Promise<ExchangeStatus | null> {
    return (await this.findById(id))?.status ?? null;
  }

  /**
   * The exchange row, locked (`FOR UPDATE`) until the unit of work ends: the writers of one exchange
   * (workflow activities, agenda edits, the freeze) take turns on it.
   */
  lockForUpdate(id: string, uow: UnitOfWork): Promise<ExchangeEntity> {
    return uow.manager.findOneOrFail(ExchangeEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  async update(id: string, changes: Partial<ExchangeEntity>, uow?: UnitOfWork): Promise<void> {
    await managerOf(this.dataSource, uow).update(ExchangeEntity, { id }, changes);
  }

  /** Inserts the exchange, its organisations (none confirmed) and its participants; returns its id. */
  async create(row: NewExchangeRow, organizationIds: string[], participantIds: string[], uow: UnitOfWork): Promise<string> {
    const manager = uow.manager;
    const inserted = await manager.insert(ExchangeEntity, row);
    const exchangeId = inserted.identifiers[0].id as string;
    await manager.insert(
      ExchangeOrganizationEntity,
      organizationIds.map((organizationId) => ({ exchangeId, organizationId, confirmedAt: null, confirmedBy: null })),
    );
    await this.addParticipants(exchangeId, participantIds, uow);
    return exchangeId;
  }

  async remove(id: string): Promise<void> {
    await this.dataSource.getRepository(ExchangeEntity).delete({ id });
  }

  /** The exchange, if `viewer` may see it. */
  findVisible(id: string, viewer: ExchangeViewer): Promise<ExchangeEntity | null> {
    const qb = this.dataSource.getRepository(ExchangeEntity).createQueryBuilder('e').where('e.id = :id', { id });
    restrictToVisibleExchanges(qb, viewer);
    return qb.getOne();
  }

  /** One page of the exchanges `viewer` may see, by start time. */
  page(
    filter: ExchangeFilter,
    viewer: ExchangeViewer,
    page: { limit: number; cursor?: string },
  ): Promise<{ rows: ExchangeEntity[]; nextCursor: string | null }> {
    const qb = this.dataSource.getRepository(ExchangeEntity).createQueryBuilder('e');
    if (filter.seriesId) qb.andWhere('e.series_id = :seriesId', { seriesId: filter.seriesId });
    restrictToVisibleExchanges(qb, viewer);
    if (filter.from) qb.andWhere('e.starts_at >= :from', { from: new Date(filter.from) });
    if (filter.to) qb.andWhere('e.starts_at < :to', { to: new Date(filter.to) });
    if (filter.level) qb.andWhere('e.level = :level', { level: filter.level });
    if (filter.status) qb.andWhere('e.status = :status', { status: filter.status });
    if (filter.area) qb.andWhere(':area = ANY(e.areas)', { area: filter.area });
    if (filter.organization) {
      qb.andWhere(
        `EXISTS (SELECT 1 FROM exchange_organizations feo JOIN organizations fo ON fo.id = feo.organization_id
                  WHERE feo.exchange_id = e.id AND fo.code = :organization)`,
        { organization: filter.organization },
      );
    }
    return keysetPage(qb, {
      column: 'e.starts_at',
      value: (e) => e.startsAt,
      idColumn: 'e.id',
      direction: 'ASC',
      limit: page.limit,
      cursor: page.cursor,
    });
  }

  /**
   * The exchanges `viewer` may see that may still ask something of someone, at most `limit` of each
   * kind: open ones (to confirm, their agenda to accept) soonest first, and held ones with minutes
   * drafted (to approve) latest first.
   */
  async actionable(viewer: ExchangeViewer, limit: number): Promise<ExchangeEntity[]> {
    const open = this.dataSource.getRepository(ExchangeEntity).createQueryBuilder('e');
    open.where('e.status IN (:...open)', { open: [...OPEN_EXCHANGE_STATUSES] });
    restrictToVisibleExchanges(open, viewer);
    const held = this.dataSource.getRepository(ExchangeEntity).createQueryBuilder('e');
    held.where(`e.status = 'held' AND EXISTS (SELECT 1 FROM minutes_versions mv WHERE mv.exchange_id = e.id)`);
    restrictToVisibleExchanges(held, viewer);
    const [ahead, past] = await Promise.all([
      open.orderBy('e.starts_at', 'ASC').addOrderBy('e.id', 'ASC').limit(limit).getMany(),
      held.orderBy('e.starts_at', 'DESC').addOrderBy('e.id', 'ASC').limit(limit).getMany(),
    ]);
    return [...ahead, ...past];
  }

  /** These exchanges, by id (those that exist). */
  async byIds(ids: string[]): Promise<Map<string, ExchangeEntity>> {
    if (ids.length === 0) return new Map();
    return new Map((await this.rows.byIds(ids)).map((e) => [e.id, e]));
  }

  /** The organisations and participants of each exchange, by exchange id (as `uow` sees them, when given). */
  async relationsOf(ids: string[], uow?: UnitOfWork): Promise<Map<string, ExchangeRelations>> {
    const result = new Map<string, ExchangeRelations>();
    if (ids.length === 0) return result;
    const manager = managerOf(this.dataSource, uow);
    const orgs: ExchangeOrganizationRow[] = await manager.query(
      `SELECT eo.exchange_id, o.id, o.code, eo.confirmed_at, eo.reminded_at, eo.escalated_at, (o.id = e.host_organization_id) AS host
         FROM exchange_organizations eo
         JOIN organizations o ON o.id = eo.organization_id
         JOIN exchanges e ON e.id = eo.exchange_id
        WHERE eo.exchange_id = ANY($1) ORDER BY o.code`,
      [ids],
    );
    const people: ExchangeParticipantRow[] = await manager.query(
      `SELECT ep.exchange_id, ep.person_id, p.name, o.code, ep.attendance, ep.responded_at, ep.delegated_to, ep.delegated_from
         FROM exchange_participants ep
         JOIN people p ON p.id = ep.person_id
         JOIN organizations o ON o.id = p.organization_id
        WHERE ep.exchange_id = ANY($1) ORDER BY ep.person_id`,
      [ids],
    );
    for (const id of ids) result.set(id, { hostCode: '', organizations: [], participantIds: [], participants: [] });
    for (const row of orgs) {
      const rel = result.get(row.exchange_id)!;
      rel.organizations.push({
        id: row.id,
        code: row.code,
        confirmedAt: row.confirmed_at,
        remindedAt: row.reminded_at,
        escalatedAt: row.escalated_at,
      });
      if (row.host) rel.hostCode = row.code;
    }
    for (const row of people) {
      const rel = result.get(row.exchange_id)!;
      rel.participantIds.push(row.person_id);
      rel.participants.push({
        id: row.person_id,
        name: row.name,
        organizationCode: row.code,
        attendance: row.attendance,
        respondedAt: row.responded_at,
        delegatedTo: row.delegated_to,
        delegatedFrom: row.delegated_from,
      });
    }
    return result;
  }

  /** The codes of the exchange's organisations and whether each has confirmed, by code. */
  confirmationsOf(exchangeId: string): Promise<Array<{ code: string; confirmed: boolean }>> {
    return this.dataSource.query(
      `SELECT o.code, eo.confirmed_at IS NOT NULL AS confirmed FROM exchange_organizations eo
         JOIN organizations o ON o.id = eo.organization_id WHERE eo.exchange_id = $1 ORDER BY o.code`,
      [exchangeId],
    );
  }

  /** Whether the organisation has confirmed the exchange (false when it is not one of its organisations). */
  async hasConfirmed(exchangeId: string, organizationId: string): Promise<boolean> {
    const row = await this.dataSource.getRepository(ExchangeOrganizationEntity).findOneBy({ exchangeId, organizationId });
    return row?.confirmedAt != null;
  }

  /** The organisations that have not confirmed the exchange yet. */
  unconfirmedOrganizations(exchangeId: string): Promise<Array<{ id: string; code: string }>> {
    return this.dataSource.query(
      `SELECT o.id, o.code FROM exchange_organizations eo JOIN organizations o ON o.id = eo.organization_id
        WHERE eo.exchange_id = $1 AND eo.confirmed_at IS NULL`,
      [exchangeId],
    );
  }

  /** Notes the organisation's confirmation; false when it had confirmed already. */
  async confirm(exchangeId: string, organizationCode: string, confirmedBy: string | null, uow: UnitOfWork): Promise<boolean> {
    const confirmed = await updateReturning(
      uow.manager,
      `UPDATE exchange_organizations eo SET confirmed_at = now(), confirmed_by = $3
         FROM organizations o
        WHERE eo.exchange_id = $1 AND eo.organization_id = o.id AND o.code = $2 AND eo.confirmed_at IS NULL
        RETURNING eo.exchange_id`,
      [exchangeId, organizationCode, confirmedBy],
    );
    return confirmed.length > 0;
  }

  /** Notes that the unconfirmed organisations not yet told of `stage` have been; returns their codes. */
  async markUnconfirmedTold(exchangeId: string, stage: UnconfirmedStage, uow: UnitOfWork): Promise<string[]> {
    const column = stage === 'confirmation' ? 'reminded_at' : 'escalated_at';
    const marked = await updateReturning<{ code: string }>(
      uow.manager,
      `UPDATE exchange_organizations eo SET ${column} = COALESCE(eo.${column}, now())
         FROM organizations o
        WHERE eo.exchange_id = $1 AND eo.organization_id = o.id AND eo.confirmed_at IS NULL AND eo.${column} IS NULL
        RETURNING o.code`,
      [exchangeId],
    );
    return marked.map((row) => row.code);
  }

  /** The exchange made for a series slot, if any. */
  async idOfSlot(seriesId: string, slotStart: Date): Promise<string | null> {
    const row = await this.dataSource.getRepository(ExchangeEntity).findOne({ where: { seriesId, slotStart }, select: { id: true } });
    return row?.id ?? null;
  }

  /** Every occurrence of a series (any status, moved or not): its slot and start. */
  slotsOf(seriesId: string): Promise<Array<Pick<ExchangeEntity, 'id' | 'slotStart' | 'startsAt'>>> {
    return this.dataSource.getRepository(ExchangeEntity).find({
      where: { seriesId },
      select: { id: true, slotStart: true, startsAt: true },
    });
  }

  /** The series' occurrences it still governs: open, starting after `after`, not changed on their own. */
  governedOccurrences(seriesId: string, after: Date): Promise<ExchangeEntity[]> {
    return this.dataSource.getRepository(ExchangeEntity).find({
      where: { seriesId, detached: false, startsAt: MoreThan(after), status: In([...OPEN_EXCHANGE_STATUSES]) },
    });
  }

  /**
   * Brings an occurrence's own copy of the series' defaults in line: its fields and its
   * participants. Those who stay keep their row (and so their attendance), and so does a colleague
   * they delegated to; returns who was added and who removed, for their calendars.
   */
  async alignOccurrence(
    id: string,
    fields: Pick<ExchangeEntity, 'title' | 'location' | 'reminderOffsets' | 'slotStart'>,
    participantIds: string[],
    uow: UnitOfWork,
  ): Promise<{ added: string[]; removed: string[] }> {
    const manager = uow.manager;
    await manager.update(ExchangeEntity, { id }, fields);
    const rows = await manager.find(ExchangeParticipantEntity, {
      where: { exchangeId: id },
      select: { personId: true, delegatedFrom: true },
    });
    const current = rows.map((row) => row.personId);
    // A colleague someone delegated to stays as long as the one who delegated does.
    const removed = rows
      .filter((row) => !participantIds.includes(row.personId) && !(row.delegatedFrom && participantIds.includes(row.delegatedFrom)))
      .map((row) => row.personId);
    const added = [...new Set(participantIds)].filter((personId) => !current.includes(personId));
    if (removed.length > 0) await manager.delete(ExchangeParticipantEntity, { exchangeId: id, personId: In(removed) });
    await this.addParticipants(id, added, uow);
    return { added, removed };
  }

  private async addParticipants(exchangeId: string, personIds: string[], uow: UnitOfWork): Promise<void> {
    if (personIds.length === 0) return;
    await uow.manager.insert(
      ExchangeParticipantEntity,
      personIds.map((personId) => ({ exchangeId, personId })),
    );
  }
}
