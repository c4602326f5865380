import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiProperty, ApiTags } from '@nestjs/swagger';
import { ApiPageResponse, DomainError, INSTANT, Page } from '@liaison/common';
import { AuditDetails, AuditRepository } from '@liaison/persistence';
import { Roles } from '../decorators';
import { AuditQueryDto } from './audit-query.dto';

/** Who did it. */
export class AuditActorResponse {
  @ApiProperty({ description: '`person`, `admin-token` or `system` (a workflow)' }) type!: string;
  @ApiProperty({ type: String, nullable: true, description: "The person's id; null for the admin token and the system" })
  id!: string | null;
}

export class AuditEventResponse {
  @ApiProperty({ description: 'A growing number, as a string; also the cursor of the page after it' }) id!: string;
  @ApiProperty(INSTANT) at!: string;
  @ApiProperty({ type: () => AuditActorResponse }) actor!: AuditActorResponse;
  @ApiProperty({ example: 'exchange.cancel' }) action!: string;
  @ApiProperty({ example: 'exchange' }) entityType!: string;
  @ApiProperty({ description: 'The entity’s id (a UUID, or a workflow id for `workflow`)' }) entityId!: string;
  @ApiProperty({ type: String, nullable: true, description: 'The state it left; null when it has none' }) fromState!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'The state it reached; null when it has none' }) toState!: string | null;
  @ApiProperty({ type: 'object', additionalProperties: true, nullable: true, description: 'What else the action recorded' })
  details!: AuditDetails | null;
}

/** The audit trail, newest first, for admins. Postgres keeps it append-only. */
@ApiTags('admin')
@ApiBearerAuth()
@Controller({ path: 'admin/audit', version: '1' })
export class AuditController {
  constructor(private readonly events: AuditRepository) {}

  @Get()
  @Roles('admin')
  @ApiPageResponse(AuditEventResponse, 'Audit events, newest first; filters entityType, entity, person, organization, action, from, to')
  async list(@Query() query: AuditQueryDto): Promise<Page<AuditEventResponse>> {
    const rows = await this.events.newestFirst(
      {
        entityType: query.entityType,
        entityId: query.entity,
        personId: query.person,
        organizationCode: query.organization,
        action: query.action,
        from: query.from ? new Date(query.from) : undefined,
        to: query.to ? new Date(query.to) : undefined,
        beforeId: query.cursor ? cursorId(query.cursor) : undefined,
      },
      query.limit + 1,
    );
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
    throw DomainError.unprocessable('PAGINATION.BAD_CURSOR', 'cursor: not a cursor this endpoint gave', [
      { field: 'cursor', problems: ['not a cursor this endpoint gave'] },
    ]);
  }
  return cursor;
}
