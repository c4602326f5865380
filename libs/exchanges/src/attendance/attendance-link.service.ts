import { Inject, Injectable } from '@nestjs/common';
import { DomainError, isoInZone, isoOrNull, verifyAttendanceToken } from '@liaison/common';
import type { AttendanceClaims } from '@liaison/common';
import { LIAISON_CONFIG, LiaisonConfig } from '@liaison/config';
import type { AttendanceLinkAnswer } from '@liaison/domain';
import { AttendanceRepository, ExchangeEntity, ExchangesRepository, PeopleRepository } from '@liaison/persistence';
import { AttendanceLinkResponse } from './attendance.response';
import { AttendanceService } from './attendance.service';

/**
 * The attendance links of invitation e-mails (signed by `attendanceLinks`, libs/common): reading
 * one (`GET`, which mail scanners do) changes nothing; posting it answers for the person it was made
 * for, under the rules of every answer (AttendanceService.record). No sign-in: the signature is the
 * credential, for one person, one exchange and one schedule revision, until the exchange ends.
 */
@Injectable()
export class AttendanceLinkService {
  constructor(
    private readonly exchanges: ExchangesRepository,
    private readonly people: PeopleRepository,
    private readonly attendance: AttendanceRepository,
    private readonly answers: AttendanceService,
    @Inject(LIAISON_CONFIG) private readonly config: LiaisonConfig,
  ) {}

  /** What the link is for, and the person's answer now. */
  async inspect(token: string): Promise<AttendanceLinkResponse> {
    const { claims, exchange } = await this.open(token);
    return this.describe(exchange, claims.personId);
  }

  /** Answers for the link's person; what the link is for, with the answer recorded. */
  async answer(token: string, answer: AttendanceLinkAnswer): Promise<AttendanceLinkResponse> {
    const { claims, exchange } = await this.open(token);
    await this.answers.record({
      exchange,
      personId: claims.personId,
      status: answer,
      delegateId: null,
      actor: { type: 'person', id: claims.personId },
      via: 'link',
    });
    return this.describe(exchange, claims.personId);
  }

  /** The claims of a valid link and its exchange; a 422 naming why a link is refused. */
  private async open(token: string): Promise<{ claims: AttendanceClaims; exchange: ExchangeEntity }> {
    const checked = verifyAttendanceToken(this.config.adminToken, token);
    if (!checked.ok && checked.reason === 'expired') {
      throw DomainError.unprocessable('ATTENDANCE.LINK_EXPIRED', 'this attendance link has expired: the exchange is over');
    }
    if (!checked.ok) throw notValid('this attendance link is not one Liaison signed');
    const { claims } = checked;
    const [exchange, person] = await Promise.all([this.exchanges.findById(claims.exchangeId), this.people.findById(claims.personId)]);
    if (!exchange || !person) throw notValid('this attendance link names an exchange or a person that no longer exists');
    if (person.deactivatedAt !== null) throw notValid('the person this attendance link is for has been deactivated');
    if (exchange.scheduleRevision !== claims.revision) {
      throw DomainError.unprocessable(
        'ATTENDANCE.LINK_SUPERSEDED',
        'the exchange has been rescheduled since this link was sent: answer from the newer e-mail or the web app',
      );
    }
    return { claims, exchange };
  }

  private async describe(exchange: ExchangeEntity, personId: string): Promise<AttendanceLinkResponse> {
    const [person, row] = await Promise.all([this.people.byId(personId), this.attendance.participantOf(exchange.id, personId)]);
    if (!row) throw DomainError.forbidden('ATTENDANCE.NOT_PARTICIPANT', 'this person no longer takes part in the exchange');
    const zone = exchange.timezone;
    return {
      exchangeId: exchange.id,
      // A RESTRICTED exchange's link shows its times only, as its reminders do.
      title: exchange.marking === 'RESTRICTED' ? null : exchange.title,
      marking: exchange.marking,
      startsAt: isoInZone(exchange.startsAt, zone),
      endsAt: isoInZone(new Date(exchange.startsAt.getTime() + exchange.durationMinutes * 60_000), zone),
      timezone: zone,
      status: exchange.status,
      personName: person.name,
      attendance: row.attendance,
      respondedAt: isoOrNull(row.respondedAt, zone),
    };
  }
}

const notValid = (message: string) => DomainError.unprocessable('ATTENDANCE.LINK_NOT_VALID', message);
