import { Inject, Injectable, OnModuleDestroy } from '@nestjs/common';
import { attendanceLinks } from '@liaison/common';
import { LIAISON_CONFIG, LiaisonConfig } from '@liaison/config';
import { PAGES, pageUrl } from '@liaison/domain';
import type { AttendanceStatus, Language } from '@liaison/domain';
import { formatDateTime, languageOf, translate } from '@liaison/i18n';
import type { ExchangeEntity, PersonEntity, ReminderEntity } from '@liaison/persistence';
import { createTransport, Transporter } from 'nodemailer';
import { exchangeInvitation } from './ics';
import type { ReminderContent } from '../delivery/reminder-content';

/**
 * What a calendar message tells a person: the exchange moved (`update`), they were added (`added`)
 * or removed (`removed`), or it was cancelled (`cancel`). The first two carry a REQUEST, the others a CANCEL.
 */
export type CalendarMessageKind = 'update' | 'added' | 'removed' | 'cancel';

/** Sends a reminder by e-mail over SMTP_URL, with the exchange as an iMIP REQUEST attached when it is about the meeting. */
@Injectable()
export class EmailChannel implements OnModuleDestroy {
  private readonly transport: Transporter;

  constructor(@Inject(LIAISON_CONFIG) private readonly config: LiaisonConfig) {
    this.transport = createTransport(config.smtpUrl, { from: config.mailFrom });
  }

  /**
   * A reminder of the meeting itself (kind `exchange`, sent to its participants) is their
   * invitation: it carries the links that answer whether they attend.
   */
  async deliver(reminder: ReminderEntity, person: PersonEntity, content: ReminderContent): Promise<void> {
    const invitation =
      reminder.kind === 'exchange' && reminder.exchange ? this.answerLines(reminder.exchange, person, languageOf(person)) : [];
    await this.transport.sendMail({
      to: { name: person.name, address: person.email },
      subject: content.email.title,
      text: [content.email.body, ...invitation].join('\n'),
      messageId: `<${reminder.key}@liaison>`,
      headers: { 'X-Liaison-Reminder': reminder.key },
      ...(content.invitation ? { icalEvent: { method: 'REQUEST', filename: 'invitation.ics', content: content.invitation } } : {}),
    });
  }

  /** A person's morning digest; `id` (the digest job's) is its Message-ID, so a resend is recognisably the same message. */
  async sendDigest(person: PersonEntity, digest: { subject: string; text: string }, id: string): Promise<void> {
    await this.transport.sendMail({
      to: { name: person.name, address: person.email },
      subject: digest.subject,
      text: digest.text,
      messageId: `<${id}@liaison>`,
      headers: { 'X-Liaison-Digest': id },
    });
  }

  /**
   * Brings the person's calendar in line with the exchange as it is now, in their language and
   * zone: a short text and the iMIP message (same UID as every invitation and the feed). A
   * RESTRICTED exchange's message says only what its reminders say: its time and a link.
   * `person` is read with their organisation; `id` makes the Message-ID (one per job).
   */
  async calendarMessage(
    exchange: ExchangeEntity,
    person: PersonEntity,
    message: { kind: CalendarMessageKind; attendance: AttendanceStatus; id: string },
  ): Promise<void> {
    const language = languageOf(person);
    const restricted = exchange.marking === 'RESTRICTED';
    const link = pageUrl(this.config.publicBaseUrl, PAGES.exchange(exchange.id));
    const values = {
      restricted: restricted ? 'yes' : 'no',
      title: exchange.title,
      at: formatDateTime(language, exchange.startsAt, person.timezone),
      zone: person.timezone,
    };
    const method = message.kind === 'update' || message.kind === 'added' ? 'REQUEST' : 'CANCEL';
    await this.transport.sendMail({
      to: { name: person.name, address: person.email },
      subject: translate(language, `calendar.${message.kind}.subject`, values),
      text: [
        translate(language, `calendar.${message.kind}.body`, values),
        translate(language, restricted ? 'common.detailsSignIn' : 'common.details', { link }),
        ...(method === 'REQUEST' ? this.answerLines(exchange, person, language) : []),
      ].join('\n'),
      messageId: `<${message.id}@liaison>`,
      headers: { 'Content-Language': language },
      icalEvent: {
        method,
        filename: method === 'CANCEL' ? 'cancellation.ics' : 'invitation.ics',
        content: exchangeInvitation(exchange, person, {
          organizerEmail: this.config.mailFrom,
          publicBaseUrl: this.config.publicBaseUrl,
          attendance: message.attendance,
          method,
        }),
      },
    });
  }

  /** Tells the person the exchange is cancelled, with an iMIP CANCEL for the same event (same UID). */
  async cancel(exchange: ExchangeEntity, person: PersonEntity, attendance: AttendanceStatus): Promise<void> {
    await this.calendarMessage(exchange, person, { kind: 'cancel', attendance, id: `cancel.${exchange.id}.${person.id}` });
  }

  /**
   * The signed links that answer whether the person attends (libs/common `attendanceLinks`): for
   * this person, this exchange and its schedule revision, until the exchange ends; no sign-in.
   */
  private answerLines(exchange: ExchangeEntity, person: PersonEntity, language: Language): string[] {
    const links = attendanceLinks(this.config, {
      personId: person.id,
      exchangeId: exchange.id,
      revision: exchange.scheduleRevision,
      expiresAt: new Date(exchange.startsAt.getTime() + exchange.durationMinutes * 60_000),
    });
    return ['', translate(language, 'attendance.links', links), translate(language, 'attendance.linksNote')];
  }

  onModuleDestroy(): void {
    this.transport.close();
  }
}
