import { randomUUID } from 'node:crypto';
import { createPerson, eventually, inSeconds } from '../support/fixtures';
import { createExchange, exchangeBody, inboxOf, useStack } from '../support/exchanges';
import { ADMIN_TOKEN } from '../support/stack';

describe('people, tokens, inbox and exchange lists', () => {
  const world = useStack(2);

  it('stores a person with a one-time token that a new token revokes', async () => {
    const person = await createPerson(world.stack, 'UN', { roles: ['participant'], timezone: 'America/New_York' });
    const me = await world.stack.http().get('/v1/me').auth(person.token, { type: 'bearer' }).expect(200);
    expect(me.body).toMatchObject({
      id: person.id,
      organization: 'UN',
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
    await world.stack
      .http()
      .post('/v1/people')
      .auth(world.cast.natoCoordinator.token, { type: 'bearer' })
      .send({
        name: 'X',
        email: `x-${randomUUID().slice(0, 6)}@un.example.org`,
        organization: 'UN',
        level: 'working',
        roles: ['participant'],
        timezone: 'UTC',
      })
      .expect(403);

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
    expect(page.body.items.every((p: { organization: string }) => p.organization === 'NATO')).toBe(true);

    const duplicate = await world.stack
      .http()
      .post('/v1/people')
      .auth(ADMIN_TOKEN, { type: 'bearer' })
      .send({
        name: 'Again',
        email: person.email.toUpperCase(),
        organization: 'UN',
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
          exchangeBody({
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
    let cursor: string | null = null;
    do {
      const res: { body: { items: Array<{ id: string }>; nextCursor: string | null } } = await world.stack
        .http()
        .get(`/v1/exchanges?limit=2&level=senior&from=${from}${cursor ? `&cursor=${cursor}` : ''}`)
        .auth(participant.token, { type: 'bearer' })
        .expect(200);
      expect(res.body.items.length).toBeLessThanOrEqual(2);
      seen.push(...res.body.items.map((e: { id: string }) => e.id));
      cursor = res.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual(created.map((e) => e.id));

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
      exchangeBody({ organizations: ['UN'], startsAt: inSeconds(86_400 * 40), participantIds: [] }),
    );
    await world.stack.http().get(`/v1/exchanges/${internal.id}`).auth(world.cast.natoCoordinator.token, { type: 'bearer' }).expect(404);
    const byOrg = await world.stack
      .http()
      .get(`/v1/exchanges?organization=UN&status=scheduled&from=${from}&limit=50`)
      .auth(world.cast.natoCoordinator.token, { type: 'bearer' })
      .expect(200);
    expect(byOrg.body.items.map((e: { id: string }) => e.id)).not.toContain(internal.id);
    await world.stack.http().get(`/v1/exchanges/${internal.id}/reminders`).auth(participant.token, { type: 'bearer' }).expect(404);
  });

  it('shows the inbox newest first, filters unread and marks read', async () => {
    const person = world.cast.participants[1];
    const exchange = await createExchange(
      world.stack,
      world.cast.unCoordinator,
      exchangeBody({ startsAt: inSeconds(8), participantIds: [person.id], reminderOffsets: ['PT5S', 'PT4S'] }),
    );
    const inbox = await eventually(
      async () => {
        const items = (await inboxOf(world.stack, person)).filter((n) => n.exchangeId === exchange.id);
        return items.length === 2 ? items : undefined;
      },
      20_000,
      'two inbox entries',
    );
    expect(Date.parse(inbox[0].deliveredAt)).toBeGreaterThanOrEqual(Date.parse(inbox[1].deliveredAt));
    expect(inbox[0]).toMatchObject({ kind: 'exchange.reminder', exchangeId: exchange.id, readAt: null });

    const read = await world.stack
      .http()
      .post(`/v1/me/notifications/${inbox[0].id}/read`)
      .auth(person.token, { type: 'bearer' })
      .expect(200);
    expect(read.body.readAt).toEqual(expect.any(String));
    const unread = await world.stack.http().get('/v1/me/notifications?unread=true').auth(person.token, { type: 'bearer' }).expect(200);
    expect(unread.body.items.map((n: { id: string }) => n.id)).not.toContain(inbox[0].id);
    expect(unread.body.items.map((n: { id: string }) => n.id)).toContain(inbox[1].id);
    await world.stack
      .http()
      .post(`/v1/me/notifications/${inbox[1].id}/read`)
      .auth(world.cast.participants[0].token, { type: 'bearer' })
      .expect(404);
  });
});
