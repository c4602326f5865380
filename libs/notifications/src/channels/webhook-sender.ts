import { Logger } from '@nestjs/common';
import { AddressRefusedError, DomainError, WebhookUrlPolicy } from '@liaison/common';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { signWebhook, WEBHOOK_ID_HEADER, WEBHOOK_SIGNATURE_HEADER, WEBHOOK_TIMESTAMP_HEADER } from './webhook-signature';

/** How long a receiver has to answer. */
export const WEBHOOK_TIMEOUT_MS = 10_000;

/** What one webhook is about: the body is `{ type, timestamp, data }`. */
export interface WebhookEvent {
  type: string;
  data: Record<string, unknown>;
}

/**
 * Why a webhook was not delivered, in words that say nothing of the network behind the URL
 * (no address, port or socket error: those go to the log only).
 */
export const WEBHOOK_FAILURES = {
  addressNotAllowed: 'address not allowed',
  connectionFailed: 'connection failed',
  timedOut: `no answer within ${WEBHOOK_TIMEOUT_MS / 1000} s`,
  answered: (status: number) => `the receiver answered ${status}`,
} as const;

/** The outcome of one POST: delivered (a 2xx answer), or why not (the receiver's status, null if it never answered). */
export type WebhookResult =
  { delivered: true; status: number; webhookId: string } | { delivered: false; status: number | null; error: string; webhookId: string };

/**
 * POSTs signed JSON (Standard Webhooks: `webhook-id`, `webhook-timestamp`, and a `webhook-signature`
 * with one `v1,` signature per secret given) to a URL the WebhookUrlPolicy allows, over a
 * connection to an address it vetted. Redirects are not followed; the answer's body is not read.
 */
export class WebhookSender {
  private readonly logger = new Logger('Webhooks');

  constructor(private readonly policy: WebhookUrlPolicy) {}

  /** Signs and POSTs one event; never throws. A retry of the same message keeps its `id` and gets a new timestamp and signature. */
  async send(url: string, id: string, event: WebhookEvent, secrets: string[]): Promise<WebhookResult> {
    const now = new Date();
    return this.sendBody(url, id, JSON.stringify({ type: event.type, timestamp: now.toISOString(), data: event.data }), secrets, now);
  }

  /** Signs and POSTs a body already rendered (an event subscription's envelope); never throws. */
  async sendBody(url: string, id: string, body: string, secrets: string[], now = new Date()): Promise<WebhookResult> {
    const timestamp = Math.floor(now.getTime() / 1000);
    const headers = {
      'content-type': 'application/json',
      'content-length': String(Buffer.byteLength(body)),
      'user-agent': 'Liaison-Webhooks/1',
      [WEBHOOK_ID_HEADER]: id,
      [WEBHOOK_TIMESTAMP_HEADER]: String(timestamp),
      [WEBHOOK_SIGNATURE_HEADER]: secrets.map((secret) => signWebhook(secret, id, timestamp, body)).join(' '),
    };
    try {
      const status = await this.post(url, headers, body);
      return status >= 200 && status < 300
        ? { delivered: true, status, webhookId: id }
        : { delivered: false, status, error: WEBHOOK_FAILURES.answered(status), webhookId: id };
    } catch (error) {
      const failure = failureOf(error);
      this.logger.warn({ webhookId: id, failure, cause: error instanceof Error ? error.message : String(error) }, 'webhook not delivered');
      return { delivered: false, status: null, error: failure, webhookId: id };
    }
  }

  /** The receiver's HTTP status; throws if the URL is not allowed, the connection fails or no answer comes in time. */
  private async post(url: string, headers: Record<string, string>, body: string): Promise<number> {
    const target = await this.policy.target(url);
    const request = target.url.protocol === 'https:' ? httpsRequest : httpRequest;
    return new Promise<number>((resolve, reject) => {
      // No shared agent: each delivery makes its own connection, through the policy's lookup.
      const req = request(
        target.url,
        { method: 'POST', headers, agent: false, ...(target.lookup ? { lookup: target.lookup } : {}) },
        (res) => {
          clearTimeout(timer);
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      );
      const timer = setTimeout(() => req.destroy(new TimeoutError()), WEBHOOK_TIMEOUT_MS);
      req.on('error', (error) => {
        clearTimeout(timer);
        reject(error);
      });
      req.end(body);
    });
  }
}

class TimeoutError extends Error {
  override name = 'TimeoutError';
}

/** A failure as the reminder row and the API may tell it: refused by the policy, no answer in time, or any other connection failure. */
function failureOf(error: unknown): string {
  if (error instanceof TimeoutError) return WEBHOOK_FAILURES.timedOut;
  if (error instanceof DomainError) return WEBHOOK_FAILURES.addressNotAllowed;
  if (error instanceof AddressRefusedError && error.reason === 'not_public') return WEBHOOK_FAILURES.addressNotAllowed;
  return WEBHOOK_FAILURES.connectionFailed;
}
