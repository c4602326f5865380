import { randomUUID } from 'node:crypto';
import { createServer, Server } from 'node:http';
import { DataSource } from 'typeorm';
import { appendAgendaItem } from '../../libs/persistence/src/repositories/agenda.repository';
import { OrganizationEntity } from '../../libs/persistence/src';
import { createExchange, exchangeBody, exchangeOf, inboxOf, planningLeadMs, plannedInTime, remindersOf } from '../support/exchanges';
import { createOrganization, createPerson, inSeconds, TestPerson, waitFor } from '../support/fixtures';
import { listenOnPortZero } from '../support/ports';
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
 * NATO (organisations of this suite's own, unique codes) meets senior-level exchanges of UN, NATO
 * and AU: as an open agenda's follow-up entry, frozen into the agenda, as an item raised onto it
 * before raising there was refused, and through `raise` itself. Its id, title and owner must appear
 * nowhere AU's people look (agenda open and frozen, minutes, e-mail, inbox, webhook, calendar feed,
 * lists), while UN and NATO still see it. Two exchanges: `open`, a month ahead, whose agenda stays
 * open while the suite runs; `soon`, made after the open agenda's checks, whose schedule derives
 * from the stack's planning time: reminded, frozen, then held within two minutes.
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
    /** Senior level, UN, NATO and AU, a month ahead: its agenda stays open. */
    open: Json;
    /** Senior level, UN, NATO and AU, made by the frozen-agenda test: reminded, frozen, then held a minute later. */
    soon: Json;
    /** How far ahead a reminder's due time must be for this stack to plan it in time (planningLeadMs). */
    leadMs: number;
  };
  const participants = () => [w.unCoord.id, w.natoSenior.id, w.auCoord.id, w.auPart.id];
  /** A senior-level exchange of UN, NATO and AU with the four participants, and the legacy request's item on its agenda. */
  async function sharedExchange(overrides: Record<string, unknown>): Promise<{ exchange: Json; legacyItemId: string }> {
    const exchange = await createExchange(
      stack,
      w.unCoord,
      exchangeBody(
        { un: w.un, nato: w.nato },
        {
          title: `Senior consultation ${randomUUID().slice(0, 6)}`,
          level: 'senior',
          areas: ['A4P'],
          organizations: [w.un, w.nato, w.au],
          participantIds: participants(),
          ...overrides,
        },
      ),
    );
    // What `raise` did before it refused an exchange that a third organisation attends: existing rows.
    const item = await stack.api.get(DataSource).transaction(async (manager) =>
      appendAgendaItem(manager, {
        exchangeId: exchange.id as string,
        title: `Support request: ${w.legacy.title as string}`,
        areaCode: 'A4P',
        proposingOrganizationId: (await manager.findOneByOrFail(OrganizationEntity, { code: w.un })).id,
        ownerId: w.unFiler.id,
        acceptedBy: [w.un],
        supportRequestId: w.legacy.id as string,
        createdBy: w.unFiler.id,
      }),
    );
    return { exchange, legacyItemId: item.id };
  }

  /** An organisation of this suite's own (a unique code), with no weekend so that service levels run on any day. */
  const organization = (prefix: string) => createOrganization(stack, prefix, 'Europe/Brussels', { weekend: [] });

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

  const agendaAs = async (person: TestPerson | string, exchangeId: string) => {
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
    const port = await listenOnPortZero(receiver);

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
    const hookUrl = `http://127.0.0.1:${port}${w.auHookPath}`;
    await http()
      .patch(`/v1/people/${w.auPart.id}`)
      .auth(ADMIN_TOKEN, bearer)
      .send({ channels: { email: true, webhookUrl: hookUrl } })
      .expect(200);

    w.overdue = await file('urgent');
    w.legacy = await file('routine');
    await waitFor(
      `the urgent request ${w.overdue.id as string} overdue`,
      async () =>
        (
          await http()
            .get(`/v1/support-requests/${w.overdue.id as string}`)
            .auth(w.unFiler.token, bearer)
            .expect(200)
        ).body as Json,
      (request) => request.overdue === true,
    );
    w.leadMs = await planningLeadMs(stack, {
      un: w.un,
      nato: w.nato,
      unCoordinator: w.unCoord,
      natoCoordinator: w.natoCoord,
      participants: [],
    });
    const open = await sharedExchange({ startsAt: inSeconds(30 * 86_400), reminderOffsets: [] });
    w.open = open.exchange;
    w.legacyItemId = open.legacyItemId;
  });

  afterAll(async () => {
    await new Promise<void>((resolve) => (receiver ? receiver.close(() => resolve()) : resolve()));
    await stack?.stop();
  });

  it('refuses to raise a request onto an exchange a third organisation attends (409), for every caller; still raises it where only its two sides meet', async () => {
    const exchangeId = w.open.id as string;
    for (const caller of [w.unFiler.token, w.natoCoord.token, ADMIN_TOKEN]) {
      const res = await http()
        .post(`/v1/support-requests/${w.overdue.id as string}/raise`)
        .auth(caller, bearer)
        .send({ exchangeId });
      expect({ status: res.status, code: res.body.code, message: res.body.message }).toEqual({
        status: 409,
        code: 'SUPPORT.THIRD_ORGANIZATION',
        message:
          `cannot raise onto exchange ${exchangeId}: ${w.au} takes part in it too, and a support request is shown only to ` +
          `its requesting and providing organisations (${w.un}, ${w.nato})`,
      });
    }
    // AU does not see the request at all: a 404, as for an id never used.
    const byAu = await http()
      .post(`/v1/support-requests/${w.overdue.id as string}/raise`)
      .auth(w.auCoord.token, bearer)
      .send({ exchangeId });
    expect({ status: byAu.status, code: byAu.body.code }).toEqual({ status: 404, code: 'SUPPORT.NOT_FOUND' });

    const bilateral = await createExchange(
      stack,
      w.unCoord,
      exchangeBody(
        { un: w.un, nato: w.nato },
        { areas: ['A4P'], startsAt: inSeconds(30 * 86_400), participantIds: [], reminderOffsets: [] },
      ),
    );
    await http()
      .post(`/v1/support-requests/${w.overdue.id as string}/raise`)
      .auth(w.unFiler.token, bearer)
      .send({ exchangeId: bilateral.id })
      .expect(201);
    expect(requestItems(await agendaAs(w.natoCoord, bilateral.id as string)).map((i) => i.supportRequestId)).toEqual([w.overdue.id]);
  });

  it('leaves the request out of the open agenda for AU, coordinator and participant; UN, NATO and admins still see it', async () => {
    const exchangeId = w.open.id as string;
    const un = await agendaAs(w.unCoord, exchangeId);
    expect(un.frozen).toBe(false);
    expect(
      requestItems(un)
        .map((i) => i.supportRequestId as string)
        .sort(),
    ).toEqual([w.overdue.id, w.legacy.id].sort());
    expect(
      requestItems(await agendaAs(w.natoSenior, exchangeId))
        .map((i) => i.title as string)
        .sort(),
    ).toEqual([`Support request: ${w.overdue.title as string}`, `Support request: ${w.legacy.title as string}`].sort());
    expect(requestItems(await agendaAs(ADMIN_TOKEN, exchangeId))).toHaveLength(2);
    // Only its two sides decide on a request's item: AU is not awaited for what it may not see.
    expect(requestItems(un).find((i) => i.supportRequestId === w.legacy.id)).toMatchObject({ awaiting: [w.nato] });

    for (const [who, person] of [
      ['AU coordinator', w.auCoord],
      ['AU participant', w.auPart],
    ] as const) {
      const agenda = await agendaAs(person, exchangeId);
      expect(agenda.frozen).toBe(false);
      expect(requestItems(agenda)).toEqual([]);
      expect(leaks(`open agenda, ${who}`, JSON.stringify(agenda))).toEqual(clean(`open agenda, ${who}`));
    }
  });

  it("gives AU a 404 for a request's agenda item, whatever it does with it", async () => {
    const item = `/v1/exchanges/${w.open.id as string}/agenda/${w.legacyItemId}`;
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
    // Reminded once planned (the lead), frozen 10 s later, started 15 s after that, for a minute (the
    // shortest length): held about 85 s after the lead. Nothing waits on the time between the freeze
    // and the start, which is only the order of the three.
    const startsAt = new Date(Date.now() + w.leadMs + 25_000).toISOString();
    const soon = await sharedExchange({ startsAt, durationMinutes: 1, agendaFreeze: 'PT15S', reminderOffsets: ['PT25S'] });
    w.soon = soon.exchange;
    const exchangeId = w.soon.id as string;
    // In-app for all four, e-mail for all four, the AU participant's webhook.
    await plannedInTime(stack, w.unCoord, exchangeId, 9);
    // Frozen by its workflow, which records when (agendaFrozenAt) once it has stored the agenda.
    await waitFor(
      `the workflow of exchange ${exchangeId} to freeze its agenda`,
      () => exchangeOf(stack, w.unCoord, exchangeId),
      (exchange) => exchange.agendaFrozenAt !== null,
      60_000,
    );
    const frozen = await agendaAs(w.unCoord, exchangeId);
    expect(frozen.frozen).toBe(true);
    // Both stored: the overdue request frozen into it, the legacy item as it was.
    expect(
      requestItems(frozen)
        .map((i) => `${i.supportRequestId as string} ${i.id === null ? 'listed' : 'stored'}`)
        .sort(),
    ).toEqual([`${w.overdue.id as string} stored`, `${w.legacy.id as string} stored`].sort());
    expect(requestItems(await agendaAs(w.natoSenior, exchangeId)).filter((i) => i.id !== null)).toHaveLength(2);
    for (const [who, person] of [
      ['AU coordinator', w.auCoord],
      ['AU participant', w.auPart],
    ] as const) {
      const agenda = await agendaAs(person, exchangeId);
      expect(agenda.frozen).toBe(true);
      expect(requestItems(agenda)).toEqual([]);
      expect(leaks(`frozen agenda, ${who}`, JSON.stringify(agenda))).toEqual(clean(`frozen agenda, ${who}`));
    }
  });

  it("leaves it out of AU's reminders: e-mail, in-app and webhook; NATO is reminded of the request", async () => {
    const exchangeId = w.soon.id as string;
    const rows = await waitFor(
      `the nine reminders of exchange ${exchangeId} sent`,
      () => remindersOf(stack, w.unCoord, exchangeId),
      (items) => items.length === 9 && items.every((r) => r.status === 'sent'),
      60_000,
    );
    expect(
      rows
        .filter((r) => r.personId === w.auPart.id)
        .map((r) => r.channel as string)
        .sort(),
    ).toEqual(['email', 'inapp', 'webhook']);
    const mails = stack.smtp.to(w.auPart.email);
    expect(mails).toHaveLength(1);
    for (const { raw, mail } of mails) {
      expect(leaks('e-mail, AU participant', `${raw}\n${mail.subject ?? ''}\n${mail.text ?? ''}`)).toEqual(clean('e-mail, AU participant'));
    }
    const inbox = await inboxOf(stack, w.auPart);
    expect(inbox.map((n) => n.exchangeId)).toEqual([exchangeId]);
    expect(inbox.filter((n) => n.supportRequestId !== undefined && n.supportRequestId !== null)).toEqual([]);
    expect(leaks('inbox, AU participant', JSON.stringify(inbox))).toEqual(clean('inbox, AU participant'));
    const delivered = hooks.filter((h) => h.path === w.auHookPath);
    expect(delivered).toHaveLength(1);
    expect(leaks('webhook, AU participant', delivered.map((h) => h.body).join('\n'))).toEqual(clean('webhook, AU participant'));

    // The request's own reminders go to its providing side, and nowhere in AU.
    await waitFor(
      `NATO's reminder of the overdue request ${w.overdue.id as string}`,
      () => inboxOf(stack, w.natoCoord),
      (items) => items.some((n) => n.supportRequestId === w.overdue.id),
    );
    const auInbox = await inboxOf(stack, w.auCoord);
    expect(auInbox.map((n) => n.exchangeId)).toEqual([exchangeId]);
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
    // Both exchanges are in it (lines unfolded, RFC 5545), and nothing of the request.
    const events = [...feed.text.replace(/\r?\n[ \t]/g, '').matchAll(/^SUMMARY:(.*?)\r?$/gm)].map((m) => m[1]).sort();
    expect(events).toEqual([w.open.title as string, w.soon.title as string].sort());
    expect(leaks('calendar feed, AU participant', feed.text)).toEqual(clean('calendar feed, AU participant'));
  });

  it("leaves it out of every list AU's coordinator reaches, and refuses the admin lists", async () => {
    const exchangeId = w.soon.id as string;
    const reads: Array<[string, number]> = [
      ['/v1/support-requests?limit=200', 200],
      ['/v1/support-requests?overdue=true&limit=200', 200],
      [`/v1/support-requests?organization=${w.un}&limit=200`, 200],
      [`/v1/support-requests/${w.overdue.id as string}`, 404],
      [`/v1/support-requests/${w.legacy.id as string}`, 404],
      ['/v1/exchanges?limit=200', 200],
      [`/v1/exchanges/${exchangeId}`, 200],
      [`/v1/exchanges/${exchangeId}/reminders?limit=200`, 200],
      [`/v1/exchanges/${exchangeId}/action-items`, 200],
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
    for (const [path] of reads) {
      const res = await http().get(path).auth(w.auCoord.token, bearer);
      answers.push({ path, status: res.status, ...leaks(path, `${res.text}${JSON.stringify(res.headers)}`) });
    }
    expect(answers).toEqual(reads.map(([path, status]) => ({ path, status, where: path, found: [] })));
    // The same list, as the requesting side, holds both, and nothing else: the suite's organisations are its own.
    const un = await http().get('/v1/support-requests?limit=200').auth(w.unCoord.token, bearer).expect(200);
    expect((un.body.items as Json[]).map((r) => r.id as string).sort()).toEqual([w.overdue.id, w.legacy.id].sort());
  });

  it('leaves it out of the minutes AU reads', async () => {
    const exchangeId = w.soon.id as string;
    await waitFor(
      `exchange ${exchangeId} held`,
      () => exchangeOf(stack, w.unCoord, exchangeId),
      (exchange) => exchange.status === 'held',
      150_000,
    );
    await http()
      .put(`/v1/exchanges/${exchangeId}/minutes`)
      .auth(w.unCoord.token, bearer)
      .send({ text: 'The three secretariats reviewed the joint work plan.' })
      .expect(200);
    for (const [who, person] of [
      ['AU coordinator', w.auCoord],
      ['AU participant', w.auPart],
    ] as const) {
      const minutes = await http().get(`/v1/exchanges/${exchangeId}/minutes`).auth(person.token, bearer).expect(200);
      expect(minutes.body).toMatchObject({ status: 'draft', version: 1 });
      expect(leaks(`minutes, ${who}`, minutes.text)).toEqual(clean(`minutes, ${who}`));
      // The agenda of the held exchange, as AU, still without it.
      const agenda = await agendaAs(person, exchangeId);
      expect(leaks(`held agenda, ${who}`, JSON.stringify(agenda))).toEqual(clean(`held agenda, ${who}`));
    }
  });
});
