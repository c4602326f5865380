import { Inject, Injectable } from '@nestjs/common';
import { actorOf, AuditService, hashToken, Principal, NOT_A_PERSON } from '@liaison/access';
import { DomainError } from '@liaison/common';
import { LIAISON_CONFIG, LiaisonConfig } from '@liaison/config';
import { PeopleService } from '@liaison/directory';
import { calendarFeed } from '@liaison/notifications';
import { AttendanceRepository, CalendarFeedsRepository, PersonEntity, Transactions, UnitOfWork } from '@liaison/persistence';
import { randomBytes } from 'node:crypto';
import type { CalendarAddressResponse } from './calendar.dto';

/** How far back a feed reaches; everything ahead is in it. */
const FEED_PAST_DAYS = 90;

/** The audit actions of a person's feed (`entityType` person, `entityId` the person). */
export const CALENDAR_AUDIT = {
  create: 'person.calendar.create',
  rotate: 'person.calendar.rotate',
  revoke: 'person.calendar.revoke',
} as const;

const SHOWN_ONCE =
  'the feed address was shown when it was made and is not kept; POST /v1/me/calendar/rotate gives a new one (the old one then stops working)';

/** A new feed token: 32 random bytes, base64url (43 characters). */
function newFeedToken(): string {
  return randomBytes(32).toString('base64url');
}

/**
 * Each person's exchanges as an iCalendar feed, at an address whose `?token=` is a read-only
 * capability separate from the bearer token: random, one live per person, kept only as its SHA-256
 * (CalendarFeedsRepository), shown once when made. The person rotates or revokes it; their
 * coordinator and admins revoke it; a deactivated person's feed is gone (404) until they are
 * reactivated.
 */
@Injectable()
export class CalendarService {
  constructor(
    @Inject(LIAISON_CONFIG) private readonly config: LiaisonConfig,
    private readonly feeds: CalendarFeedsRepository,
    private readonly attendance: AttendanceRepository,
    private readonly transactions: Transactions,
    private readonly people: PeopleService,
    private readonly audit: AuditService,
  ) {}

  /** The address in full if this call made the feed (the first read, or the first after a revocation); else when it was made. */
  async address(principal: Principal): Promise<CalendarAddressResponse> {
    const person = this.personOf(principal);
    const token = newFeedToken();
    const created = await this.transactions.run(async (uow) => {
      const at = await this.feeds.createIfAbsent(person.id, hashToken(token), uow);
      if (at) await this.record(principal, CALENDAR_AUDIT.create, person.id, uow);
      return at;
    });
    if (created) return { url: this.url(person.id, token), createdAt: created.toISOString() };
    const existing = await this.feeds.createdAt(person.id);
    // Revoked between the two statements: make one now.
    if (!existing) return this.address(principal);
    return { url: null, createdAt: existing.toISOString(), message: SHOWN_ONCE };
  }

  /** A new token in place of the current one (or the first one): the old address stops working. */
  async rotate(principal: Principal): Promise<CalendarAddressResponse> {
    const person = this.personOf(principal);
    const token = newFeedToken();
    const createdAt = await this.transactions.run(async (uow) => {
      const at = await this.feeds.replace(person.id, hashToken(token), uow);
      await this.record(principal, CALENDAR_AUDIT.rotate, person.id, uow);
      return at;
    });
    return { url: this.url(person.id, token), createdAt: createdAt.toISOString() };
  }

  /** The caller revokes their own feed (nothing to do if they have none). */
  async revokeOwn(principal: Principal): Promise<void> {
    const person = this.personOf(principal);
    await this.transactions.run((uow) => this.revoke(principal, person.id, uow));
  }

  /** Revokes a person's feed: the person, an admin, or a coordinator who may act on them (PeopleService.actOn: 404, 403). */
  async revokeFor(personId: string, principal: Principal): Promise<void> {
    await this.people.actOn(personId, principal, { attempted: CALENDAR_AUDIT.revoke, selfAllowed: true }, (uow) =>
      this.revoke(principal, personId, uow),
    );
  }

  /** The feed, or a 404 that says nothing about whether the person exists, is deactivated, or the token was revoked. */
  async feed(personId: string, token: unknown): Promise<string> {
    // A query string may repeat `token` (an array) or nest it (an object): only one plain string is a token.
    const person = typeof token === 'string' && token !== '' ? await this.feeds.personByToken(personId, hashToken(token)) : null;
    if (!person) {
      throw DomainError.notFound('CALENDAR.NOT_FOUND', 'no calendar feed at this address (unknown person or revoked token)');
    }
    const exchanges = await this.feeds.exchangesOf(personId, FEED_PAST_DAYS);
    // Their own answer to each, as PARTSTAT: the same as the e-mails would carry now.
    const attendance = await this.attendance.attendanceByExchange(personId, exchanges.map((e) => e.id));
    return calendarFeed(exchanges, person, attendance, { organizerEmail: this.config.mailFrom, publicBaseUrl: this.config.publicBaseUrl });
  }

  private async revoke(principal: Principal, personId: string, uow: UnitOfWork): Promise<void> {
    if (await this.feeds.remove(personId, uow)) await this.record(principal, CALENDAR_AUDIT.revoke, personId, uow);
  }

  private record(principal: Principal, action: string, personId: string, uow: UnitOfWork): Promise<void> {
    return this.audit.record({ actor: actorOf(principal), action, entityType: 'person', entityId: personId }, uow);
  }

  private personOf(principal: Principal): PersonEntity {
    if (principal.kind !== 'person') throw DomainError.forbidden(NOT_A_PERSON, 'the admin token is not a person and has no calendar');
    return principal.person;
  }

  private url(personId: string, token: string): string {
    return `${this.config.publicBaseUrl}/v1/calendar/${personId}.ics?token=${token}`;
  }
}
