import { createPerson, inSeconds, TestPerson, waitFor, WAIT_MS } from '../support/fixtures';
import { auditOf, createExchange, exchangeBody, inboxOf, planningLeadMs, remindersOf, useStack } from '../support/exchanges';

/** Action items: reminded before they are due, overdue, escalated to the owner's senior level, then done. */
describe('action items', () => {
  const world = useStack(1);
  const http = () => world.stack.http();
  const un = () => world.cast.unCoordinator;
  let owner: TestPerson;
  let senior: TestPerson;
  /** A stage due this many seconds ahead is planned before it falls due on this machine (see planningLeadMs). */
  let leadSeconds: number;

  beforeAll(async () => {
    owner = await createPerson(world.stack, world.cast.nato, { email: true });
    senior = await createPerson(world.stack, world.cast.nato, { level: 'senior', email: true });
    leadSeconds = Math.ceil((await planningLeadMs(world.stack, world.cast)) / 1000);
  });

  /** The kinds of `person`'s inbox entries about `exchangeId`, oldest first. */
  const inboxKinds = async (person: TestPerson, exchangeId: string) =>
    (await inboxOf(world.stack, person))
      .filter((n) => n.exchangeId === exchangeId)
      .map((n) => n.kind as string)
      .reverse();
  const inboxHas = (person: TestPerson, exchangeId: string, kind: string) =>
    waitFor(
      `${kind} in the inbox of ${person.id}`,
      () => inboxKinds(person, exchangeId),
      (kinds) => kinds.includes(kind),
    );
  const itemOf = async (exchangeId: string, id: string) =>
    (await http().get(`/v1/exchanges/${exchangeId}/action-items/${id}`).auth(un().token, { type: 'bearer' }).expect(200)).body as Record<
      string,
      any
    >;
  const rowsOf = async (exchangeId: string, itemId: string) =>
    (await remindersOf(world.stack, un(), exchangeId)).filter((r) => (r.key as string).startsWith(`ai.${itemId}`));
  const describeRow = (r: Record<string, any>) =>
    `${r.kind}/${r.personId === owner.id ? 'owner' : r.personId === senior.id ? 'senior' : r.personId}/${r.channel}`;

  it('goes through reminder, overdue and escalation, then done, through a worker restart', async () => {
    const exchange = await createExchange(
      world.stack,
      un(),
      exchangeBody(world.cast, {
        startsAt: inSeconds(86_400),
        participantIds: [owner.id, senior.id],
        reminderOffsets: [],
        actionItemNotice: `PT${leadSeconds}S`,
        actionItemGrace: 'PT8S',
      }),
    );
    // Due in twice the planning lead: the notice falls due one lead from now, once the stages are planned.
    const created = await http()
      .post(`/v1/exchanges/${exchange.id}/action-items`)
      .auth(un().token, { type: 'bearer' })
      .send({ title: 'Share the joint lessons-learned report', ownerId: owner.id, dueAt: inSeconds(2 * leadSeconds) })
      .expect(201);
    expect(created.body).toMatchObject({ status: 'open', revision: 1, ownerId: owner.id, remindedAt: null });
    const id = created.body.id as string;
    const dueAt = Date.parse(created.body.dueAt as string);

    await inboxHas(owner, exchange.id, 'action-item.due');
    expect(await inboxKinds(owner, exchange.id)).toEqual(['action-item.due']);

    // The worker goes down between the reminder and the overdue notice, and stays down past the due
    // time; both later stages still come, once.
    await world.stack.stopWorker();
    await waitFor(
      `the due time ${created.body.dueAt as string} passed while the worker is down`,
      async () => Date.now(),
      (now) => now > dueAt,
    );
    await world.stack.startWorker();

    await inboxHas(owner, exchange.id, 'action-item.overdue');
    await inboxHas(senior, exchange.id, 'action-item.escalation');
    const [mail] = await waitFor(
      'the escalation e-mail to the senior person',
      async () => world.stack.smtp.to(senior.email),
      (mails) => mails.length > 0,
    );
    expect(mail.mail.subject).toBe('Escalation: action item overdue: Share the joint lessons-learned report');
    expect(mail.mail.attachments ?? []).toEqual([]);

    const item = await itemOf(exchange.id, id);
    expect(item).toMatchObject({ remindedAt: expect.any(String), overdueAt: expect.any(String), escalatedAt: expect.any(String) });
    // The escalation e-mail arrives a moment before its row is marked sent, and the overdue e-mail was not waited for.
    const rows = await waitFor(
      "the action item's six reminders settled",
      () => rowsOf(exchange.id, id),
      (mine) => mine.length === 6 && mine.every((r) => r.status !== 'queued' && r.status !== 'scheduled'),
    );
    expect(rows.map((r) => `${describeRow(r)}:${r.status}`).sort()).toEqual([
      'action-due/owner/email:sent',
      'action-due/owner/inapp:sent',
      'action-escalation/senior/email:sent',
      'action-escalation/senior/inapp:sent',
      'action-overdue/owner/email:sent',
      'action-overdue/owner/inapp:sent',
    ]);
    expect(await inboxKinds(owner, exchange.id)).toEqual(['action-item.due', 'action-item.overdue']);
    expect(await inboxKinds(senior, exchange.id)).toEqual(['action-item.escalation']);

    // The owner closes it.
    const done = await http()
      .patch(`/v1/exchanges/${exchange.id}/action-items/${id}`)
      .auth(owner.token, { type: 'bearer' })
      .send({ status: 'done' })
      .expect(200);
    expect(done.body).toMatchObject({ status: 'done', revision: 2 });
    // The owner may not change anything else.
    const refused = await http()
      .patch(`/v1/exchanges/${exchange.id}/action-items/${id}`)
      .auth(owner.token, { type: 'bearer' })
      .send({ dueAt: inSeconds(3600) });
    expect([refused.status, refused.body.code]).toEqual([403, 'ACTION_ITEM.NOT_ALLOWED']);

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

  it("drops revision 1's notice once the due time has moved, and sends revision 2's after it", async () => {
    const lead = leadSeconds;
    const exchange = await createExchange(
      world.stack,
      un(),
      exchangeBody(world.cast, {
        startsAt: inSeconds(86_400),
        participantIds: [owner.id],
        reminderOffsets: [],
        actionItemNotice: `PT${lead}S`,
      }),
    );
    // Revision 1's notice is due one planning lead from now; the move makes revision 2's due one lead after that.
    const created = await http()
      .post(`/v1/exchanges/${exchange.id}/action-items`)
      .auth(un().token, { type: 'bearer' })
      .send({ title: 'Moved item', ownerId: owner.id, dueAt: inSeconds(2 * lead) })
      .expect(201);
    const id = created.body.id as string;
    const firstNoticeAt = Date.parse(created.body.dueAt as string) - lead * 1000;
    const moved = await http()
      .patch(`/v1/exchanges/${exchange.id}/action-items/${id}`)
      .auth(un().token, { type: 'bearer' })
      .send({ dueAt: new Date(Date.parse(created.body.dueAt as string) + lead * 1000).toISOString() })
      .expect(200);
    expect(moved.body).toMatchObject({ revision: 2, remindedAt: null });
    if (Date.now() >= firstNoticeAt) {
      throw new Error(`moved after revision 1's notice was due (${new Date(firstNoticeAt).toISOString()}): the schedule was too tight`);
    }
    const secondNoticeAt = Date.parse(moved.body.dueAt as string) - lead * 1000;

    // Revision 2's notice, sent: the follow-up has gone past revision 1's notice time (which came first).
    const rows = await waitFor(
      "revision 2's notice sent to the owner",
      () => rowsOf(exchange.id, id),
      (mine) => mine.length > 0 && mine.every((r) => r.status === 'sent'),
      secondNoticeAt - Date.now() + WAIT_MS,
    );
    expect(rows.map((r) => `${describeRow(r)}/revision ${r.revision}`).sort()).toEqual([
      'action-due/owner/email/revision 2',
      'action-due/owner/inapp/revision 2',
    ]);
    for (const row of rows) expect(Date.parse(row.sentAt as string)).toBeGreaterThan(firstNoticeAt);
    // Revision 1's notice was dropped: one notice in the inbox, one reminder in the audit, nothing overdue.
    expect(await inboxKinds(owner, exchange.id)).toEqual(['action-item.due']);
    expect((await auditOf(world.stack, id)).map((e) => e.action)).toEqual([
      'action-item.create',
      'action-item.update',
      'action-item.remind',
    ]);
    expect(await itemOf(exchange.id, id)).toMatchObject({ revision: 2, remindedAt: expect.any(String), overdueAt: null });
  });

  it('keeps a RESTRICTED exchange’s action item out of e-mail: only the time and a link', async () => {
    const exchange = await createExchange(
      world.stack,
      un(),
      exchangeBody(world.cast, {
        startsAt: inSeconds(86_400),
        participantIds: [owner.id],
        reminderOffsets: [],
        marking: 'RESTRICTED',
        actionItemNotice: 'PT30S',
      }),
    );
    // Due within its notice period: the owner is told at once.
    const created = await http()
      .post(`/v1/exchanges/${exchange.id}/action-items`)
      .auth(un().token, { type: 'bearer' })
      .send({ title: 'Sensitive deployment plan', ownerId: owner.id, dueAt: inSeconds(20) })
      .expect(201);
    // The owner's language (English) and zone, as Intl writes a medium date with a short time.
    const due = new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Europe/Brussels' }).format(
      new Date(created.body.dueAt as string),
    );
    const [mail] = await waitFor(
      'the restricted reminder e-mail',
      async () => world.stack.smtp.to(owner.email).filter((m) => (m.mail.text ?? '').includes(exchange.id)),
      (mails) => mails.length > 0,
    );
    // The owner's zone (Europe/Brussels): the due time, and no title.
    expect(mail.mail.subject).toBe(`Action item due soon: due ${due}`);
    // Absent, not merely elsewhere: neither the item's nor the exchange's title is in the e-mail.
    const visible = `${mail.mail.subject}\n${mail.mail.text}`;
    expect(visible).not.toContain('Sensitive deployment plan');
    expect(visible).not.toContain(exchange.title as string);
    expect(mail.mail.text).toMatch(new RegExp(`^Details \\(sign-in required\\): http://liaison\\.test/exchanges/${exchange.id}$`, 'm'));
    const inbox = (await inboxOf(world.stack, owner)).filter((n) => n.exchangeId === exchange.id);
    expect(inbox.map((n) => [n.kind, n.title])).toEqual([['action-item.due', 'Action item due soon: Sensitive deployment plan']]);
  });

  it('refuses an owner outside the exchange and a malformed due time with a 400 naming each', async () => {
    const member = await createPerson(world.stack, world.cast.un);
    const exchange = await createExchange(world.stack, un(), exchangeBody(world.cast, { startsAt: inSeconds(86_400), participantIds: [] }));
    const stranger = await http()
      .post(`/v1/exchanges/${exchange.id}/action-items`)
      .auth(un().token, { type: 'bearer' })
      .send({ title: 'x', ownerId: '00000000-0000-4000-8000-000000000000', dueAt: inSeconds(60) })
      .expect(422);
    expect(stranger.body.code).toBe('FOLLOW_UP.UNKNOWN_PERSON');
    expect(stranger.body.details.map((d: { field: string }) => d.field)).toEqual(['ownerId']);
    const badDue = await http()
      .post(`/v1/exchanges/${exchange.id}/action-items`)
      .auth(un().token, { type: 'bearer' })
      .send({ title: 'x', ownerId: member.id, dueAt: 'next Tuesday' })
      .expect(400);
    expect(badDue.body.details.map((d: { field: string }) => d.field)).toEqual(['dueAt']);
    const badOwner = await http().get('/v1/action-items?owner=someone').auth(un().token, { type: 'bearer' }).expect(422);
    expect(badOwner.body.code).toBe('ACTION_ITEM.BAD_OWNER');
    // Thirty-six characters of a UUID's alphabet, not a UUID: refused here, not by Postgres (a 500).
    const notUuid = await http()
      .get(`/v1/action-items?owner=${'-'.repeat(36)}`)
      .auth(un().token, { type: 'bearer' })
      .expect(422);
    expect(notUuid.body.code).toBe('ACTION_ITEM.BAD_OWNER');
    const stored = await http().get(`/v1/exchanges/${exchange.id}/action-items`).auth(un().token, { type: 'bearer' }).expect(200);
    expect(stored.body.items).toEqual([]);
  });
});
