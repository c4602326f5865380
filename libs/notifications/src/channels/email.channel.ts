import { Inject, Injectable, OnModuleDestroy } from '@nestjs/common';
import { LIAISON_CONFIG, LiaisonConfig } from '@liaison/config';
import { PAGES, pageUrl } from '@liaison/domain';
import type { ExchangeEntity, PersonEntity, ReminderEntity } from '@liaison/persistence';
import { createTransport, Transporter } from 'nodemailer';
import { exchangeInvitation } from './ics';
import type { ReminderContent } from '../delivery/reminder-content';

/** Sends a reminder by e-mail over SMTP_URL, with the exchange as an iMIP REQUEST attached when it is about the meeting. */
@Injectable()
export class EmailChannel implements OnModuleDestroy {
  private readonly transport: Transporter;

  constructor(@Inject(LIAISON_CONFIG) private readonly config: LiaisonConfig) {
    this.transport = createTransport(config.smtpUrl, { from: config.mailFrom });
  }

  async deliver(reminder: ReminderEntity, person: PersonEntity, content: ReminderContent): Promise<void> {
    await this.transport.sendMail({
      to: { name: person.name, address: person.email },
      subject: content.email.title,
      text: content.email.body,
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

  /** Tells the person the exchange is cancelled, with an iMIP CANCEL for the same event (same UID). */
  async cancel(exchange: ExchangeEntity, person: PersonEntity): Promise<void> {
    const restricted = exchange.marking === 'RESTRICTED';
    const link = pageUrl(this.config.publicBaseUrl, PAGES.exchange(exchange.id));
    await this.transport.sendMail({
      to: { name: person.name, address: person.email },
      subject: restricted ? 'Cancelled: an exchange you take part in' : `Cancelled: ${exchange.title}`,
      text: `${restricted ? 'An exchange you take part in' : exchange.title} has been cancelled.\nDetails: ${link}`,
      messageId: `<cancel.${exchange.id}.${person.id}@liaison>`,
      icalEvent: {
        method: 'CANCEL',
        filename: 'cancellation.ics',
        content: exchangeInvitation(exchange, person, {
          organizerEmail: this.config.mailFrom,
          publicBaseUrl: this.config.publicBaseUrl,
          method: 'CANCEL',
        }),
      },
    });
  }

  onModuleDestroy(): void {
    this.transport.close();
  }
}
