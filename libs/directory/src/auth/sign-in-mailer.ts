import { Inject, Injectable, OnModuleDestroy } from '@nestjs/common';
import { LIAISON_CONFIG, LiaisonConfig } from '@liaison/config';
import type { PersonEntity } from '@liaison/persistence';
import { createTransport, Transporter } from 'nodemailer';

/** Sends sign-in links over SMTP_URL, from the API itself: a link is wanted now, not after a queue. */
@Injectable()
export class SignInMailer implements OnModuleDestroy {
  private readonly transport: Transporter;

  constructor(@Inject(LIAISON_CONFIG) config: LiaisonConfig) {
    this.transport = createTransport(config.smtpUrl, { from: config.mailFrom });
  }

  async send(person: PersonEntity, link: string, minutes: number): Promise<void> {
    await this.transport.sendMail({
      to: { name: person.name, address: person.email },
      subject: 'Your sign-in link for Liaison',
      text: [
        `Hello ${person.name},`,
        '',
        'Open this link to sign in to Liaison:',
        link,
        '',
        `It works once, for ${minutes} minutes. If you did not ask for it, ignore this e-mail: nobody can sign in without the link.`,
      ].join('\n'),
      headers: { 'X-Liaison-Sign-In': 'link' },
    });
  }

  onModuleDestroy(): void {
    this.transport.close();
  }
}
