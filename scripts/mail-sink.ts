/**
 * A local SMTP server for development: accepts every message on SMTP_PORT (default 1025) and
 * writes it to `.data/mail/<time>-<n>.eml`, so that reminders sent by e-mail can be read.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SMTPServer } from 'smtp-server';

const port = Number(process.env.SMTP_PORT ?? 1025);
const dir = process.env.MAIL_DIR ?? join(__dirname, '..', '..', '.data', 'mail');
mkdirSync(dir, { recursive: true });
let count = 0;

const server = new SMTPServer({
  authOptional: true,
  disabledCommands: ['STARTTLS'],
  logger: false,
  onData(stream, session, callback) {
    const chunks: Buffer[] = [];
    stream.on('data', (chunk: Buffer) => chunks.push(chunk));
    stream.on('end', () => {
      count += 1;
      const file = join(dir, `${Date.now()}-${count}.eml`);
      writeFileSync(file, Buffer.concat(chunks));
      process.stdout.write(`mail for ${session.envelope.rcptTo.map((r) => r.address).join(', ')} -> ${file}\n`);
      callback();
    });
  },
});
server.listen(port, '127.0.0.1', () => process.stdout.write(`mail sink on smtp://127.0.0.1:${port}, writing to ${dir}\n`));
for (const signal of ['SIGTERM', 'SIGINT'] as const) process.once(signal, () => server.close(() => process.exit(0)));
