import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Actor } from '@liaison/domain';
import type { DataSource } from 'typeorm';
import { AuditDetails, AuditEventEntity } from '../entities';
import { managerOf, UnitOfWork } from '../unit-of-work';

/** One audit event to append. */
export interface AuditEventDraft {
  actor: Actor;
  action: string;
  entityType: string;
  entityId: string;
  fromState?: string | null;
  toState?: string | null;
  details?: AuditDetails;
}

/** What the admin audit list filters on; every field optional, all of them ANDed. */
export interface AuditFilter {
  entityType?: string;
  entityId?: string;
  /** Done by this person. */
  personId?: string;
  /** Done by a person of the organisation with this code. */
  organizationCode?: string;
  /** One action, or a prefix ending in `.`. */
  action?: string;
  from?: Date;
  to?: Date;
  /** Only events older than this id (the trail only grows, so ids order it). */
  beforeId?: string;
}

/** `audit_events`: appended to inside the caller's transaction, read by admins newest first. */
@Injectable()
export class AuditRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async append(event: AuditEventDraft, uow?: UnitOfWork): Promise<void> {
    const manager = managerOf(this.dataSource, uow);
    await manager.insert(
      AuditEventEntity,
      manager.create(AuditEventEntity, {
        actorType: event.actor.type,
        actorId: event.actor.id,
        action: event.action,
        entityType: event.entityType,
        entityId: event.entityId,
        fromState: event.fromState ?? null,
        toState: event.toState ?? null,
        details: event.details ?? null,
      }),
    );
  }

  /** Up to `limit` events matching `filter`, newest first. */
  newestFirst(filter: AuditFilter, limit: number): Promise<AuditEventEntity[]> {
    const qb = this.dataSource.getRepository(AuditEventEntity).createQueryBuilder('a');
    if (filter.entityType) qb.andWhere('a.entity_type = :entityType', { entityType: filter.entityType });
    if (filter.entityId) qb.andWhere('a.entity_id = :entity', { entity: filter.entityId });
    if (filter.personId) qb.andWhere(`a.actor_type = 'person' AND a.actor_id = :person`, { person: filter.personId });
    if (filter.organizationCode) {
      qb.andWhere(
        `a.actor_type = 'person' AND EXISTS (SELECT 1 FROM people ap JOIN organizations ao ON ao.id = ap.organization_id
           WHERE ap.id::text = a.actor_id AND ao.code = :organization)`,
        { organization: filter.organizationCode },
      );
    }
    if (filter.action) {
      if (filter.action.endsWith('.')) qb.andWhere('starts_with(a.action, :action)', { action: filter.action });
      else qb.andWhere('a.action = :action', { action: filter.action });
    }
    if (filter.from) qb.andWhere('a.at >= :from', { from: filter.from });
    if (filter.to) qb.andWhere('a.at < :to', { to: filter.to });
    if (filter.beforeId) qb.andWhere('a.id < :before', { before: filter.beforeId });
    return qb.orderBy('a.id', 'DESC').take(limit).getMany();
  }
}
