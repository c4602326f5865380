import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AuditDetails, AuditEventEntity } from '@liaison/persistence';
import { DataSource, EntityManager } from 'typeorm';

export interface AuditActor {
  type: 'person' | 'admin-token' | 'system';
  id: string | null;
}

export interface AuditRecord {
  actor: AuditActor;
  action: string;
  entityType: string;
  entityId: string;
  fromState?: string | null;
  toState?: string | null;
  details?: AuditDetails;
}

/** Appends audit events, inside the caller's transaction when one is given. */
@Injectable()
export class AuditService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async record(event: AuditRecord, manager: EntityManager = this.dataSource.manager): Promise<void> {
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
}
