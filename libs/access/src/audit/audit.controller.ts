import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { DomainError, Page } from '@liaison/common';
import { AuditDetails, AuditEventEntity } from '@liaison/persistence';
import { DataSource } from 'typeorm';
import { Roles } from '../decorators';
import { AuditQueryDto } from './audit-query.dto';

export interface AuditEventResponse {
  id: string;
  at: string;
  actor: { type: string; id: string | null };
  action: string;
  entityType: string;
  entityId: string;
  fromState: string | null;
  toState: string | null;
  details: AuditDetails | null;
}

/** The audit trail, newest first, for admins. Postgres keeps it append-only. */
@ApiTags('admin')
@ApiBearerAuth()
@Controller({ path: 'admin/audit', version: '1' })
export class AuditController {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  @Get()
  @Roles('admin')
  @ApiOkResponse({ description: 'Audit events, newest first; filters entityType, entity, person, organization, action, from, to' })
  async list(@Query() query: AuditQueryDto): Promise<Page<AuditEventResponse>> {
    const qb = this.dataSource.getRepository(AuditEventEntity).createQueryBuilder('a');
    if (query.entityType) qb.andWhere('a.entity_type = :entityType', { entityType: query.entityType });
    if (query.entity) qb.andWhere('a.entity_id = :entity', { entity: query.entity });
    if (query.person) qb.andWhere(`a.actor_type = 'person' AND a.actor_id = :person`, { person: query.person });
    if (query.organization) {
      qb.andWhere(
        `a.actor_type = 'person' AND EXISTS (SELECT 1 FROM people ap JOIN organizations ao ON ao.id = ap.organization_id
           WHERE ap.id::text = a.actor_id AND ao.code = :organization)`,
        { organization: query.organization },
      );
    }
    if (query.action) {
      if (query.action.endsWith('.')) qb.andWhere('starts_with(a.action, :action)', { action: query.action });
      else qb.andWhere('a.action = :action', { action: query.action });
    }
    if (query.from) qb.andWhere('a.at >= :from', { from: new Date(query.from) });
    if (query.to) qb.andWhere('a.at < :to', { to: new Date(query.to) });
    if (query.cursor) qb.andWhere('a.id < :before', { before: cursorId(query.cursor) });
    const rows = await qb
      .orderBy('a.id', 'DESC')
      .take(query.limit + 1)
      .getMany();
    const page = rows.slice(0, query.limit);
    return {
      items: page.map((a) => ({
        id: a.id,
        at: a.at.toISOString(),
        actor: { type: a.actorType, id: a.actorId },
        action: a.action,
        entityType: a.entityType,
        entityId: a.entityId,
        fromState: a.fromState,
        toState: a.toState,
        details: a.details,
      })),
      nextCursor: rows.length > query.limit ? page[page.length - 1].id : null,
    };
  }
}

/** The audit cursor is the last event's id (the trail only grows, so ids order it). */
function cursorId(cursor: string): string {
  if (!/^\d{1,18}$/.test(cursor)) {
    throw DomainError.invalid('PAGINATION.BAD_CURSOR', 'cursor: not a cursor this endpoint gave', [
      { field: 'cursor', problems: ['not a cursor this endpoint gave'] },
    ]);
  }
  return cursor;
}
