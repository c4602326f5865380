import { createServer, IncomingMessage, Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request as the receiver got it: its headers and the raw body. */
export interface ReceivedWebhook {
  headers: Record<string, string>;
  body: string;
  /** The status it was answered with. */
  status: number;
}

/**
 * A plain HTTP receiver of event deliveries on 127.0.0.1, keeping every request as it came (raw
 * body and headers, to check signatures with the standardwebhooks package) and answering each with
 * `respond(n, envelopeId)` (n: 1-based count of requests for that event id), 204 by default.
 */
export class EventReceiver {
  readonly requests: ReceivedWebhook[] = [];
  respond: (attemptOfEvent: number, eventId: string) => number = () => 204;
  private server?: Server;

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      void readBody(req).then((body) => {
        const eventId = String((JSON.parse(body) as { id?: string }).id);
        const attempt = this.requests.filter((r) => r.headers['webhook-id'] === eventId).length + 1;
        const status = this.respond(attempt, eventId);
        const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, String(v)]));
        this.requests.push({ headers, body, status });
        res.writeHead(status).end();
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return this;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}/events`;
  }

  /** The envelopes answered 2xx, in arrival order. */
  delivered(): Array<{ id: string; type: string; occurredAt: string; organization: string; data: Record<string, unknown> }> {
    return this.requests.filter((r) => r.status >= 200 && r.status < 300).map((r) => JSON.parse(r.body));
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}
