import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { FINAL_SUPPORT_STATUSES, FollowUpEntrySource, OPEN_EXCHANGE_STATUSES } from '@liaison/domain';
import { DataSource, EntityManager, In } from 'typeorm';
import { AgendaItemEntity, ExchangeEntity, SupportRequestEntity } from '../entities';
import { updateReturning } from '../postgres';
import { managerOf, UnitOfWork } from '../unit-of-work';

/** What a new agenda item is made of; it goes last, open, and links to nothing unless told. */
export type NewAgendaItem = Pick<
  AgendaItemEntity,
  'exchangeId' | 'title' | 'areaCode' | 'proposingOrganizationId' | 'ownerId' | 'acceptedBy' | 'createdBy'
> &
  Partial<Pick<AgendaItemEntity, 'carriedFromId' | 'actionItemId' | 'supportRequestId'>>;

/** An entry the agenda takes in without anyone proposing it (see FOLLOW_UP_ENTRIES), in agenda order (`rank`, from 1). */
export interface FollowUpEntry {
  rank: number;
  source: FollowUpEntrySource;
  actionItemId: string | null;
  supportRequestId: string | null;
  title: string;
  ownerId: string;
  organizationCode: string;
  areaCode: string;
  acceptedBy: string[];
}

/** The two organisations of a support request an agenda entry is about. */
export type RequestSideIds = Pick<SupportRequestEntity, 'requestingOrganizationId' | 'providingOrganizationId'>;

/**
 * What the agenda of exchange $1 takes in without anyone proposing it: shown while the agenda is
 * open, made items of its own when it freezes. Each entry counts as accepted by every
 * organisation, and is not repeated once it is an item of this agenda. $2: the final support
 * request statuses; $3: the open exchange statuses.
 * - `action-item`: the open action items of earlier occurrences of the same series. Each keeps its
 *   owner; its area is the first of the exchange it came from.
 * - `support-request`: on a senior-level exchange, the open support requests between two of its
 *   organisations with a deadline passed and not met, when no earlier upcoming senior-level exchange
 *   between those two still has an open agenda (the next one takes them). Owned by the assignee (the
 *   submitter while nobody is assigned); a RESTRICTED one shows only its marking and number.
 */
const FOLLOW_UP_ENTRIES = (() => {
  const acceptedBy = `(SELECT array_agg(xo.code ORDER BY xo.code) FROM exchange_organizations xeo
                        JOIN organizations xo ON xo.id = xeo.organization_id WHERE xeo.exchange_id = x.id)`;
  const bothTakePart = (exchange: string) => `
    EXISTS (SELECT 1 FROM exchange_organizations r WHERE r.exchange_id = ${exchange}.id AND r.organization_id = sr.requesting_organization_id)
    AND EXISTS (SELECT 1 FROM exchange_organizations pr WHERE pr.exchange_id = ${exchange}.id AND pr.organization_id = sr.providing_organization_id)`;
  return `SELECT (row_number() OVER (ORDER BY f.source, f.due_at, f.ref))::int AS rank, f.*
            FROM (
              SELECT 'action-item' AS source, a.id AS ref, a.id AS action_item_id, NULL::uuid AS support_request_id,
                     a.title, a.owner_id, a.due_at, p.organization_id, o.code AS organization_code,
                     src.areas[1] AS area_code, ${acceptedBy} AS accepted_by
                FROM exchanges x
                JOIN exchanges src ON src.series_id = x.series_id AND src.starts_at < x.starts_at
                JOIN action_items a ON a.exchange_id = src.id AND a.status = 'open'
                JOIN people p ON p.id = a.owner_id
                JOIN organizations o ON o.id = p.organization_id
               WHERE x.id = $1 AND x.series_id IS NOT NULL
                 AND NOT EXISTS (SELECT 1 FROM agenda_items ai WHERE ai.exchange_id = x.id AND ai.action_item_id = a.id)
              UNION ALL
              SELECT 'support-request', sr.id, NULL::uuid, sr.id,
                     CASE WHEN sr.marking = 'RESTRICTED' THEN 'Support request ' || left(sr.id::text, 8) || ' (RESTRICTED)'
                          ELSE 'Support request: ' || sr.title END,
                     p.id, late.due_at, p.organization_id, o.code, sr.area_code, ${acceptedBy}
                FROM exchanges x
                JOIN support_requests sr ON sr.status <> ALL($2::text[]) AND ${bothTakePart('x')}
                JOIN LATERAL (SELECT MIN(d.due_at) AS due_at FROM support_request_deadlines d
                               WHERE d.support_request_id = sr.id AND d.met_at IS NULL AND d.paused_at IS NULL AND d.due_at < now()) late
                  ON late.due_at IS NOT NULL
                JOIN people p ON p.id = COALESCE(sr.assignee_id, sr.submitted_by)
                JOIN organizations o ON o.id = p.organization_id
               WHERE x.id = $1 AND x.level = 'senior'
                 AND NOT EXISTS (SELECT 1 FROM exchanges y
                                  WHERE y.level = 'senior' AND y.status = ANY($3::text[]) AND y.agenda_frozen_at IS NULL
                                    AND y.starts_at > now() AND y.starts_at < x.starts_at AND ${bothTakePart('y')})
                 AND NOT EXISTS (SELECT 1 FROM agenda_items ai WHERE ai.exchange_id = x.id AND ai.support_request_id = sr.id)
            ) f`;
})();

/** The parameters FOLLOW_UP_ENTRIES reads, for one exchange. */
function followUpParameters(exchangeId: string): unknown[] {
  return [exchangeId, [...FINAL_SUPPORT_STATUSES], [...OPEN_EXCHANGE_STATUSES]];
}

/**
 * Adds an item at the end of an exchange's agenda. The caller holds the exchange's row lock (and
 * has checked that the agenda is open), so no other item takes the same position. Exported for the
 * tests that write rows as older versions did; code calls AgendaRepository.append.
 */
export async function appendAgendaItem(manager: EntityManager, item: NewAgendaItem): Promise<AgendaItemEntity> {
  const [{ next }]: Array<{ next: number }> = await manager.query(
    `SELECT COALESCE(MAX(position), 0)::int + 1 AS next FROM agenda_items WHERE exchange_id = $1`,
    [item.exchangeId],
  );
  return manager.save(
    manager.create(AgendaItemEntity, {
      carriedFromId: null,
      actionItemId: null,
      supportRequestId: null,
      ...item,
      position: next,
      state: 'open',
    }),
  );
}

/** An exchange's agenda items, the entries it takes in by itself, and its freeze. */
@Injectable()
export class AgendaRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The exchange's items in agenda order. */
  itemsOf(exchangeId: string, uow?: UnitOfWork): Promise<AgendaItemEntity[]> {
    return managerOf(this.dataSource, uow).find(AgendaItemEntity, { where: { exchangeId }, order: { position: 'ASC' } });
  }

  find(exchangeId: string, itemId: string, uow?: UnitOfWork): Promise<AgendaItemEntity | null> {
    return managerOf(this.dataSource, uow).findOne(AgendaItemEntity, { where: { id: itemId, exchangeId } });
  }

  /** Adds an item last; the caller holds the exchange's row lock (see appendAgendaItem). */
  append(item: NewAgendaItem, uow?: UnitOfWork): Promise<AgendaItemEntity> {
    return appendAgendaItem(managerOf(this.dataSource, uow), item);
  }

  save(item: AgendaItemEntity, uow?: UnitOfWork): Promise<AgendaItemEntity> {
    return managerOf(this.dataSource, uow).save(item);
  }

  async remove(itemId: string, uow?: UnitOfWork): Promise<void> {
    await managerOf(this.dataSource, uow).delete(AgendaItemEntity, { id: itemId });
  }

  async markCarried(itemId: string, uow?: UnitOfWork): Promise<void> {
    await managerOf(this.dataSource, uow).update(AgendaItemEntity, { id: itemId }, { state: 'carried' });
  }

  /** Where an item of an occurrence is carried to: the series' first later occurrence that is still open. */
  nextOpenOccurrence(seriesId: string, after: Date, uow?: UnitOfWork): Promise<ExchangeEntity | null> {
    return managerOf(this.dataSource, uow)
      .getRepository(ExchangeEntity)
      .createQueryBuilder('e')
      .where('e.series_id = :seriesId AND e.starts_at > :startsAt', { seriesId, startsAt: after })
      .andWhere('e.status IN (:...open)', { open: [...OPEN_EXCHANGE_STATUSES] })
      .orderBy('e.starts_at', 'ASC')
      .getOne();
  }

  /** The entries the open agenda of the exchange takes in by itself (FOLLOW_UP_ENTRIES). */
  async followUpEntries(exchangeId: string, uow?: UnitOfWork): Promise<FollowUpEntry[]> {
    const rows: Array<{
      rank: number;
      source: FollowUpEntrySource;
      action_item_id: string | null;
      support_request_id: string | null;
      title: string;
      owner_id: string;
      organization_code: string;
      area_code: string;
      accepted_by: string[];
    }> = await managerOf(this.dataSource, uow).query(FOLLOW_UP_ENTRIES, followUpParameters(exchangeId));
    return rows.map((f) => ({
      rank: f.rank,
      source: f.source,
      actionItemId: f.action_item_id,
      supportRequestId: f.support_request_id,
      title: f.title,
      ownerId: f.owner_id,
      organizationCode: f.organization_code,
      areaCode: f.area_code,
      acceptedBy: f.accepted_by,
    }));
  }

  /**
   * Makes the follow-up entries items of the exchange's agenda, after its last item, and returns
   * how many; the caller holds the exchange's row lock.
   */
  async appendFollowUpEntries(exchangeId: string, uow: UnitOfWork): Promise<number> {
    const added = await updateReturning<{ id: string }>(
      managerOf(this.dataSource, uow),
      `INSERT INTO agenda_items (exchange_id, position, title, area_code, proposing_organization_id, owner_id, accepted_by,
                                 action_item_id, support_request_id)
       SELECT $1, COALESCE((SELECT MAX(position) FROM agenda_items WHERE exchange_id = $1), 0) + f.rank,
              f.title, f.area_code, f.organization_id, f.owner_id, f.accepted_by, f.action_item_id, f.support_request_id
         FROM (${FOLLOW_UP_ENTRIES}) f
       RETURNING id`,
      followUpParameters(exchangeId),
    );
    return added.length;
  }

  /** The open items (not carried) of these exchanges, each exchange's in agenda order. */
  openItemsOf(exchangeIds: string[], uow?: UnitOfWork): Promise<AgendaItemEntity[]> {
    if (exchangeIds.length === 0) return Promise.resolve([]);
    return managerOf(this.dataSource, uow).find(AgendaItemEntity, {
      where: { exchangeId: In(exchangeIds), state: 'open' },
      order: { exchangeId: 'ASC', position: 'ASC' },
    });
  }

  /** The two sides of each support request, by id, of those that exist. */
  async requestSides(requestIds: string[], uow?: UnitOfWork): Promise<Map<string, RequestSideIds>> {
    if (requestIds.length === 0) return new Map();
    const rows = await managerOf(this.dataSource, uow).find(SupportRequestEntity, {
      select: { id: true, requestingOrganizationId: true, providingOrganizationId: true },
      where: { id: In(requestIds) },
    });
    return new Map(
      rows.map((r) => [r.id, { requestingOrganizationId: r.requestingOrganizationId, providingOrganizationId: r.providingOrganizationId }]),
    );
  }
}
