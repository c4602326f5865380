import { Injectable } from '@nestjs/common';
import { actorOf, coordinatesAny, Principal } from '@liaison/access';
import { DomainError } from '@liaison/common';
import { followUpTimes } from '@liaison/persistence';
import { CreateExchangeDto, DEFAULT_REMINDER_OFFSETS } from './dto/create-exchange.dto';
import { ExchangeQueryService } from './exchange-query.service';
import { ExchangeScheduler } from './exchange-scheduler.service';
import { ExchangeResponse } from './exchange.response';
import { futureStart } from './start-time';

@Injectable()
export class ExchangesService {
  constructor(
    private readonly scheduler: ExchangeScheduler,
    private readonly query: ExchangeQueryService,
  ) {}

  /** A one-off exchange, created by a coordinator of one of its organisations. */
  async create(dto: CreateExchangeDto, principal: Principal): Promise<ExchangeResponse> {
    const startsAt = futureStart(dto.startsAt);
    if (!coordinatesAny(principal, dto.organizations)) {
      throw DomainError.forbidden(
        'EXCHANGE.NOT_COORDINATOR',
        'only a coordinator of a participating organisation may create this exchange',
      );
    }
    const { id, created } = await this.scheduler.schedule(
      {
        title: dto.title,
        level: dto.level,
        areas: dto.areas,
        organizations: dto.organizations,
        hostOrganization: dto.hostOrganization,
        startsAt,
        durationMinutes: dto.durationMinutes,
        timezone: dto.timezone,
        location: dto.location ?? null,
        marking: dto.marking ?? 'UNMARKED',
        participantIds: dto.participantIds,
        reminderOffsets: dto.reminderOffsets ?? DEFAULT_REMINDER_OFFSETS,
        followUp: followUpTimes(dto),
        createdBy: principal.kind === 'person' ? principal.person.id : null,
      },
      actorOf(principal),
    );
    // The exchange as its transaction wrote it (the event's data came from the same read); an
    // exchange this request did not make (an earlier attempt's, by its Idempotency-Key) is read.
    return created ? this.query.view(created.exchange, created.relations, principal) : this.query.get(id, principal);
  }
}
