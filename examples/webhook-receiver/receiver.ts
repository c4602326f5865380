/**
 * A small receiver of Liaison's events (README.md beside this file): it verifies each request's
 * Standard Webhooks signature with the `standardwebhooks` package, answers a duplicate `webhook-id`
 * with 200 without taking it twice, and keeps what it accepted in arrival order. The test suites
 * use it as the receiver of their subscriptions; `respond` makes it fail (or hang) on purpose.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';

/** The body Liaison sends (docs/events.md). */
export interface Envelope {
  id: string;
  type: string;
  occurredAt: string;
  organization: string;
  data: unknown;
}

/** One verified request that the receiver answered with a 2xx, a duplicate or not. */
export interface Receipt {
  webhookId: string;
  /** The `webhook-timestamp` header: when the sender signed this attempt, in seconds. */
  signedAt: number;
  /** `Date.now()` when the request's body had arrived and been verified. */
  receivedAt: number;
  duplicate: boolean;
  envelope: Envelope;
}

/**
 * Decides the answer to the `n`th verified request (1-based, counting every verified request):
 * a status (a 2xx takes the event; anything else refuses it, and the sender must try again), or
 * `'hang'` to keep the request open without answering until the receiver is closed. A promise of
 * either answers when it settles (a slow receiver).
 */
export type Answer = number | 'hang';
export type Respond = (n: number, webhookId: string) => Answer | Promise<Answer>;

export interface ReceiverOptions {
  /** The subscription's signing secret (`whsec_…`). */
  secret?: string;
  /** Several secrets (during a rotation): a request is accepted if any one verifies it. */
  secrets?: string[];
  /** 0 (the default) picks a free port. */
  port?: number;
  host?: string;
  respond?: Respond;
  /** Called once per event taken (never for a duplicate): where an integrator's own work starts. */
  onEvent?: (envelope: Envelope, webhookId: string) => void;
  /** Bodies larger than this are refused with 413 (default 1 MiB). */
  maxBodyBytes?: number;
}

export interface Receiver {
  /** Where to point a subscription: `http://<host>:<port>/events`. */
  readonly url: string;
  /** Each event taken, once, in the order of arrival (after deduplication by `webhook-id`). */
  readonly accepted: Envelope[];
  /** Every request answered with a 2xx, duplicates included, in arrival order. */
  readonly receipts: Receipt[];
  /** Requests whose `webhook-id` had already been accepted (answered 200, not taken again). */
  readonly duplicates: number;
  /** Requests refused: no or bad signature (401), bad body (400), too large (413), not a POST (405). */
  readonly rejected: number;
  /** Verified requests that `respond` refused or left hanging. */
  readonly refused: number;
  /** Change how the next requests are answered (undefined: 204 to every verified request). */
  respond: Respond | undefined;
  /** Change the secrets that verify (a rotation seen from the receiver's side). */
  secrets: string[];
  /** Resolves once `condition()` holds after some request (or at once), rejects after `timeoutMs`. */
  until(condition: () => boolean, timeoutMs?: number, what?: string): Promise<void>;
  close(): Promise<void>;
}

const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;

class BodyTooLarge extends Error {}

function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        reject(new BodyTooLarge());
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function headerRecord(req: IncomingMessage): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (typeof value === 'string') headers[name] = value;
  }
  return headers;
}

function isEnvelope(value: unknown): value is Envelope {
  const v = value as Partial<Envelope> | null;
  return (
    typeof v === 'object' &&
    v !== null &&
    typeof v.id === 'string' &&
    typeof v.type === 'string' &&
    typeof v.occurredAt === 'string' &&
    typeof v.organization === 'string' &&
    'data' in v
  );
}

export async function startReceiver(options: ReceiverOptions): Promise<Receiver> {
  const accepted: Envelope[] = [];
  const receipts: Receipt[] = [];
  const seen = new Set<string>();
  const waiters = new Set<() => void>();
  const hanging = new Set<ServerResponse>();
  const counts = { verified: 0, duplicates: 0, rejected: 0, refused: 0 };
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  let respond = options.respond;
  let secrets: string[] = [];
  let verifiers: Webhook[] = [];
  const setSecrets = (next: string[]): void => {
    if (next.length === 0) throw new Error('the receiver needs at least one secret');
    secrets = [...next];
    verifiers = secrets.map((secret) => new Webhook(secret));
  };
  setSecrets(options.secrets ?? (options.secret === undefined ? [] : [options.secret]));

  const notify = (): void => {
    for (const wake of [...waiters]) wake();
  };
  const settle = (res: ServerResponse, status: number, body?: string): void => {
    res.writeHead(status, body === undefined ? {} : { 'content-type': 'text/plain' }).end(body);
    notify();
  };
  const reject = (res: ServerResponse, status: number, reason: string): void => {
    counts.rejected += 1;
    settle(res, status, reason);
  };

  // Verifies against the raw bytes (never a re-serialised body), then parses.
  const verify = (payload: Buffer, headers: Record<string, string>): unknown => {
    let lastError: unknown;
    for (const verifier of verifiers) {
      try {
        return verifier.verify(payload, headers);
      } catch (error) {
        lastError = error;
      }
    }
    throw lastError;
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    if (req.method !== 'POST') return reject(res, 405, 'POST only');
    let payload: Buffer;
    try {
      payload = await readBody(req, maxBodyBytes);
    } catch (error) {
      if (error instanceof BodyTooLarge) return reject(res, 413, 'body too large');
      throw error;
    }
    const headers = headerRecord(req);
    let body: unknown;
    try {
      body = verify(payload, headers);
    } catch {
      return reject(res, 401, 'signature not verified');
    }
    if (!isEnvelope(body)) return reject(res, 400, 'not an event envelope');
    const webhookId = headers['webhook-id'];
    counts.verified += 1;
    const answering = respond?.(counts.verified, webhookId);
    notify();
    const answer = (await answering) ?? 204;
    if (answer === 'hang') {
      counts.refused += 1;
      hanging.add(res);
      res.on('close', () => hanging.delete(res));
      notify();
      return;
    }
    if (answer < 200 || answer > 299) {
      counts.refused += 1;
      return settle(res, answer, 'refused on purpose');
    }
    const duplicate = seen.has(webhookId);
    if (duplicate) {
      counts.duplicates += 1;
    } else {
      seen.add(webhookId);
      accepted.push(body);
      options.onEvent?.(body, webhookId);
    }
    receipts.push({ webhookId, signedAt: Number(headers['webhook-timestamp']), receivedAt: Date.now(), duplicate, envelope: body });
    settle(res, duplicate ? 200 : answer);
  };

  const server = createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) settle(res, 500, 'receiver error');
    });
  });
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const address = server.address() as AddressInfo;

  const receiver: Receiver = {
    url: `http://${address.address}:${address.port}/events`,
    accepted,
    receipts,
    get duplicates() {
      return counts.duplicates;
    },
    get rejected() {
      return counts.rejected;
    },
    get refused() {
      return counts.refused;
    },
    get respond() {
      return respond;
    },
    set respond(next: Respond | undefined) {
      respond = next;
    },
    get secrets() {
      return secrets;
    },
    set secrets(next: string[]) {
      setSecrets(next);
    },
    until(condition, timeoutMs = 30_000, what = 'the receiver to see what was expected') {
      if (condition()) return Promise.resolve();
      return new Promise<void>((resolve, reject) => {
        const check = (): void => {
          if (!condition()) return;
          finish();
          resolve();
        };
        const timer = setTimeout(() => {
          finish();
          reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what} (accepted ${accepted.length})`));
        }, timeoutMs);
        const finish = (): void => {
          clearTimeout(timer);
          waiters.delete(check);
        };
        waiters.add(check);
      });
    },
    close() {
      for (const res of hanging) res.destroy();
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  return receiver;
}
