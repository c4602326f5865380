import { simpleParser, ParsedMail } from 'mailparser';
import { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  receivedAt: Date;
  to: string[];
  mail: ParsedMail;
  raw: string;
}

/** A real SMTP server on a free port that keeps every message it accepts, parsed. */
export class SmtpSink {
  readonly messages: ReceivedMail[] = [];
  private server?: SMTPServer;
  port = 0;

  /** `acceptAfterMs`: how long the server takes to accept each message (a slow relay), 0 by default. */
  constructor(readonly acceptAfterMs = 0) {}

  /** Awaited before a message is accepted: a test holds a delivery in flight with it. None by default. */
  hold?: (mail: ParsedMail) => Promise<void>;

  async start(): Promise<this> {
    this.server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onData: (stream, session, callback) => {
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', () => {
          const receivedAt = new Date();
          const raw = Buffer.concat(chunks).toString('utf8');
          simpleParser(raw)
            .then(async (mail) => {
              if (this.acceptAfterMs > 0) await new Promise((resolve) => setTimeout(resolve, this.acceptAfterMs));
              await this.hold?.(mail);
              this.messages.push({ receivedAt, to: session.envelope.rcptTo.map((r) => r.address), mail, raw });
              callback();
            })
            .catch((error: Error) => callback(error));
        });
      },
    });
    // A client's connection error, not thrown: a client that dies in the middle of a message (a
    // notifier killed by a fault test) resets its connection, which a relay shrugs off too.
    this.server.on('error', () => undefined);
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.server.address() as AddressInfo).port;
    return this;
  }

  get url(): string {
    return `smtp://127.0.0.1:${this.port}`;
  }

  to(address: string): ReceivedMail[] {
    return this.messages.filter((m) => m.to.includes(address));
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server?.close(() => resolve()));
  }
}
