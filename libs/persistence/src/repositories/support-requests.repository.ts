import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { FINAL_SUPPORT_STATUSES, SupportDeadlineKind, SupportPriority, SupportRequestStatus } from '@liaison/domain';
import { DataSource, In, IsNull, SelectQueryBuilder } from 'typeorm';
import { AgendaItemEntity, SupportRequestDeadlineEntity, SupportRequestEntity, SupportRequestEventEntity } from '../entities';
import { keysetPage } from '../keyset';
import { managerOf, UnitOfWork } from '../unit-of-work';

/** A request as filed: what the submitter gave, resolved to organisation ids. */
export type NewSupportRequest = Pick<
  SupportRequestEntity,
  | 'title'
  | 'description'
  | 'requestingOrganizationId'
  | 'requestingUnit'
  | 'providingOrganizationId'
  | 'areaCode'
  | 'a4pAreaCode'
  | 'priority'
  | 'neededBy'
  | 'marking'
  | 'links'
  | 'status'
  | 'submittedBy'
>;

/** One entry of a request's timeline; `at` defaults to now. */
export type NewSupportRequestEvent = Pick<
  SupportRequestEventEntity,
  'supportRequestId' | 'kind' | 'actorType' | 'actorId' | 'fromStatus' | 'toStatus' | 'body' | 'details'
> & { at?: Date };

/**
 * Who reads requests, when they do not see every one: a person, their organisation, and whether they
 * coordinate for it or stand at its senior level.
 */
export interface SupportRequestReader {
  personId: string;
  organizationId: string;
  coordinator: boolean;
  senior: boolean;
}

/** The filters of a list of requests (codes, not ids), and its page. */
export interface SupportRequestFilter {
  status?: SupportRequestStatus;
  priority?: SupportPriority;
  area?: string;
  a4pArea?: string;
  organization?: string;
  overdue?: boolean;
  limit: number;
  cursor?: string;
}

/** The fields a step writes on a request besides its status. */
export type SupportRequestStepFields = Partial<
  Pick<
    SupportRequestEntity,
    | 'assigneeId'
    | 'recommendation'
    | 'recommendationRationale'
    | 'recommendedBy'
    | 'decision'
    | 'decisionRationale'
    | 'decidedBy'
    | 'deliverySummary'
  >
>;

/**
 * Support requests with their service-level deadlines and their timeline (steps, messages,
 * reminders). `reader` null reads every request; otherwise one sees (as `restrictToReader` says)
 * an UNMARKED request of their organisation, and a RESTRICTED one when named on it, a coordinator,
 * or the providing organisation's senior level.
 */
@Injectable()
export class SupportRequestsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Files a request; its id. */
  async create(request: NewSupportRequest, uow?: UnitOfWork): Promise<string> {
    const inserted = await managerOf(this.dataSource, uow).insert(SupportRequestEntity, request);
    return inserted.identifiers[0].id as string;
  }

  /** Removes a request (and, by cascade, its deadlines and timeline). */
  async remove(id: string, uow?: UnitOfWork): Promise<void> {
    await managerOf(this.dataSource, uow).getRepository(SupportRequestEntity).delete({ id });
  }

  findById(id: string, uow?: UnitOfWork): Promise<SupportRequestEntity | null> {
    return managerOf(this.dataSource, uow).getRepository(SupportRequestEntity).findOneBy({ id });
  }

  /** The request, its row locked (`FOR UPDATE`) for the rest of the transaction; null when there is none. */
  lock(id: string, uow: UnitOfWork): Promise<SupportRequestEntity | null> {
    return managerOf(this.dataSource, uow).findOne(SupportRequestEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  /** Records a step: the request's new status and the fields the step writes. */
  async setStatus(id: string, status: SupportRequestStatus, fields: SupportRequestStepFields, uow?: UnitOfWork): Promise<void> {
    await managerOf(this.dataSource, uow).update(SupportRequestEntity, { id }, { ...fields, status });
  }

  /** The request if the reader may see it. */
  findVisible(id: string, reader: SupportRequestReader | null): Promise<SupportRequestEntity | null> {
    const qb = this.dataSource.getRepository(SupportRequestEntity).createQueryBuilder('sr').where('sr.id = :id', { id });
    restrictToReader(qb, reader);
    return qb.getOne();
  }

  /** The requests the reader may see that pass the filter, newest first, one keyset page. */
  list(
    reader: SupportRequestReader | null,
    filter: SupportRequestFilter,
  ): Promise<{ rows: SupportRequestEntity[]; nextCursor: string | null }> {
    const qb = this.dataSource.getRepository(SupportRequestEntity).createQueryBuilder('sr');
    restrictToReader(qb, reader);
    if (filter.status) qb.andWhere('sr.status = :status', { status: filter.status });
    if (filter.priority) qb.andWhere('sr.priority = :priority', { priority: filter.priority });
    if (filter.area) qb.andWhere('sr.area_code = :area', { area: filter.area });
    if (filter.a4pArea) qb.andWhere('sr.a4p_area_code = :a4pArea', { a4pArea: filter.a4pArea });
    if (filter.organization) {
      qb.andWhere(
        `EXISTS (SELECT 1 FROM organizations fo WHERE fo.code = :organization
                  AND fo.id IN (sr.requesting_organization_id, sr.providing_organization_id))`,
        { organization: filter.organization },
      );
    }
    if (filter.overdue !== undefined) {
      qb.andWhere(
        `${filter.overdue ? '' : 'NOT '}(sr.status <> ALL(:final) AND EXISTS (SELECT 1 FROM support_request_deadlines od
           WHERE od.support_request_id = sr.id AND od.met_at IS NULL AND od.paused_at IS NULL AND od.due_at < now()))`,
        { final: FINAL_SUPPORT_STATUSES },
      );
    }
    return keysetPage(qb, {
      column: 'sr.created_at',
      value: (r) => r.createdAt,
      idColumn: 'sr.id',
      direction: 'DESC',
      limit: filter.limit,
      cursor: filter.cursor,
    });
  }

  /**
   * The open requests (not in a final status) the reader may see, at most `limit`: those with the
   * earliest running deadline first, then the oldest.
   */
  open(reader: SupportRequestReader | null, limit: number): Promise<SupportRequestEntity[]> {
    const qb = this.dataSource.getRepository(SupportRequestEntity).createQueryBuilder('sr');
    qb.where('sr.status <> ALL(:final)', { final: FINAL_SUPPORT_STATUSES });
    restrictToReader(qb, reader);
    return qb
      .addSelect(
        `(SELECT MIN(od.due_at) FROM support_request_deadlines od
           WHERE od.support_request_id = sr.id AND od.met_at IS NULL AND od.paused_at IS NULL)`,
        'next_due',
      )
      .orderBy('next_due', 'ASC', 'NULLS LAST')
      .addOrderBy('sr.created_at', 'ASC')
      .addOrderBy('sr.id', 'ASC')
      .limit(limit)
      .getMany();
  }

  /** The request's timeline, oldest first. */
  timeline(id: string): Promise<SupportRequestEventEntity[]> {
    return this.dataSource
      .getRepository(SupportRequestEventEntity)
      .find({ where: { supportRequestId: id }, order: { at: 'ASC', id: 'ASC' } });
  }

  /** Adds an entry to a request's timeline and reads it back (its id and time). */
  addEvent(event: NewSupportRequestEvent, uow?: UnitOfWork): Promise<SupportRequestEventEntity> {
    return managerOf(this.dataSource, uow).getRepository(SupportRequestEventEntity).save(event);
  }

  /** Adds an entry to a request's timeline. */
  async recordEvent(event: NewSupportRequestEvent, uow?: UnitOfWork): Promise<void> {
    await managerOf(this.dataSource, uow).insert(SupportRequestEventEntity, event);
  }

  /** Whether the request is on the agenda of that exchange already. */
  isOnAgendaOf(id: string, exchangeId: string, uow?: UnitOfWork): Promise<boolean> {
    return managerOf(this.dataSource, uow).existsBy(AgendaItemEntity, { exchangeId, supportRequestId: id });
  }

  /** The request's deadlines, earliest first (as `uow` sees them, when given). */
  deadlines(id: string, uow?: UnitOfWork): Promise<SupportRequestDeadlineEntity[]> {
    return managerOf(this.dataSource, uow).find(SupportRequestDeadlineEntity, { where: { supportRequestId: id }, order: { dueAt: 'ASC' } });
  }

  /** The deadlines of these requests, earliest first. */
  deadlinesOf(ids: string[]): Promise<SupportRequestDeadlineEntity[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return this.dataSource
      .getRepository(SupportRequestDeadlineEntity)
      .find({ where: { supportRequestId: In(ids) }, order: { dueAt: 'ASC' } });
  }

  deadline(id: string, kind: SupportDeadlineKind, uow?: UnitOfWork): Promise<SupportRequestDeadlineEntity | null> {
    return managerOf(this.dataSource, uow).getRepository(SupportRequestDeadlineEntity).findOneBy({ supportRequestId: id, kind });
  }

  /** The deadline of this kind while not met (paused or running); null when there is none. */
  openDeadline(id: string, kind: SupportDeadlineKind, uow?: UnitOfWork): Promise<SupportRequestDeadlineEntity | null> {
    return managerOf(this.dataSource, uow).findOneBy(SupportRequestDeadlineEntity, { supportRequestId: id, kind, metAt: IsNull() });
  }

  async addDeadline(id: string, kind: SupportDeadlineKind, dueAt: Date, uow?: UnitOfWork): Promise<void> {
    await managerOf(this.dataSource, uow).insert(SupportRequestDeadlineEntity, { supportRequestId: id, kind, dueAt });
  }

  /** The deadline is met (if it was still open). */
  async meetDeadline(id: string, kind: SupportDeadlineKind, at: Date, uow?: UnitOfWork): Promise<void> {
    await managerOf(this.dataSource, uow).update(
      SupportRequestDeadlineEntity,
      { supportRequestId: id, metAt: IsNull(), kind },
      { metAt: at },
    );
  }

  /** The deadline's clock stands still (if it was open and running). */
  async pauseDeadline(id: string, kind: SupportDeadlineKind, at: Date, uow?: UnitOfWork): Promise<void> {
    await managerOf(this.dataSource, uow).update(
      SupportRequestDeadlineEntity,
      { supportRequestId: id, metAt: IsNull(), kind, pausedAt: IsNull() },
      { pausedAt: at },
    );
  }

  /** The deadline's clock runs again, due at `dueAt`, as its next revision. */
  async resumeDeadline(id: string, kind: SupportDeadlineKind, dueAt: Date, revision: number, uow?: UnitOfWork): Promise<void> {
    await managerOf(this.dataSource, uow).update(
      SupportRequestDeadlineEntity,
      { supportRequestId: id, kind },
      { dueAt, pausedAt: null, revision },
    );
  }

  /** Notes when the deadline's breach was told, or when it was escalated. */
  async markDeadline(id: string, kind: SupportDeadlineKind, mark: 'breachedAt' | 'escalatedAt', at: Date, uow?: UnitOfWork): Promise<void> {
    await managerOf(this.dataSource, uow).update(SupportRequestDeadlineEntity, { supportRequestId: id, kind }, { [mark]: at });
  }
}

/** `sr` is the request's alias. */
function restrictToReader(qb: SelectQueryBuilder<SupportRequestEntity>, reader: SupportRequestReader | null): void {
  if (!reader) return;
  qb.andWhere(
    `(:viewerOrg IN (sr.requesting_organization_id, sr.providing_organization_id) AND (
        sr.marking = 'UNMARKED'
        OR :coordinator
        OR :viewer IN (sr.submitted_by, sr.assignee_id, sr.recommended_by, sr.decided_by)
        OR (:senior AND sr.providing_organization_id = :viewerOrg)))`,
    { viewer: reader.personId, viewerOrg: reader.organizationId, coordinator: reader.coordinator, senior: reader.senior },
  );
}
