import { Injectable } from '@nestjs/common';
import { AuditEventDraft, AuditRepository, UnitOfWork } from '@liaison/persistence';

/** Appends audit events, inside the caller's unit of work when one is given. */
@Injectable()
export class AuditService {
  constructor(private readonly events: AuditRepository) {}

  record(event: AuditEventDraft, uow?: UnitOfWork): Promise<void> {
    return this.events.append(event, uow);
  }
}
