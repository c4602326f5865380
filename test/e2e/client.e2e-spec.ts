import { randomUUID } from 'node:crypto';
import { createExchange, exchangeBody, planningLeadMs, plannedInTime, useStack } from '../support/exchanges';
import { createPerson, inSeconds, waitFor } from '../support/fixtures';
import { submit, supportCast, SupportCast } from '../support/support-requests';
import type { CreateExchangeBody } from '../support/typed-client';

/**
 * The examples of libs/client/README.md, through the typed client (`@liaison/client`) against the
 * test stack: what a user of the client writes, answered by the API as it runs. The README's own
 * values are kept where the test stack has them; where it cannot (organisation codes are the suite's
 * own, dates are relative to now), the shape of the call is still the README's.
 */
describe('the typed client (@liaison/client), as its README shows it', () => {
  const world = useStack(1);
  const stack = () => world.stack;
  const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

  it('answers the cooperation areas the examples name (GET /v1/areas)', async () => {
    const liaison = await stack().client(world.cast.unCoordinator.token);
    const { data, error, response } = await liaison.GET('/v1/areas');
    expect(error).toBeUndefined();
    expect(response.status).toBe(200);
    expect(data!.nextCursor).toBeNull();
    const codes = data!.items.map((area) => area.code);
    expect(codes).toEqual(expect.arrayContaining(['POC', 'WPS', 'A4P']));
    // The README's example names PEACE-OPS, which is not one of them.
    expect(codes).not.toContain('PEACE-OPS');
    expect(data!.items.find((area) => area.code === 'POC')).toEqual({ code: 'POC', name: 'Protection of civilians' });
    // The rate-limit counts the document names on every answer, per address and per token.
    const counts = ['Limit', 'Remaining', 'Reset'].flatMap((header) =>
      ['address', 'token'].map((limit) => response.headers.get(`X-RateLimit-${header}-${limit}`)),
    );
    expect(counts.map((count) => /^[0-9]+$/.test(count ?? ''))).toEqual([true, true, true, true, true, true]);
  });

  it('creates an exchange as a coordinator, and a retry with the same Idempotency-Key answers the same exchange', async () => {
    const { un, nato, unCoordinator } = world.cast;
    const liaison = await stack().client(unCoordinator.token);
    // The README's body, with this suite's organisations and an area the API has. It leaves out what the
    // document defaults (confirmationDeadline, marking…), which the generated type requires: hence the cast.
    const body: CreateExchangeBody = {
      title: 'Quarterly review of the cooperation framework',
      level: 'senior',
      areas: ['POC'],
      organizations: [un, nato],
      hostOrganization: un,
      startsAt: inSeconds(60 * 86_400),
      durationMinutes: 90,
      timezone: 'Europe/Brussels',
      participantIds: [],
    };
    const key = randomUUID();
    const {
      data: exchange,
      error,
      response,
    } = await liaison.POST('/v1/exchanges', {
      body: body,
      headers: { 'Idempotency-Key': key },
    });
    if (error) throw new Error(`${error.statusCode} ${error.message}`);
    expect(response.status).toBe(201);
    expect(exchange.id).toMatch(UUID);
    expect(exchange).toMatchObject({
      title: body.title,
      level: 'senior',
      areas: ['POC'],
      hostOrganization: un,
      durationMinutes: 90,
      timezone: 'Europe/Brussels',
      status: 'scheduled',
      // The document's defaults, filled in by the API.
      confirmationDeadline: 'P7D',
      marking: 'UNMARKED',
      participantIds: [],
      scheduleRevision: 1,
      seriesId: null,
    });
    expect([...exchange.organizations].sort()).toEqual([un, nato].sort());
    expect(Date.parse(exchange.startsAt)).toBe(Date.parse(body.startsAt));
    expect(exchange.confirmations.map((c) => [c.organization, c.confirmedAt])).toEqual(
      expect.arrayContaining([
        [un, null],
        [nato, null],
      ]),
    );

    const replay = await liaison.POST('/v1/exchanges', { body: body, headers: { 'Idempotency-Key': key } });
    expect(replay.response.status).toBe(201);
    expect(replay.response.headers.get('idempotent-replayed')).toBe('true');
    expect(replay.data?.id).toBe(exchange.id);

    const read = await liaison.GET('/v1/exchanges/{id}', { params: { path: { id: exchange.id } } });
    expect(read.error).toBeUndefined();
    expect(read.data).toEqual(exchange);
  });

  it("lists a participant's unread reminders page by page, and no longer as unread once read", async () => {
    const { cast } = world;
    const participant = await createPerson(stack(), cast.nato);
    // Two exchanges whose one in-app reminder each falls due one planning lead from now.
    const leadSeconds = Math.ceil((await planningLeadMs(stack(), cast)) / 1000);
    const exchanges = [];
    for (const title of [`First ${randomUUID().slice(0, 6)}`, `Second ${randomUUID().slice(0, 6)}`]) {
      const exchange = await createExchange(
        stack(),
        cast.unCoordinator,
        exchangeBody(cast, { title, startsAt: inSeconds(3600 + leadSeconds), participantIds: [participant.id], reminderOffsets: ['PT1H'] }),
      );
      await plannedInTime(stack(), cast.unCoordinator, exchange.id as string, 1);
      exchanges.push(exchange);
    }

    const liaison = await stack().client(participant.token);
    const unread = () => liaison.GET('/v1/me/notifications', { params: { query: { unread: true, limit: 20 } } });
    const { data: page } = await waitFor('both reminders in the inbox', unread, (answer) => answer.data?.items.length === 2);
    expect(page!.nextCursor).toBeNull();
    expect(page!.items.map((n) => n.exchangeId).sort()).toEqual(exchanges.map((e) => e.id as string).sort());
    for (const notification of page!.items) {
      const exchange = exchanges.find((e) => e.id === notification.exchangeId)!;
      expect(notification).toMatchObject({ kind: 'exchange.reminder', readAt: null, dueAt: expect.any(String) });
      expect(notification.id).toMatch(UUID);
      expect(notification.title).toContain(exchange.title as string);
      expect(notification.body).toEqual(expect.any(String));
      // The reminder's own due time: an hour (its offset) before the start.
      expect(Date.parse(notification.dueAt!)).toBe(Date.parse(exchange.startsAt as string) - 3_600_000);
      expect(Number.isNaN(Date.parse(notification.deliveredAt))).toBe(false);
    }

    // The README's next page: { query: { cursor: page.nextCursor } } while nextCursor is not null.
    const first = await liaison.GET('/v1/me/notifications', { params: { query: { unread: true, limit: 1 } } });
    expect(first.data!.items).toHaveLength(1);
    expect(first.data!.nextCursor).toEqual(expect.any(String));
    const second = await liaison.GET('/v1/me/notifications', {
      params: { query: { unread: true, limit: 1, cursor: first.data!.nextCursor! } },
    });
    expect(second.data!.items).toHaveLength(1);
    expect([first.data!.items[0].id, second.data!.items[0].id].sort()).toEqual(page!.items.map((n) => n.id).sort());

    const [read] = page!.items;
    const marked = await liaison.POST('/v1/me/notifications/{id}/read', { params: { path: { id: read.id } } });
    expect(marked.error).toBeUndefined();
    const after = await unread();
    expect(after.data!.items.map((n) => n.id)).toEqual(page!.items.slice(1).map((n) => n.id));
  });

  describe('a support request', () => {
    let cast: SupportCast;
    beforeAll(async () => {
      cast = await supportCast(stack());
    });

    it('is followed through its status, deadlines and timeline', async () => {
      const submitted = await submit(stack(), cast);
      const requestId = submitted.id as string;
      const requester = await stack().client(cast.requester.token);

      const { data: request, error } = await requester.GET('/v1/support-requests/{id}', { params: { path: { id: requestId } } });
      expect(error).toBeUndefined();
      expect(request).toMatchObject({
        id: requestId,
        status: 'submitted',
        requestingOrganization: cast.requesting,
        providingOrganization: cast.providing,
        area: 'A4P',
        submittedBy: cast.requester.id,
        assigneeId: null,
      });
      expect(request!.deadlines).toEqual([
        {
          kind: 'acknowledge',
          dueAt: expect.any(String),
          metAt: null,
          breached: false,
          paused: false,
          workingTimeLeft: expect.any(String),
        },
      ]);
      expect(request!.timeline!.map((entry) => [entry.kind, entry.fromStatus, entry.toStatus, entry.actor])).toEqual([
        ['submit', null, 'submitted', { type: 'person', id: cast.requester.id }],
      ]);

      // The providing organisation acknowledges it: the requester sees the step, and the deadline met.
      const provider = await stack().client(cast.provider.token);
      const acknowledged = await provider.POST('/v1/support-requests/{id}/acknowledge', {
        params: { path: { id: requestId } },
        body: { assigneeId: cast.assignee.id },
      });
      expect(acknowledged.error).toBeUndefined();
      const { data: followed } = await requester.GET('/v1/support-requests/{id}', { params: { path: { id: requestId } } });
      expect(followed).toMatchObject({ status: 'acknowledged', assigneeId: cast.assignee.id });
      expect(followed!.deadlines.find((d) => d.kind === 'acknowledge')!.metAt).toEqual(expect.any(String));
      expect(followed!.timeline!.map((entry) => [entry.kind, entry.toStatus])).toEqual([
        ['submit', 'submitted'],
        ['acknowledge', 'acknowledged'],
      ]);
      for (const entry of followed!.timeline!) expect(Number.isNaN(Date.parse(entry.at))).toBe(false);
    });
  });

  it("answers a refusal as `error`, in the API's Error shape (404 for an exchange that does not exist)", async () => {
    const liaison = await stack().client(world.cast.unCoordinator.token);
    const id = randomUUID();
    const requestId = `client-e2e-${randomUUID()}`;
    const { data, error, response } = await liaison.GET('/v1/exchanges/{id}', {
      params: { path: { id } },
      headers: { 'X-Request-Id': requestId },
    });
    expect(data).toBeUndefined();
    expect(response.status).toBe(404);
    expect(error).toEqual({ statusCode: 404, error: 'Not Found', code: 'EXCHANGE.NOT_FOUND', message: expect.any(String), requestId });
    expect(error!.message.length).toBeGreaterThan(0);
  });
});
