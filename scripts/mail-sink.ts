/**
 * A local SMTP server for development: accepts every message on SMTP_PORT (default 1025) and
 * writes it to `.data/mail/<time>-<n>.eml`, and beside it `<time>-<n>.txt`, the same message as a
 * person reads it (To, Subject and the decoded text), so that a sign-in link can be copied as it is
 * (in the .eml, quoted-printable cuts long lines and writes `=` as `=3D`).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { simpleParser } from 'mailparser';
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
      const base = join(dir, `${Date.now()}-${count}`);
      const raw = Buffer.concat(chunks);
      writeFileSync(`${base}.eml`, raw);
      const to = session.envelope.rcptTo.map((r) => r.address).join(', ');
      process.stdout.write(`mail for ${to} -> ${base}.eml\n`);
      simpleParser(raw)
        .then((mail) => writeFileSync(`${base}.txt`, `To: ${to}\nSubject: ${mail.subject ?? ''}\n\n${mail.text ?? ''}\n`))
        .catch((error: Error) => process.stdout.write(`could not read ${base}.eml: ${error.message}\n`))
        .finally(() => callback());
    });
  },
});
server.listen(port, '127.0.0.1', () => process.stdout.write(`mail sink on smtp://127.0.0.1:${port}, writing to ${dir}\n`));
for (const signal of ['SIGTERM', 'SIGINT'] as const) process.once(signal, () => server.close(() => process.exit(0)));
