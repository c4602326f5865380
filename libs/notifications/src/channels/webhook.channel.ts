import { Injectable } from '@nestjs/common';
import { WebhookUrlPolicy } from '@liaison/common';
import { PersonEntity, ReminderEntity, WebhookSecretsRepository } from '@liaison/persistence';
import type { ReminderContent } from '../delivery/reminder-content';
import { INBOX_KINDS } from './reminder-message';
import { WebhookEvent, WebhookResult, WebhookSender } from './webhook-sender';

/**
 * The `data` of a reminder's webhook. It leaves Liaison, so it is the outside rendering (the one
 * e-mail gets): a RESTRICTED exchange or request gives only times and a link.
 */
export function reminderWebhookData(reminder: ReminderEntity, content: ReminderContent): Record<string, unknown> {
  return {
    reminderId: reminder.id,
    key: reminder.key,
    title: content.email.title,
    body: content.email.body,
    link: content.email.link,
    exchangeId: content.exchangeId,
    supportRequestId: content.supportRequestId,
    dueAt: reminder.dueAt.toISOString(),
  };
}

/**
 * A person's webhooks: signed with their organisation's secrets (WebhookSecretsRepository), sent only to
 * public addresses unless WEBHOOK_ALLOW_PRIVATE_NETWORKS (WebhookUrlPolicy, WebhookSender).
 */
@Injectable()
export class WebhookChannel {
  private readonly sender: WebhookSender;

  constructor(
    policy: WebhookUrlPolicy,
    private readonly secrets: WebhookSecretsRepository,
  ) {
    this.sender = new WebhookSender(policy);
  }

  /** A reminder, its key as `webhook-id`; throws unless the receiver answers 2xx, so that the queue retries. */
  async deliver(reminder: ReminderEntity, person: PersonEntity, content: ReminderContent): Promise<void> {
    const result = await this.send(person, reminder.key, {
      type: INBOX_KINDS[reminder.kind],
      data: reminderWebhookData(reminder, content),
    });
    if (!result.delivered) throw new Error(`webhook not delivered: ${result.error}`);
  }

  /** One event to the person's URL; never throws for the receiver's sake. */
  async send(person: PersonEntity, id: string, event: WebhookEvent): Promise<WebhookResult> {
    if (!person.webhookUrl) throw new Error('the person has no webhook URL');
    return this.sender.send(person.webhookUrl, id, event, await this.secrets.signingSecrets(person.organizationId));
  }
}
