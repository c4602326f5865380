import { Inject, Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { LIAISON_CONFIG, LiaisonConfig } from '@liaison/config';
import { formatDateTime, languageOf, translate } from '@liaison/i18n';
import { DisabledSubscription, FailingSubscriptionsRepository, NotificationsRepository, PersonEntity } from '@liaison/persistence';
import { createTransport, Transporter } from 'nodemailer';
import { EventDeliveryMetrics } from './event-delivery-metrics';

/** The in-app notification kind of a disabled subscription. */
export const SUBSCRIPTION_DISABLED_NOTICE = 'event-subscription-disabled';

/**
 * Keeps each subscription's failing clock: `failing_since` set at its first failed attempt, cleared
 * at a 2xx. A subscription failing for EVENT_SUBSCRIPTION_DISABLE_AFTER is disabled (its lanes stop
 * at their head) and its organisation's coordinators are told in-app and by e-mail, in their language.
 */
@Injectable()
export class FailingSubscriptions implements OnModuleDestroy {
  private readonly logger = new Logger(FailingSubscriptions.name);
  private readonly transport: Transporter;

  constructor(
    private readonly subscriptions: FailingSubscriptionsRepository,
    private readonly notifications: NotificationsRepository,
    private readonly metrics: EventDeliveryMetrics,
    @Inject(LIAISON_CONFIG) private readonly config: LiaisonConfig,
  ) {
    this.transport = createTransport(config.smtpUrl, { from: config.mailFrom });
  }

  succeeded(subscriptionId: string): Promise<void> {
    return this.subscriptions.recordSuccess(subscriptionId);
  }

  /** Returns whether this failure disabled the subscription. */
  async failed(subscriptionId: string): Promise<boolean> {
    const { disableAfterMs } = this.config.events;
    const reason = `every delivery failed for ${Math.round(disableAfterMs / 1000)} s`;
    const disabled = await this.subscriptions.recordFailure(subscriptionId, disableAfterMs, reason);
    if (!disabled) return false;
    this.metrics.subscriptionDisabled();
    this.logger.warn({ subscriptionId, url: disabled.url, failingSince: disabled.failingSince }, 'event subscription disabled');
    await this.tellCoordinators(disabled);
    return true;
  }

  /** In-app first (one statement), then one e-mail each; an e-mail that fails is logged, not retried. */
  private async tellCoordinators(subscription: DisabledSubscription): Promise<void> {
    const coordinators = await this.subscriptions.coordinatorsToTell(subscription.organizationId);
    const messages = coordinators.map((person) => ({ person, ...this.message(person, subscription) }));
    await this.notifications.addNotices(
      messages.map(({ person, subject, body }) => ({ personId: person.id, kind: SUBSCRIPTION_DISABLED_NOTICE, title: subject, body })),
    );
    for (const { person, subject, body } of messages) {
      try {
        await this.transport.sendMail({
          to: { name: person.name, address: person.email },
          subject,
          text: body,
          messageId: `<disabled.${subscription.id}.${person.id}@liaison>`,
          headers: { 'X-Liaison-Event-Subscription': subscription.id, 'Content-Language': languageOf(person) },
        });
      } catch (error) {
        this.logger.error(
          { subscriptionId: subscription.id, personId: person.id, err: error instanceof Error ? error.message : String(error) },
          'coordinator not told by e-mail of a disabled subscription',
        );
      }
    }
  }

  private message(person: PersonEntity, subscription: DisabledSubscription): { subject: string; body: string } {
    const language = languageOf(person);
    const organization = person.organization?.code ?? '';
    const since = formatDateTime(language, new Date(subscription.failingSince), person.timezone);
    return {
      subject: translate(language, 'event-subscriptions.disabled.subject', { organization }),
      body: translate(language, 'event-subscriptions.disabled.body', { url: subscription.url, since }),
    };
  }

  onModuleDestroy(): void {
    this.transport.close();
  }
}
