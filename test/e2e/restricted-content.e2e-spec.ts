import { randomUUID } from 'node:crypto';
import { createServer, Server } from 'node:http';
import { allPages, bearer, Json, must } from '../support/access-world';
import { createExchange, exchangeBody, inboxOf, planningLeadMs, plannedInTime, useStack } from '../support/exchanges';
import { createPerson, TestPerson, waitFor } from '../support/fixtures';
import { listenOnPortZero } from '../support/ports';
import { ADMIN_TOKEN } from '../support/stack';

/**
 * docs/ACCESS.md (RESTRICTED): a RESTRICTED exchange is shown in full in the API, but what leaves
 * Liaison (e-mail, its .ics invitation, webhooks, the calendar feed) gives only its time and a link:
 * no title, location or agenda text. An UNMARKED control exchange, alike in all else, shows its
 * title and location in the same places, so that the search for them can find something.
 * (Agenda text leaves Liaison for neither: it is looked for in both.)
 */
describe('what leaves Liaison about a RESTRICTED exchange', () => {
  const world = useStack(0);
  const http = () => world.stack.http();
  const hooks: Array<{ path: string; body: string }> = [];
  let receiver: Server;
  /** Reminded by e-mail, in-app and webhook; the other participant in-app only. */
  let recipient: TestPerson;
  let colleague: TestPerson;
  const text = {} as Record<'restricted' | 'control', { title: string; location: string; agenda: string; id: string }>;

  beforeAll(async () => {
    const { stack, cast } = world;
    receiver = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        hooks.push({ path: req.url ?? '/', body: Buffer.concat(chunks).toString('utf8') });
        res.writeHead(204).end();
      });
    });
    const port = await listenOnPortZero(receiver);
    recipient = await createPerson(stack, cast.nato, { email: true });
    await must(
      http()
        .patch(`/v1/people/${recipient.id}`)
        .auth(ADMIN_TOKEN, bearer)
        .send({ channels: { email: true, webhookUrl: `http://127.0.0.1:${port}/hooks/${recipient.id}` } }),
      200,
      'webhook URL',
    );
    colleague = await createPerson(stack, cast.un);
    // One reminder each, due once the stack has surely planned it: a lead measured on this machine.
    const lead = await planningLeadMs(stack, cast);
    const offsetMinutes = 10;
    for (const marking of ['restricted', 'control'] as const) {
      const t = { title: `Talks ${marking} ${randomUUID()}`, location: `Room ${randomUUID()}`, agenda: `Agenda ${randomUUID()}` };
      const exchange = await createExchange(
        stack,
        cast.unCoordinator,
        exchangeBody(cast, {
          title: t.title,
          location: t.location,
          marking: marking === 'restricted' ? 'RESTRICTED' : 'UNMARKED',
          startsAt: new Date(Date.now() + lead + offsetMinutes * 60_000).toISOString(),
          reminderOffsets: [`PT${offsetMinutes}M`],
          agendaFreeze: 'PT1M',
          participantIds: [recipient.id, colleague.id],
        }),
      );
      await must(
        http()
          .post(`/v1/exchanges/${exchange.id as string}/agenda`)
          .auth(cast.unCoordinator.token, bearer)
          .send({ title: t.agenda, area: 'POC' }),
        201,
        'agenda item',
      );
      text[marking] = { ...t, id: exchange.id as string };
      // in-app, e-mail and webhook for the recipient, in-app for the colleague.
      await plannedInTime(stack, cast.unCoordinator, exchange.id as string, 4);
    }
    for (const marking of ['restricted', 'control'] as const) {
      await waitFor(
        `the reminders of the ${marking} exchange sent`,
        () => allPages(stack, `/v1/exchanges/${text[marking].id}/reminders`, ADMIN_TOKEN),
        (rows) => rows.length === 4 && rows.every((r) => r.status === 'sent'),
      );
    }
  });
  afterAll(async () => {
    receiver?.closeAllConnections();
    await new Promise<void>((resolve) => (receiver ? receiver.close(() => resolve()) : resolve()));
  });

  /** Where each of the exchange's texts shows in `content`, lines of a calendar unfolded (RFC 5545). */
  const shows = (marking: 'restricted' | 'control', content: string) => {
    const unfolded = content.replace(/\r?\n[ \t]/g, '');
    const t = text[marking];
    return { title: unfolded.includes(t.title), location: unfolded.includes(t.location), agenda: unfolded.includes(t.agenda) };
  };
  const HIDDEN = { title: false, location: false, agenda: false };
  const SHOWN = { title: true, location: true, agenda: false };

  /** The mail the recipient got about an exchange: subject, text and every attachment (the .ics), decoded. */
  function mailAbout(marking: 'restricted' | 'control'): { content: string; ics: string } {
    const mails = world.stack.smtp.to(recipient.email).filter((m) => m.raw.includes(text[marking].id));
    expect(mails).toHaveLength(1);
    const { mail } = mails[0];
    const ics = mail.attachments.filter((a) => a.contentType.startsWith('text/calendar')).map((a) => a.content.toString('utf8'));
    expect(ics).toHaveLength(1);
    return { content: [mail.subject ?? '', mail.text ?? '', mail.html || '', ...ics].join('\n'), ics: ics[0] };
  }

  it('keeps the title, location and agenda out of the e-mail and its .ics invitation (the control shows them)', () => {
    const restricted = mailAbout('restricted');
    expect({ mail: shows('restricted', restricted.content), ics: shows('restricted', restricted.ics) }).toEqual({
      mail: HIDDEN,
      ics: HIDDEN,
    });
    expect(restricted.ics).toMatch(/^SUMMARY:Exchange \(restricted\)\r?$/m);
    const control = mailAbout('control');
    expect({ mail: shows('control', control.content), ics: shows('control', control.ics) }).toEqual({ mail: SHOWN, ics: SHOWN });
  });

  it('keeps them out of the webhook (the control shows them)', () => {
    const about = (marking: 'restricted' | 'control') => {
      const bodies = hooks.filter((h) => h.path === `/hooks/${recipient.id}` && h.body.includes(text[marking].id));
      expect(bodies).toHaveLength(1);
      return shows(marking, bodies[0].body);
    };
    expect({ restricted: about('restricted'), control: about('control') }).toEqual({ restricted: HIDDEN, control: SHOWN });
  });

  it('keeps them out of the calendar feed (the control shows them)', async () => {
    const { url } = await must(http().post('/v1/me/calendar/rotate').auth(recipient.token, bearer), 200, 'feed address');
    const address = new URL(url as string);
    const feed = (await http().get(`${address.pathname}${address.search}`).expect(200)).text.replace(/\r?\n[ \t]/g, '');
    const events = feed.split('BEGIN:VEVENT').slice(1);
    const event = (marking: 'restricted' | 'control') => {
      const found = events.filter((e) => e.includes(`UID:exchange-${text[marking].id}@liaison`));
      expect(found).toHaveLength(1);
      return found[0];
    };
    expect(events).toHaveLength(2);
    expect({ restricted: shows('restricted', event('restricted')), control: shows('control', event('control')) }).toEqual({
      restricted: HIDDEN,
      control: SHOWN,
    });
    expect(event('restricted')).toMatch(/^SUMMARY:Exchange \(restricted\)\r?$/m);
  });

  it('shows them in full inside Liaison: the API and the inbox, each person their own notifications only', async () => {
    for (const marking of ['restricted', 'control'] as const) {
      const exchange = await must(http().get(`/v1/exchanges/${text[marking].id}`).auth(recipient.token, bearer), 200, 'exchange');
      const agenda = await must(http().get(`/v1/exchanges/${text[marking].id}/agenda`).auth(recipient.token, bearer), 200, 'agenda');
      expect({ title: exchange.title, location: exchange.location, agenda: (agenda.items as Json[]).map((i) => i.title) }).toEqual({
        title: text[marking].title,
        location: text[marking].location,
        agenda: [text[marking].agenda],
      });
    }
    const inbox = async (person: TestPerson) =>
      (await inboxOf(world.stack, person))
        .map((n) => `${n.exchangeId === text.restricted.id ? 'restricted' : 'control'}: ${n.title}`)
        .sort();
    const expected = [`control: Reminder: ${text.control.title}`, `restricted: Reminder: ${text.restricted.title}`];
    expect({ recipient: await inbox(recipient), colleague: await inbox(colleague) }).toEqual({ recipient: expected, colleague: expected });
    // One person's notification is no other's: marking it read is a 404 for anyone else.
    const [notification] = await inboxOf(world.stack, recipient);
    const other = await http()
      .post(`/v1/me/notifications/${notification.id as string}/read`)
      .auth(colleague.token, bearer);
    expect({ status: other.status, code: other.body.code }).toEqual({ status: 404, code: 'NOTIFICATION.NOT_FOUND' });
  });
});
