import { Inject, Injectable, Logger } from '@nestjs/common';
import { LIAISON_CONFIG, LiaisonConfig } from '@liaison/config';
import { languageOf } from '@liaison/i18n';
import { PeopleRepository } from '@liaison/persistence';
import { EmailChannel } from '../channels/email.channel';
import { DigestComposer, isEmptyDigest } from './digest-content';
import { renderDigest } from './digest-message';
import { DigestMetrics, DigestOutcome } from './digest-metrics';
import { digestJobId, SendDigestJob } from './digest-queue';

/**
 * Sends one person's digest of one day: gathers it, and when there is something to say renders it
 * in their language and zone and hands it to SMTP. A failure is thrown for BullMQ to retry.
 */
@Injectable()
export class DigestDeliveryService {
  private readonly logger = new Logger(DigestDeliveryService.name);

  constructor(
    private readonly people: PeopleRepository,
    private readonly composer: DigestComposer,
    private readonly email: EmailChannel,
    private readonly metrics: DigestMetrics,
    @Inject(LIAISON_CONFIG) private readonly config: LiaisonConfig,
  ) {}

  async send(job: SendDigestJob, attempt: { number: number; last: boolean }): Promise<DigestOutcome> {
    const { personId, day } = job;
    try {
      const outcome = await this.deliver(job);
      this.logger.log({ personId, day, outcome }, 'digest');
      return outcome;
    } catch (error) {
      const outcome = attempt.last ? 'failed' : 'attempt-failed';
      this.metrics.record(outcome);
      const err = error instanceof Error ? error.message : String(error);
      this.logger.warn({ personId, day, attempt: attempt.number, outcome, err }, 'digest not sent');
      throw error;
    }
  }

  private async deliver({ personId, day, dueAt }: SendDigestJob): Promise<DigestOutcome> {
    const person = await this.people.withOrganization(personId);
    if (!person || !person.digestEnabled || person.deactivatedAt !== null) {
      this.metrics.record('skipped');
      return 'skipped';
    }
    const due = new Date(dueAt);
    const content = await this.composer.compose(person, day, due);
    if (isEmptyDigest(content)) {
      this.metrics.record('empty');
      return 'empty';
    }
    const message = renderDigest(
      content,
      day,
      { name: person.name, language: languageOf(person), zone: person.timezone },
      this.config.publicBaseUrl,
    );
    await this.email.sendDigest(person, message, digestJobId(personId, day));
    this.metrics.recordSent(due, new Date());
    return 'sent';
  }
}
