import { randomUUID } from 'node:crypto';
import { createPerson, inSeconds, waitFor } from '../support/fixtures';
import { createExchange, exchangeBody, inboxOf, planningLeadMs, plannedInTime, useStack } from '../support/exchanges';
import { ADMIN_TOKEN } from '../support/stack';

describe('people, tokens, inbox and exchange lists', () => {
  const world = useStack(2);

  it('stores a person with a one-time token that a new token revokes', async () => {
    const person = await createPerson(world.stack, world.cast.un, { roles: ['participant'], timezone: 'America/New_York' });
    const me = await world.stack.http().get('/v1/me').auth(person.token, { type: 'bearer' }).expect(200);
    expect(me.body).toMatchObject({
      id: person.id,
      organization: world.cast.un,
      timezone: 'America/New_York',
      channels: { inapp: true, email: false },
    });
    expect(me.body).not.toHaveProperty('token');

    const rotated = await world.stack.http().post(`/v1/people/${person.id}/tokens`).auth(person.token, { type: 'bearer' }).expect(201);
    expect(rotated.body.token).toMatch(/^lsn_/);
    await world.stack.http().get('/v1/me').auth(person.token, { type: 'bearer' }).expect(401);
    await world.stack.http().get('/v1/me').auth(rotated.body.token, { type: 'bearer' }).expect(200);

    const patched = await world.stack
      .http()
      .patch(`/v1/people/${person.id}`)
      .auth(world.cast.unCoordinator.token, { type: 'bearer' })
      .send({ level: 'senior', quietHours: { start: '22:00', end: '07:00' } })
      .expect(200);
    expect(patched.body).toMatchObject({ level: 'senior', quietHours: { start: '22:00', end: '07:00' } });

    // A coordinator of the other organisation neither sees nor changes this person.
    await world.stack.http().get(`/v1/people/${person.id}`).auth(world.cast.natoCoordinator.token, { type: 'bearer' }).expect(404);
    const foreign = await world.stack
      .http()
      .post('/v1/people')
      .auth(world.cast.natoCoordinator.token, { type: 'bearer' })
      .send({
        name: 'X',
        email: `x-${randomUUID().slice(0, 6)}@un.example.org`,
        organization: world.cast.un,
        level: 'working',
        roles: ['participant'],
        timezone: 'UTC',
      })
      .expect(403);
    expect(foreign.body).toMatchObject({ statusCode: 403, code: 'PERSON.NOT_MANAGER' });

    const listed = await world.stack
      .http()
      .get('/v1/people?limit=500')
      .auth(world.cast.natoCoordinator.token, { type: 'bearer' })
      .expect(400);
    expect(listed.body.message).toMatch(/limit/);
    const page = await world.stack
      .http()
      .get('/v1/people?limit=200')
      .auth(world.cast.natoCoordinator.token, { type: 'bearer' })
      .expect(200);
    // Exactly this suite's NATO people: its coordinator and its one NATO participant.
    const natoPeople = [world.cast.natoCoordinator, ...world.cast.participants.filter((p) => p.organization === world.cast.nato)];
    expect(natoPeople).toHaveLength(2);
    expect(page.body.items.map((p: { id: string; organization: string }) => `${p.organization} ${p.id}`).sort()).toEqual(
      natoPeople.map((p) => `${world.cast.nato} ${p.id}`).sort(),
    );
    expect(page.body.nextCursor).toBeNull();

    const duplicate = await world.stack
      .http()
      .post('/v1/people')
      .auth(ADMIN_TOKEN, { type: 'bearer' })
      .send({
        name: 'Again',
        email: person.email.toUpperCase(),
        organization: world.cast.un,
        level: 'working',
        roles: ['participant'],
        timezone: 'UTC',
      })
      .expect(409);
    expect(duplicate.body.message).toMatch(/already exists/);
  });

  it('lists exchanges with filters and cursor pagination, only those the caller may see', async () => {
    const participant = world.cast.participants[0];
    const created = [];
    for (let i = 0; i < 5; i++) {
      created.push(
        await createExchange(
          world.stack,
          world.cast.unCoordinator,
          exchangeBody(world.cast, {
            startsAt: inSeconds(86_400 * (30 + i)),
            participantIds: [participant.id],
            areas: i % 2 === 0 ? ['CYBER'] : ['POC'],
            level: 'senior',
          }),
        ),
      );
    }
    const from = encodeURIComponent(created[0].startsAt);
    const seen: string[] = [];
    const pageSizes: number[] = [];
    let cursor: string | null = null;
    do {
      const res: { body: { items: Array<{ id: string }>; nextCursor: string | null } } = await world.stack
        .http()
        .get(`/v1/exchanges?limit=2&level=senior&from=${from}${cursor ? `&cursor=${cursor}` : ''}`)
        .auth(participant.token, { type: 'bearer' })
        .expect(200);
      pageSizes.push(res.body.items.length);
      seen.push(...res.body.items.map((e: { id: string }) => e.id));
      cursor = res.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual(created.map((e) => e.id));
    expect(pageSizes).toEqual([2, 2, 1]);

    const cyber = await world.stack
      .http()
      .get(`/v1/exchanges?area=CYBER&from=${from}&limit=50`)
      .auth(world.cast.natoCoordinator.token, { type: 'bearer' })
      .expect(200);
    expect(cyber.body.items.map((e: { id: string }) => e.id)).toEqual([created[0].id, created[2].id, created[4].id]);
    expect(cyber.body.nextCursor).toBeNull();

    // An internal UN exchange is invisible to a NATO coordinator.
    const internal = await createExchange(
      world.stack,
      world.cast.unCoordinator,
      exchangeBody(world.cast, { organizations: [world.cast.un], startsAt: inSeconds(86_400 * 40), participantIds: [] }),
    );
    await world.stack.http().get(`/v1/exchanges/${internal.id}`).auth(world.cast.natoCoordinator.token, { type: 'bearer' }).expect(404);
    const byOrg = await world.stack
      .http()
      .get(`/v1/exchanges?organization=${world.cast.un}&status=scheduled&from=${from}&limit=50`)
      .auth(world.cast.natoCoordinator.token, { type: 'bearer' })
      .expect(200);
    // The five shared ones, not the internal one.
    expect(byOrg.body.items.map((e: { id: string }) => e.id)).toEqual(created.map((e) => e.id));
    await world.stack.http().get(`/v1/exchanges/${internal.id}/reminders`).auth(participant.token, { type: 'bearer' }).expect(404);
  });

  it('shows the inbox newest first, filters unread and marks read', async () => {
    const person = world.cast.participants[1];
    // Two reminders a second apart, the first due one planning lead from now (planned before they fall due).
    const leadSeconds = Math.ceil((await planningLeadMs(world.stack, world.cast)) / 1000);
    const exchange = await createExchange(
      world.stack,
      world.cast.unCoordinator,
      exchangeBody(world.cast, { startsAt: inSeconds(leadSeconds + 6), participantIds: [person.id], reminderOffsets: ['PT6S', 'PT5S'] }),
    );
    // In-app and e-mail for each offset.
    await plannedInTime(world.stack, world.cast.unCoordinator, exchange.id, 4);
    const inbox = await waitFor(
      'two inbox entries',
      async () => inboxOf(world.stack, person),
      (items) => items.length === 2,
    );
    expect(inbox.map((n) => n.exchangeId)).toEqual([exchange.id, exchange.id]);
    const delivered = inbox.map((n) => n.deliveredAt as string);
    expect(delivered).toEqual([...delivered].sort().reverse());
    expect(inbox[0]).toMatchObject({ kind: 'exchange.reminder', exchangeId: exchange.id, readAt: null });

    const read = await world.stack
      .http()
      .post(`/v1/me/notifications/${inbox[0].id}/read`)
      .auth(person.token, { type: 'bearer' })
      .expect(200);
    expect(read.body.readAt).toEqual(expect.any(String));
    const unread = await world.stack.http().get('/v1/me/notifications?unread=true').auth(person.token, { type: 'bearer' }).expect(200);
    expect(unread.body.items.map((n: { id: string }) => n.id)).toEqual([inbox[1].id]);
    await world.stack
      .http()
      .post(`/v1/me/notifications/${inbox[1].id}/read`)
      .auth(world.cast.participants[0].token, { type: 'bearer' })
      .expect(404);
  });
});
