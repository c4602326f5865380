import { randomUUID } from 'node:crypto';
import { createServer, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DataSource } from 'typeorm';
import { appendAgendaItem } from '../../libs/persistence/src/repositories/agenda.repository';
import { OrganizationEntity } from '../../libs/persistence/src';
import { createExchange, exchangeBody, inboxOf, statusReached } from '../support/exchanges';
import { createPerson, eventually, inSeconds, TestPerson } from '../support/fixtures';
import { ADMIN_TOKEN, TestStack } from '../support/stack';

/** Service levels in seconds, so that an urgent request is overdue (and its reminders sent) within moments. */
const SERVICE_LEVELS = {
  SUPPORT_ACKNOWLEDGE_WITHIN: 'routine=PT6S,priority=PT5S,urgent=PT3S',
  SUPPORT_DECIDE_WITHIN: 'routine=PT30S,priority=PT20S,urgent=PT8S',
  SUPPORT_REMIND_BEFORE: 'routine=PT3S,priority=PT2S,urgent=PT1S',
  SUPPORT_ESCALATE_AFTER: 'routine=PT3S,priority=PT3S,urgent=PT2S',
};

const bearer = { type: 'bearer' } as const;
type Json = Record<string, any>;

/**
 * docs/ACCESS.md: people of a third organisation never see a support request. A request of UN to
 * NATO (organisations of this suite's own, unique codes) meets a senior-level exchange of UN, NATO
 * and AU: as an open agenda's follow-up entry, frozen into the agenda, as an item raised onto it
 * before raising there was refused, and through `raise` itself. Its id, title and owner must appear
 * nowhere AU's people look (agenda open and frozen, minutes, e-mail, inbox, webhook, calendar feed,
 * lists), while UN and NATO still see it.
 */
describe('a support request is never shown to a third organisation', () => {
  let stack: TestStack;
  let receiver: Server;
  const hooks: Array<{ path: string; body: string }> = [];
  const http = () => stack.http();

  const w = {} as {
    un: string;
    nato: string;
    au: string;
    /** Files the requests: the owner of their agenda entries (nobody is assigned), on no exchange. */
    unFiler: TestPerson;
    unCoord: TestPerson;
    natoCoord: TestPerson;
    natoSenior: TestPerson;
    auCoord: TestPerson;
    auPart: TestPerson;
    auHookPath: string;
    /** Urgent and unacknowledged: overdue before the exchange is made. */
    overdue: Json;
    /** Put on the agenda as `raise` did before it refused exchanges with a third organisation. */
    legacy: Json;
    legacyItemId: string;
    /** Senior level, UN, NATO and AU; its agenda freezes 25 s after it is made, it starts 35 s later and lasts a minute. */
    shared: Json;
  };

  async function organization(prefix: string): Promise<string> {
    const code = `${prefix}-${randomUUID().slice(0, 6).toUpperCase()}`;
    await http()
      .post('/v1/organizations')
      .auth(ADMIN_TOKEN, bearer)
      .send({ code, name: `${code} secretariat`, timezone: 'Europe/Brussels', weekend: [] })
      .expect(201);
    return code;
  }

  async function file(priority: string): Promise<Json> {
    const body = {
      title: `Counter-IED mentoring ${randomUUID().slice(0, 8)}`,
      description: 'Mentors for the mission engineers.',
      requestingOrganization: w.un,
      requestingUnit: 'MINUSCA',
      providingOrganization: w.nato,
      area: 'A4P',
      a4pArea: 'SAFETY-SECURITY',
      priority,
      neededBy: new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10),
    };
    return (await http().post('/v1/support-requests').auth(w.unFiler.token, bearer).send(body).expect(201)).body as Json;
  }

  /** What a person of AU must never be shown. */
  const secrets = () => [w.overdue.id, w.overdue.title, w.legacy.id, w.legacy.title, w.unFiler.id] as string[];
  /**
   * The secrets found in `text`, named by where it came from: `{ where, found: [] }` when none. An id
   * that `where` names itself (a path, `/v1/support-requests/<id>`) is the caller's own and not counted.
   */
  const leaks = (where: string, text: string) => ({
    where,
    found: secrets().filter((s) => !where.includes(s) && text.includes(s)),
  });
  const clean = (where: string) => ({ where, found: [] });

  const agendaAs = async (person: TestPerson | string, exchangeId = w.shared.id as string) => {
    const token = typeof person === 'string' ? person : person.token;
    return (await http().get(`/v1/exchanges/${exchangeId}/agenda`).auth(token, bearer).expect(200)).body as Json;
  };
  const requestItems = (agenda: Json) => (agenda.items as Json[]).filter((i) => i.supportRequestId !== null);

  beforeAll(async () => {
    stack = await TestStack.start(SERVICE_LEVELS);
    receiver = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        hooks.push({ path: req.url ?? '/', body: Buffer.concat(chunks).toString('utf8') });
        res.writeHead(200).end('ok');
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));

    w.un = await organization('UN');
    w.nato = await organization('NATO');
    w.au = await organization('AU');
    w.unFiler = await createPerson(stack, w.un, { roles: ['coordinator', 'participant'] });
    w.unCoord = await createPerson(stack, w.un, { roles: ['coordinator', 'participant'], email: true });
    w.natoCoord = await createPerson(stack, w.nato, { roles: ['coordinator', 'participant'], email: true });
    w.natoSenior = await createPerson(stack, w.nato, { level: 'senior', email: true });
    w.auCoord = await createPerson(stack, w.au, { roles: ['coordinator', 'participant'], level: 'senior', email: true });
    w.auPart = await createPerson(stack, w.au, { level: 'senior', email: true });
    w.auHookPath = `/hooks/${randomUUID()}`;
    const hookUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}${w.auHookPath}`;
    await http()
      .patch(`/v1/people/${w.auPart.id}`)
      .auth(ADMIN_TOKEN, bearer)
      .send({ channels: { email: true, webhookUrl: hookUrl } })
      .expect(200);

    w.overdue = await file('urgent');
    w.legacy = await file('routine');
    await eventually(
      async () => {
        const res = await http()
          .get(`/v1/support-requests/${w.overdue.id as string}`)
          .auth(w.unFiler.token, bearer)
          .expect(200);
        return res.body.overdue === true ? true : undefined;
      },
      20_000,
      'the urgent request overdue',
    );

    w.shared = await createExchange(
      stack,
      w.unCoord,
      exchangeBody({
        title: `Senior consultation ${randomUUID().slice(0, 6)}`,
        level: 'senior',
        areas: ['A4P'],
        organizations: [w.un, w.nato, w.au],
        hostOrganization: w.un,
        startsAt: inSeconds(60),
        durationMinutes: 1,
        agendaFreeze: 'PT35S',
        reminderOffsets: ['PT45S'],
        participantIds: [w.unCoord.id, w.natoSenior.id, w.auCoord.id, w.auPart.id],
      }),
    );
    // What `raise` did before it refused an exchange that a third organisation attends: existing rows.
    const legacyItem = await stack.api.get(DataSource).transaction(async (manager) =>
      appendAgendaItem(manager, {
        exchangeId: w.shared.id as string,
        title: `Support request: ${w.legacy.title as string}`,
        areaCode: 'A4P',
        proposingOrganizationId: (await manager.findOneByOrFail(OrganizationEntity, { code: w.un })).id,
        ownerId: w.unFiler.id,
        acceptedBy: [w.un],
        supportRequestId: w.legacy.id as string,
        createdBy: w.unFiler.id,
      }),
    );
    w.legacyItemId = legacyItem.id;
  });

  afterAll(async () => {
    await new Promise<void>((resolve) => (receiver ? receiver.close(() => resolve()) : resolve()));
    await stack?.stop();
  });

  it('refuses to raise a request onto an exchange a third organisation attends (409), for every caller; still raises it where only its two sides meet', async () => {
    for (const caller of [w.unFiler.token, w.natoCoord.token, ADMIN_TOKEN]) {
      const res = await http()
        .post(`/v1/support-requests/${w.overdue.id as string}/raise`)
        .auth(caller, bearer)
        .send({ exchangeId: w.shared.id });
      expect({ status: res.status, code: res.body.code }).toEqual({ status: 409, code: 'SUPPORT.THIRD_ORGANIZATION' });
      expect(res.body.message).toContain(w.au);
    }
    // AU does not see the request at all: a 404, as for an id never used.
    const byAu = await http()
      .post(`/v1/support-requests/${w.overdue.id as string}/raise`)
      .auth(w.auCoord.token, bearer)
      .send({ exchangeId: w.shared.id });
    expect(byAu.status).toBe(404);

    const bilateral = await createExchange(
      stack,
      w.unCoord,
      exchangeBody({
        areas: ['A4P'],
        organizations: [w.un, w.nato],
        hostOrganization: w.un,
        startsAt: inSeconds(30 * 86_400),
        participantIds: [],
        reminderOffsets: [],
      }),
    );
    await http()
      .post(`/v1/support-requests/${w.overdue.id as string}/raise`)
      .auth(w.unFiler.token, bearer)
      .send({ exchangeId: bilateral.id })
      .expect(201);
    expect(requestItems(await agendaAs(w.natoCoord, bilateral.id as string)).map((i) => i.supportRequestId)).toEqual([w.overdue.id]);
  });

  it('leaves the request out of the open agenda for AU, coordinator and participant; UN, NATO and admins still see it', async () => {
    const un = await agendaAs(w.unCoord);
    expect(un.frozen).toBe(false);
    expect(requestItems(un).map((i) => i.supportRequestId)).toEqual(expect.arrayContaining([w.overdue.id, w.legacy.id]));
    expect(requestItems(await agendaAs(w.natoSenior)).map((i) => i.title)).toEqual(
      expect.arrayContaining([`Support request: ${w.overdue.title as string}`, `Support request: ${w.legacy.title as string}`]),
    );
    expect(requestItems(await agendaAs(ADMIN_TOKEN))).toHaveLength(2);
    // Only its two sides decide on a request's item: AU is not awaited for what it may not see.
    expect(requestItems(un).find((i) => i.supportRequestId === w.legacy.id)).toMatchObject({ awaiting: [w.nato] });

    for (const [who, person] of [
      ['AU coordinator', w.auCoord],
      ['AU participant', w.auPart],
    ] as const) {
      const agenda = await agendaAs(person);
      expect(agenda.frozen).toBe(false);
      expect(requestItems(agenda)).toEqual([]);
      expect(leaks(`open agenda, ${who}`, JSON.stringify(agenda))).toEqual(clean(`open agenda, ${who}`));
    }
  });

  it("gives AU a 404 for a request's agenda item, whatever it does with it", async () => {
    const item = `/v1/exchanges/${w.shared.id as string}/agenda/${w.legacyItemId}`;
    const calls = [
      http().post(`${item}/accept`).auth(w.auCoord.token, bearer).send({ organization: w.au }),
      http().patch(item).auth(w.auCoord.token, bearer).send({ title: 'Renamed by AU' }),
      http().delete(item).auth(w.auCoord.token, bearer),
    ];
    for (const res of await Promise.all(calls)) {
      expect({ status: res.status, code: res.body.code }).toEqual({ status: 404, code: 'AGENDA.ITEM_NOT_FOUND' });
      expect(leaks('agenda item call, AU coordinator', JSON.stringify(res.body))).toEqual(clean('agenda item call, AU coordinator'));
    }
    // NATO, one of its sides, accepts it as usual.
    await http().post(`${item}/accept`).auth(w.natoCoord.token, bearer).send({ organization: w.nato }).expect(200);
  });

  it('leaves it out of the frozen agenda for AU', async () => {
    const frozen = await eventually(
      async () => {
        const agenda = await agendaAs(w.unCoord);
        const stored = requestItems(agenda).filter((i) => i.id !== null);
        return agenda.frozen && stored.some((i) => i.supportRequestId === w.overdue.id) ? agenda : undefined;
      },
      60_000,
      'the overdue request frozen into the agenda',
    );
    expect(requestItems(frozen).map((i) => i.supportRequestId)).toEqual(expect.arrayContaining([w.overdue.id, w.legacy.id]));
    expect(requestItems(await agendaAs(w.natoSenior)).filter((i) => i.id !== null)).toHaveLength(2);
    for (const [who, person] of [
      ['AU coordinator', w.auCoord],
      ['AU participant', w.auPart],
    ] as const) {
      const agenda = await agendaAs(person);
      expect(agenda.frozen).toBe(true);
      expect(requestItems(agenda)).toEqual([]);
      expect(leaks(`frozen agenda, ${who}`, JSON.stringify(agenda))).toEqual(clean(`frozen agenda, ${who}`));
    }
  });

  it("leaves it out of AU's reminders: e-mail, in-app and webhook; NATO is reminded of the request", async () => {
    const mails = await eventually(
      async () => {
        const got = stack.smtp.to(w.auPart.email);
        return got.length > 0 ? got : undefined;
      },
      60_000,
      "the AU participant's e-mail reminder",
    );
    for (const { raw, mail } of mails) {
      expect(leaks('e-mail, AU participant', `${raw}\n${mail.subject ?? ''}\n${mail.text ?? ''}`)).toEqual(clean('e-mail, AU participant'));
    }
    const inbox = await eventually(
      async () => {
        const items = await inboxOf(stack, w.auPart);
        return items.some((n) => n.exchangeId === w.shared.id) ? items : undefined;
      },
      60_000,
      "the AU participant's in-app reminder",
    );
    expect(inbox.filter((n) => n.supportRequestId !== undefined)).toEqual([]);
    expect(leaks('inbox, AU participant', JSON.stringify(inbox))).toEqual(clean('inbox, AU participant'));
    const delivered = await eventually(
      async () => {
        const got = hooks.filter((h) => h.path === w.auHookPath);
        return got.length > 0 ? got : undefined;
      },
      60_000,
      "the AU participant's webhook",
    );
    expect(leaks('webhook, AU participant', delivered.map((h) => h.body).join('\n'))).toEqual(clean('webhook, AU participant'));

    // The request's own reminders go to its providing side, and nowhere in AU.
    await eventually(
      async () => ((await inboxOf(stack, w.natoCoord)).some((n) => n.supportRequestId === w.overdue.id) ? true : undefined),
      30_000,
      "NATO's reminder of the overdue request",
    );
    const auInbox = await inboxOf(stack, w.auCoord);
    expect(leaks('inbox, AU coordinator', JSON.stringify(auInbox))).toEqual(clean('inbox, AU coordinator'));
    expect(
      leaks(
        'e-mail, AU coordinator',
        stack.smtp
          .to(w.auCoord.email)
          .map((m) => m.raw)
          .join('\n'),
      ),
    ).toEqual(clean('e-mail, AU coordinator'));
  });

  it("leaves it out of the AU participant's calendar feed", async () => {
    const { url } = (await http().get('/v1/me/calendar').auth(w.auPart.token, bearer).expect(200)).body as { url: string };
    const address = new URL(url);
    const feed = await http().get(`${address.pathname}${address.search}`).expect(200);
    expect(feed.text).toContain(w.shared.title);
    expect(leaks('calendar feed, AU participant', feed.text)).toEqual(clean('calendar feed, AU participant'));
  });

  it("leaves it out of every list AU's coordinator reaches, and refuses the admin lists", async () => {
    const reads: Array<[string, number]> = [
      ['/v1/support-requests?limit=200', 200],
      ['/v1/support-requests?overdue=true&limit=200', 200],
      [`/v1/support-requests?organization=${w.un}&limit=200`, 200],
      [`/v1/support-requests/${w.overdue.id as string}`, 404],
      [`/v1/support-requests/${w.legacy.id as string}`, 404],
      ['/v1/exchanges?limit=200', 200],
      [`/v1/exchanges/${w.shared.id as string}`, 200],
      [`/v1/exchanges/${w.shared.id as string}/reminders?limit=200`, 200],
      [`/v1/exchanges/${w.shared.id as string}/action-items`, 200],
      ['/v1/action-items?limit=200', 200],
      ['/v1/people?limit=200', 200],
      ['/v1/me/notifications?limit=200', 200],
      ['/v1/admin/audit', 403],
      ['/v1/admin/reminders', 403],
      ['/v1/admin/workflows', 403],
      [`/v1/admin/workflows/support-request-${w.overdue.id as string}`, 403],
      ['/admin', 303],
    ];
    const answers = [];
    for (const [path, expected] of reads) {
      const res = await http().get(path).auth(w.auCoord.token, bearer);
      answers.push({ path, status: res.status, ...leaks(path, `${res.text}${JSON.stringify(res.headers)}`) });
      expect(res.status).toBe(expected);
    }
    expect(answers).toEqual(reads.map(([path, status]) => ({ path, status, where: path, found: [] })));
    // The same list, as the requesting side, does hold it.
    const un = await http().get('/v1/support-requests?limit=200').auth(w.unCoord.token, bearer).expect(200);
    expect((un.body.items as Json[]).map((r) => r.id)).toEqual(expect.arrayContaining([w.overdue.id, w.legacy.id]));
  });

  it('leaves it out of the minutes AU reads', async () => {
    await statusReached(stack, w.unCoord, w.shared.id as string, 'held', 150_000);
    await http()
      .put(`/v1/exchanges/${w.shared.id as string}/minutes`)
      .auth(w.unCoord.token, bearer)
      .send({ text: 'The three secretariats reviewed the joint work plan.' })
      .expect(200);
    for (const [who, person] of [
      ['AU coordinator', w.auCoord],
      ['AU participant', w.auPart],
    ] as const) {
      const minutes = await http()
        .get(`/v1/exchanges/${w.shared.id as string}/minutes`)
        .auth(person.token, bearer)
        .expect(200);
      expect(minutes.body).toMatchObject({ status: 'draft', version: 1 });
      expect(leaks(`minutes, ${who}`, minutes.text)).toEqual(clean(`minutes, ${who}`));
      // The agenda of the held exchange, as AU, still without it.
      const agenda = await agendaAs(person);
      expect(leaks(`held agenda, ${who}`, JSON.stringify(agenda))).toEqual(clean(`held agenda, ${who}`));
    }
  });
});
