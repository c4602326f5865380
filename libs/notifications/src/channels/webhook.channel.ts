import { Inject, Injectable } from '@nestjs/common';
import { LIAISON_CONFIG, LiaisonConfig } from '@liaison/config';
import type { PersonEntity, ReminderEntity } from '@liaison/persistence';
import type { ReminderContent } from '../delivery/reminder-content';
import { INBOX_KINDS } from './reminder-message';
import { signWebhook, WEBHOOK_ID_HEADER, WEBHOOK_SIGNATURE_HEADER, WEBHOOK_TIMESTAMP_HEADER } from './webhook-signature';

/** How long a receiver has to answer. */
export const WEBHOOK_TIMEOUT_MS = 10_000;

/** What one webhook is about: the body is `{ type, timestamp, data }`. */
export interface WebhookEvent {
  type: string;
  data: Record<string, unknown>;
}

/** The outcome of one POST: delivered (a 2xx answer), or why not (the receiver's status, null if it never answered). */
export type WebhookResult =
  { delivered: true; status: number; webhookId: string } | { delivered: false; status: number | null; error: string; webhookId: string };

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
 * POSTs signed JSON (Standard Webhooks: `webhook-id`, `webhook-timestamp`, `webhook-signature`) to a
 * person's webhook URL, signed with WEBHOOK_SIGNING_SECRET. Redirects are not followed.
 */
@Injectable()
export class WebhookChannel {
  constructor(@Inject(LIAISON_CONFIG) private readonly config: LiaisonConfig) {}

  /** A reminder, its key as `webhook-id`; throws unless the receiver answers 2xx, so that the queue retries. */
  async deliver(reminder: ReminderEntity, person: PersonEntity, content: ReminderContent): Promise<void> {
    if (!person.webhookUrl) throw new Error('the person has no webhook URL');
    const result = await this.send(person.webhookUrl, reminder.key, {
      type: INBOX_KINDS[reminder.kind],
      data: reminderWebhookData(reminder, content),
    });
    if (!result.delivered) throw new Error(`webhook not delivered: ${result.error}`);
  }

  /** Signs and POSTs one event; never throws. A retry of the same message keeps its `id` and gets a new timestamp and signature. */
  async send(url: string, id: string, event: WebhookEvent): Promise<WebhookResult> {
    const now = new Date();
    const timestamp = Math.floor(now.getTime() / 1000);
    const body = JSON.stringify({ type: event.type, timestamp: now.toISOString(), data: event.data });
    try {
      const response = await fetch(url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'user-agent': 'Liaison-Webhooks/1',
          [WEBHOOK_ID_HEADER]: id,
          [WEBHOOK_TIMESTAMP_HEADER]: String(timestamp),
          [WEBHOOK_SIGNATURE_HEADER]: signWebhook(this.config.webhookSigningSecret, id, timestamp, body),
        },
        body,
        redirect: 'manual',
        signal: AbortSignal.timeout(WEBHOOK_TIMEOUT_MS),
      });
      // The answer's body is not read: only its status counts.
      await response.body?.cancel().catch(() => undefined);
      return response.ok
        ? { delivered: true, status: response.status, webhookId: id }
        : { delivered: false, status: response.status, error: `the receiver answered ${response.status}`, webhookId: id };
    } catch (error) {
      return { delivered: false, status: null, error: failureOf(error), webhookId: id };
    }
  }
}

/** Why a POST got no answer, e.g. `fetch failed: connect ECONNREFUSED 127.0.0.1:9`. */
function failureOf(error: unknown): string {
  if (error instanceof Error && error.name === 'TimeoutError') return `no answer within ${WEBHOOK_TIMEOUT_MS / 1000} s`;
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause as { message?: string; code?: string } | undefined;
  const detail = cause?.message || cause?.code;
  return detail && detail !== error.message ? `${error.message}: ${detail}` : error.message;
}
