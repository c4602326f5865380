import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { actorOf, AuditService, Principal } from '@liaison/access';
import { DomainError } from '@liaison/common';
import { LIAISON_CONFIG, LiaisonConfig } from '@liaison/config';
import { calendarFeed } from '@liaison/notifications';
import { ExchangeEntity, PersonEntity } from '@liaison/persistence';
import { createHmac, timingSafeEqual } from 'node:crypto';
import { DataSource } from 'typeorm';

/** How far back a feed reaches; everything ahead is in it. */
const FEED_PAST_DAYS = 90;

/**
 * Each person's exchanges as an iCalendar feed. The feed token is read-only and separate from the
 * bearer token: an HMAC of the person and their feed version, so it is never stored, and a
 * rotation (version + 1) revokes the old one.
 */
@Injectable()
export class CalendarService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(LIAISON_CONFIG) private readonly config: LiaisonConfig,
    private readonly audit: AuditService,
  ) {}

  address(principal: Principal): { url: string } {
    const person = this.personOf(principal);
    return { url: this.url(person.id, person.feedVersion) };
  }

  async rotate(principal: Principal): Promise<{ url: string }> {
    const person = this.personOf(principal);
    const version = await this.dataSource.transaction(async (manager) => {
      await manager.increment(PersonEntity, { id: person.id }, 'feedVersion', 1);
      await this.audit.record(
        { actor: actorOf(principal), action: 'person.calendar.rotate', entityType: 'person', entityId: person.id },
        manager,
      );
      return (await manager.findOneByOrFail(PersonEntity, { id: person.id })).feedVersion;
    });
    return { url: this.url(person.id, version) };
  }

  /** The feed, or a 404 that says nothing about whether the person exists. */
  async feed(personId: string, token: string | undefined): Promise<string> {
    const person = await this.dataSource.getRepository(PersonEntity).findOneBy({ id: personId });
    if (!person || !token || !sameToken(token, this.token(person.id, person.feedVersion))) {
      throw DomainError.notFound('CALENDAR.NOT_FOUND', 'no calendar feed at this address (unknown person or revoked token)');
    }
    const exchanges = await this.dataSource
      .getRepository(ExchangeEntity)
      .createQueryBuilder('e')
      .innerJoin('exchange_participants', 'p', 'p.exchange_id = e.id AND p.person_id = :personId', { personId })
      .where(`e.starts_at >= now() - interval '${FEED_PAST_DAYS} days'`)
      .orderBy('e.starts_at', 'ASC')
      .getMany();
    return calendarFeed(exchanges, person, { organizerEmail: this.config.mailFrom, publicBaseUrl: this.config.publicBaseUrl });
  }

  private personOf(principal: Principal): PersonEntity {
    if (principal.kind !== 'person') throw DomainError.forbidden('ME.NOT_A_PERSON', 'the admin token is not a person and has no calendar');
    return principal.person;
  }

  private url(personId: string, version: number): string {
    return `${this.config.publicBaseUrl}/v1/calendar/${personId}.ics?token=${this.token(personId, version)}`;
  }

  private token(personId: string, version: number): string {
    return createHmac('sha256', this.config.calendarFeedSecret).update(`${personId}.${version}`).digest('base64url');
  }
}

function sameToken(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
