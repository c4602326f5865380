import { inSeconds } from '../support/fixtures';
import { act, createExchange, exchangeBody, useStack } from '../support/exchanges';
import { parseCalendar } from '../support/ics';
import { ADMIN_TOKEN } from '../support/stack';
import { answered } from '../support/typed-client';

/** GET /v1/calendar/:personId.ics: a read-only, revocable feed of a person's exchanges (its tokens: calendar-feed-tokens.e2e-spec.ts). */
describe('calendar feed', () => {
  const world = useStack(1);

  it('lists the person’s exchanges with stable UIDs, rising SEQUENCE, cancellations, zones and alarms', async () => {
    const person = world.cast.participants[0];
    const coordinator = world.cast.unCoordinator;
    const body = (overrides: object) =>
      exchangeBody(world.cast, { participantIds: [person.id], reminderOffsets: ['P1D', 'PT1H'], ...overrides });
    const plain = await createExchange(world.stack, coordinator, body({ startsAt: inSeconds(86_400 * 10), timezone: 'America/New_York' }));
    const moved = await createExchange(world.stack, coordinator, body({ startsAt: inSeconds(86_400 * 11) }));
    const dropped = await createExchange(world.stack, coordinator, body({ startsAt: inSeconds(86_400 * 12) }));
    const restricted = await createExchange(
      world.stack,
      coordinator,
      body({ startsAt: inSeconds(86_400 * 13), marking: 'RESTRICTED', title: 'Secret talks' }),
    );
    const newStart = inSeconds(86_400 * 14);
    await answered('reschedule', 200, act(world.stack, coordinator, moved.id, 'reschedule', { startsAt: newStart, reason: 'clash' }));
    await answered('cancel', 200, act(world.stack, coordinator, dropped.id, 'cancel', { reason: 'postponed' }));

    const { url } = (await world.stack.http().get('/v1/me/calendar').auth(person.token, { type: 'bearer' }).expect(200)).body as {
      url: string;
    };
    expect(url).toMatch(new RegExp(`^http://liaison\\.test/v1/calendar/${person.id}\\.ics\\?token=[\\w-]+$`));
    const path = url.replace('http://liaison.test', '');
    const res = await world.stack.http().get(path).expect(200);
    expect(res.headers['content-type']).toMatch(/^text\/calendar/);

    const calendar = parseCalendar(res.text);
    const byUid = new Map(calendar.events.map((e) => [e.uid, e]));
    expect([...byUid.keys()].sort()).toEqual([plain, moved, dropped, restricted].map((e) => `exchange-${e.id}@liaison`).sort());

    const first = byUid.get(`exchange-${plain.id}@liaison`)!;
    expect(first.startDate.zone?.tzid).toBe('America/New_York');
    expect(first.startDate.toJSDate().toISOString()).toBe(new Date(plain.startsAt as string).toISOString());
    expect(first.sequence).toBe(0);
    const triggers = first.component.getAllSubcomponents('valarm').map((a) => a.getFirstPropertyValue('trigger')!.toString());
    expect(triggers.sort()).toEqual(['-P1D', '-PT1H'].sort());

    const rescheduled = byUid.get(`exchange-${moved.id}@liaison`)!;
    expect(rescheduled.sequence).toBe(1);
    expect(rescheduled.startDate.toJSDate().toISOString()).toBe(newStart);

    const cancelled = byUid.get(`exchange-${dropped.id}@liaison`)!;
    expect(cancelled.component.getFirstPropertyValue('status')).toBe('CANCELLED');
    expect(cancelled.sequence).toBe(1);

    const secret = byUid.get(`exchange-${restricted.id}@liaison`)!;
    expect(secret.summary).toBe('Exchange (restricted)');
    expect(res.text).not.toContain('Secret talks');
  });

  it('refuses a wrong token and a rotated one, and belongs to people only', async () => {
    const person = world.cast.participants[0];
    // The address was shown by the first read (above); a later read does not show it again.
    const again = (await world.stack.http().get('/v1/me/calendar').auth(person.token, { type: 'bearer' }).expect(200)).body as {
      url: string | null;
    };
    expect(again.url).toBeNull();
    const before = (
      (await world.stack.http().post('/v1/me/calendar/rotate').auth(person.token, { type: 'bearer' }).expect(200)).body as { url: string }
    ).url;
    await world.stack.http().get(`/v1/calendar/${person.id}.ics?token=wrong`).expect(404);
    await world.stack.http().get(`/v1/calendar/${person.id}.ics`).expect(404);
    const rotated = (
      (await world.stack.http().post('/v1/me/calendar/rotate').auth(person.token, { type: 'bearer' }).expect(200)).body as { url: string }
    ).url;
    expect(rotated).not.toBe(before);
    await world.stack.http().get(before.replace('http://liaison.test', '')).expect(404);
    await world.stack.http().get(rotated.replace('http://liaison.test', '')).expect(200);
    // The feed token is not a bearer token, nor the other way round.
    const token = new URL(rotated).searchParams.get('token')!;
    await world.stack.http().get('/v1/me').auth(token, { type: 'bearer' }).expect(401);
    await world.stack.http().get(`/v1/calendar/${person.id}.ics?token=${person.token}`).expect(404);
    const admin = await world.stack.http().get('/v1/me/calendar').auth(ADMIN_TOKEN, { type: 'bearer' }).expect(403);
    expect(admin.body).toMatchObject({ statusCode: 403, code: 'ME.NOT_A_PERSON' });
  });
});
