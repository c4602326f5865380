import { Inject, Injectable, OnModuleDestroy } from '@nestjs/common';
import { LIAISON_CONFIG, LiaisonConfig } from '@liaison/config';
import { languageOf, translate } from '@liaison/i18n';
import type { PersonEntity } from '@liaison/persistence';
import { createTransport, Transporter } from 'nodemailer';

/** Sends sign-in links over SMTP_URL, from the API itself: a link is wanted now, not after a queue. */
@Injectable()
export class SignInMailer implements OnModuleDestroy {
  private readonly transport: Transporter;

  constructor(@Inject(LIAISON_CONFIG) config: LiaisonConfig) {
    this.transport = createTransport(config.smtpUrl, { from: config.mailFrom });
  }

  /** The link, in the person's language (`person.organization` loaded, for its default). */
  async send(person: PersonEntity, link: string, minutes: number): Promise<void> {
    const language = languageOf(person);
    const t = (key: string, values?: Record<string, string | number>) => translate(language, `sign-in.${key}`, values);
    await this.transport.sendMail({
      to: { name: person.name, address: person.email },
      subject: t('subject'),
      text: [t('hello', { name: person.name }), '', t('open'), link, '', t('once', { minutes })].join('\n'),
      headers: { 'X-Liaison-Sign-In': 'link' },
    });
  }

  onModuleDestroy(): void {
    this.transport.close();
  }
}
