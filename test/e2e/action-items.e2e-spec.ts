import { createPerson, eventually, inSeconds, sleep, TestPerson } from '../support/fixtures';
import { auditOf, createExchange, exchangeBody, inboxOf, remindersOf, useStack } from '../support/exchanges';

/** Action items: reminded before they are due, overdue, escalated to the owner's senior level, then done. */
describe('action items', () => {
  const world = useStack(1);
  const http = () => world.stack.http();
  const un = () => world.cast.unCoordinator;
  let owner: TestPerson;
  let senior: TestPerson;

  beforeAll(async () => {
    owner = await createPerson(world.stack, 'NATO', { email: true });
    senior = await createPerson(world.stack, 'NATO', { level: 'senior', email: true });
  });

  const inboxKinds = async (person: TestPerson) => (await inboxOf(world.stack, person)).map((n) => `${n.kind as string}`);
  const waitFor = (person: TestPerson, kind: string, timeoutMs = 20_000) =>
    eventually(async () => ((await inboxKinds(person)).includes(kind) ? true : undefined), timeoutMs, `${kind} for ${person.id}`);
  const itemOf = async (exchangeId: string, id: string) =>
    (await http().get(`/v1/exchanges/${exchangeId}/action-items/${id}`).auth(un().token, { type: 'bearer' }).expect(200)).body as Record<
      string,
      any
    >;

  it('goes through reminder, overdue and escalation, then done, through a worker restart', async () => {
    const exchange = await createExchange(
      world.stack,
      un(),
      exchangeBody({
        startsAt: inSeconds(86_400),
        participantIds: [owner.id, senior.id],
        reminderOffsets: [],
        actionItemNotice: 'PT6S',
        actionItemGrace: 'PT8S',
      }),
    );
    const created = await http()
      .post(`/v1/exchanges/${exchange.id}/action-items`)
      .auth(un().token, { type: 'bearer' })
      .send({ title: 'Share the joint lessons-learned report', ownerId: owner.id, dueAt: inSeconds(12) })
      .expect(201);
    expect(created.body).toMatchObject({ status: 'open', revision: 1, ownerId: owner.id, remindedAt: null });
    const id = created.body.id as string;

    await waitFor(owner, 'action-item.due');
    expect(await inboxKinds(owner)).not.toContain('action-item.overdue');

    // The worker goes down between the reminder and the overdue notice; both later stages still come, once.
    await world.stack.stopWorker();
    await sleep(2000);
    await world.stack.startWorker();

    await waitFor(owner, 'action-item.overdue');
    await waitFor(senior, 'action-item.escalation');
    const mail = await eventually(
      async () => world.stack.smtp.to(senior.email).find((m) => m.mail.subject?.startsWith('Escalation: action item overdue')),
      10_000,
      'the escalation e-mail',
    );
    expect(mail.mail.text).toContain('Share the joint lessons-learned report');
    expect(mail.mail.attachments ?? []).toHaveLength(0);

    const item = await itemOf(exchange.id, id);
    expect(item).toMatchObject({ remindedAt: expect.any(String), overdueAt: expect.any(String), escalatedAt: expect.any(String) });
    // The escalation e-mail arrives a moment before its row is marked sent, and the overdue e-mail was not waited for.
    const rows = await eventually(
      async () => {
        const mine = (await remindersOf(world.stack, un(), exchange.id)).filter((r) => r.key.startsWith(`ai.${id}`));
        return mine.length === 6 && mine.every((r) => r.status !== 'queued' && r.status !== 'scheduled') ? mine : undefined;
      },
      10_000,
      "the action item's six reminders to be settled",
    );
    expect(
      rows
        .map((r) => `${r.kind}/${r.personId === owner.id ? 'owner' : r.personId === senior.id ? 'senior' : r.personId}/${r.channel}`)
        .sort(),
    ).toEqual([
      'action-due/owner/email',
      'action-due/owner/inapp',
      'action-escalation/senior/email',
      'action-escalation/senior/inapp',
      'action-overdue/owner/email',
      'action-overdue/owner/inapp',
    ]);
    expect(rows.every((r) => r.status === 'sent')).toBe(true);

    // The owner closes it.
    const done = await http()
      .patch(`/v1/exchanges/${exchange.id}/action-items/${id}`)
      .auth(owner.token, { type: 'bearer' })
      .send({ status: 'done' })
      .expect(200);
    expect(done.body).toMatchObject({ status: 'done', revision: 2 });
    // The owner may not change anything else.
    await http()
      .patch(`/v1/exchanges/${exchange.id}/action-items/${id}`)
      .auth(owner.token, { type: 'bearer' })
      .send({ dueAt: inSeconds(3600) })
      .expect(403);

    const mine = await http().get('/v1/action-items?owner=me&status=done').auth(owner.token, { type: 'bearer' }).expect(200);
    expect(mine.body.items.map((i: Record<string, unknown>) => i.id)).toEqual([id]);
    expect((await auditOf(world.stack, id)).map((e) => `${e.action}:${e.fromState}→${e.toState}`)).toEqual([
      'action-item.create:null→open',
      'action-item.remind:open→open',
      'action-item.overdue:open→open',
      'action-item.escalate:open→open',
      'action-item.update:open→done',
    ]);
  });

  it('drops the reminders of a revision overtaken by a new due time', async () => {
    const exchange = await createExchange(
      world.stack,
      un(),
      exchangeBody({ startsAt: inSeconds(86_400), participantIds: [owner.id], reminderOffsets: [], actionItemNotice: 'PT4S' }),
    );
    const created = await http()
      .post(`/v1/exchanges/${exchange.id}/action-items`)
      .auth(un().token, { type: 'bearer' })
      .send({ title: 'Moved item', ownerId: owner.id, dueAt: inSeconds(8) })
      .expect(201);
    const moved = await http()
      .patch(`/v1/exchanges/${exchange.id}/action-items/${created.body.id}`)
      .auth(un().token, { type: 'bearer' })
      .send({ dueAt: inSeconds(3600) })
      .expect(200);
    expect(moved.body.revision).toBe(2);
    await sleep(10_000);
    const rows = (await remindersOf(world.stack, un(), exchange.id)).filter((r) => r.key.startsWith(`ai.${created.body.id}`));
    expect(rows).toEqual([]);
    expect((await itemOf(exchange.id, created.body.id)).overdueAt).toBeNull();
  });

  it('keeps a RESTRICTED exchange’s action item out of e-mail: only the time and a link', async () => {
    const exchange = await createExchange(
      world.stack,
      un(),
      exchangeBody({
        startsAt: inSeconds(86_400),
        participantIds: [owner.id],
        reminderOffsets: [],
        marking: 'RESTRICTED',
        actionItemNotice: 'PT30S',
      }),
    );
    await http()
      .post(`/v1/exchanges/${exchange.id}/action-items`)
      .auth(un().token, { type: 'bearer' })
      .send({ title: 'Sensitive deployment plan', ownerId: owner.id, dueAt: inSeconds(20) })
      .expect(201);
    const mail = await eventually(
      async () =>
        world.stack.smtp
          .to(owner.email)
          .find((m) => (m.mail.text ?? '').includes(exchange.id) && m.mail.subject?.startsWith('Action item due soon')),
      15_000,
      'the restricted reminder e-mail',
    );
    const visible = `${mail.mail.subject}\n${mail.mail.text}`;
    expect(visible).not.toContain('Sensitive deployment plan');
    expect(visible).not.toContain(exchange.title as string);
    expect(mail.mail.text).toContain(`/v1/exchanges/${exchange.id}`);
    const inbox = (await inboxOf(world.stack, owner)).find((n) => n.exchangeId === exchange.id && n.kind === 'action-item.due');
    expect(inbox?.title).toContain('Sensitive deployment plan');
  });

  it('refuses an owner outside the exchange and a malformed due time with a 400 naming each', async () => {
    const outsider = await createPerson(world.stack, 'UN');
    const exchange = await createExchange(
      world.stack,
      un(),
      exchangeBody({ organizations: ['UN', 'NATO'], startsAt: inSeconds(86_400), participantIds: [] }),
    );
    const stranger = await http()
      .post(`/v1/exchanges/${exchange.id}/action-items`)
      .auth(un().token, { type: 'bearer' })
      .send({ title: 'x', ownerId: '00000000-0000-4000-8000-000000000000', dueAt: inSeconds(60) })
      .expect(400);
    expect(stranger.body.message).toContain('ownerId');
    const badDue = await http()
      .post(`/v1/exchanges/${exchange.id}/action-items`)
      .auth(un().token, { type: 'bearer' })
      .send({ title: 'x', ownerId: outsider.id, dueAt: 'next Tuesday' })
      .expect(400);
    expect(badDue.body.message).toContain('dueAt');
    await http().get('/v1/action-items?owner=someone').auth(un().token, { type: 'bearer' }).expect(400);
  });
});
