import type { Client } from '@temporalio/client';
import { DateTime } from 'luxon';
import { DataSource } from 'typeorm';
import { formatDateTime } from '../../libs/i18n/src';
import { TEMPORAL_CLIENT } from '../../libs/temporal/src';
import { applyInOrder, HeldEvent, heldOf, imipMessages } from '../support/calendar-client';
import { createPerson, inSeconds, TestPerson, waitFor } from '../support/fixtures';
import { act, createExchange, createSeries, exchangeBody, exchangeOf, seriesBody, useStack } from '../support/exchanges';
import { parseCalendar } from '../support/ics';
import { ADMIN_TOKEN } from '../support/stack';
import { answered } from '../support/typed-client';

const DAY = 86_400;

/**
 * Calendars that follow the meeting: each person's e-mails, applied in the order received by a
 * client as RFC 5546 asks (ical.js parses them), leave it with the exchange as it is now; the feed
 * shows the same UID, SEQUENCE and times. See docs/calendar-updates.md.
 */
describe('calendar updates by e-mail (iMIP)', () => {
  const world = useStack(2);
  const db = () => world.stack.api.get(DataSource);
  const uid = (id: string) => `exchange-${id}@liaison`;
  /** What a client holds after applying every iMIP mail this person has received, in order. */
  const clientOf = (person: TestPerson) => applyInOrder(imipMessages(world.stack.smtp.to(person.email)));
  /** The exchange as the API shows it now, with the SEQUENCE its calendar entries must carry. */
  const current = async (id: string) => {
    const exchange = await exchangeOf(world.stack, world.cast.unCoordinator, id);
    const start = new Date(exchange.startsAt as string);
    return {
      exchange,
      sequence: (exchange.scheduleRevision as number) - 1 + (exchange.status === 'cancelled' ? 1 : 0),
      start: start.toISOString(),
      end: new Date(start.getTime() + (exchange.durationMinutes as number) * 60_000).toISOString(),
    };
  };
  /** Waits until the person's client holds the exchange at its current SEQUENCE and time. */
  const clientFollows = async (person: TestPerson, id: string): Promise<HeldEvent> => {
    const now = await current(id);
    const held = await waitFor(
      `${person.email}'s calendar at SEQUENCE ${now.sequence} of ${id}`,
      async () => clientOf(person).get(uid(id)),
      (event) => event?.sequence === now.sequence && event.start === now.start && event.end === now.end,
    );
    return held!;
  };
  /** The person's feed, read at a fresh address, by UID. */
  const feedOf = async (person: TestPerson): Promise<Map<string, HeldEvent>> => {
    const { url } = (await world.stack.http().post('/v1/me/calendar/rotate').auth(person.token, { type: 'bearer' }).expect(200)).body as {
      url: string;
    };
    const res = await world.stack.http().get(url.replace('http://liaison.test', '')).expect(200);
    return new Map(parseCalendar(res.text).events.map((event) => [event.uid, heldOf(event)]));
  };

  it('a reschedule moves every e-mail participant’s calendar at once, in their language; a cancel removes it', async () => {
    const [english, french] = world.cast.participants;
    const silent = await createPerson(world.stack, world.cast.un);
    // E-mail on, but a leaver: deactivated after the exchanges are made.
    const leaver = await createPerson(world.stack, world.cast.nato, { email: true });
    await world.stack.http().patch('/v1/me').auth(french.token, { type: 'bearer' }).send({ language: 'fr' }).expect(200);
    const body = (overrides: object) =>
      exchangeBody(world.cast, { participantIds: [english.id, french.id, silent.id, leaver.id], reminderOffsets: ['P1D'], ...overrides });
    const moving = await createExchange(world.stack, world.cast.unCoordinator, body({ startsAt: inSeconds(10 * DAY) }));
    const dropped = await createExchange(world.stack, world.cast.unCoordinator, body({ startsAt: inSeconds(10 * DAY) }));

    await world.stack.http().post(`/v1/people/${leaver.id}/deactivate`).auth(ADMIN_TOKEN, { type: 'bearer' }).expect(200);
    // First move; then the English participant accepts (their PARTSTAT), then a second move.
    await answered(
      'reschedule',
      200,
      act(world.stack, world.cast.unCoordinator, moving.id, 'reschedule', { startsAt: inSeconds(11 * DAY), reason: 'clash' }),
    );
    await clientFollows(english, moving.id);
    await db().query(`UPDATE exchange_participants SET attendance = 'accepted' WHERE exchange_id = $1 AND person_id = $2`, [
      moving.id,
      english.id,
    ]);
    const second = DateTime.fromISO(inSeconds(12 * DAY))
      .toUTC()
      .toISO()!;
    await answered(
      'reschedule',
      200,
      act(world.stack, world.cast.unCoordinator, moving.id, 'reschedule', { startsAt: second, reason: 'again' }),
    );
    await answered('cancel', 200, act(world.stack, world.cast.unCoordinator, dropped.id, 'cancel', { reason: 'postponed' }));

    const now = await current(moving.id);
    expect(now.sequence).toBe(2);
    for (const person of [english, french]) {
      const held = await clientFollows(person, moving.id);
      expect(held).toMatchObject({ uid: uid(moving.id), rsvp: 'FALSE', summary: moving.title, location: 'Video link' });
      // The cancelled exchange: no REQUEST of it was ever sent (no reminder was due), its CANCEL leaves nothing behind.
      const cancel = await waitFor(
        `${person.email}'s CANCEL of ${dropped.id}`,
        async () => imipMessages(world.stack.smtp.to(person.email)).filter((m) => m.event.uid === uid(dropped.id)),
        (found) => found.length > 0,
      );
      expect(cancel.map((m) => [m.method, m.event.sequence])).toEqual([['CANCEL', 1]]);
      expect(clientOf(person).has(uid(dropped.id))).toBe(false);
      // The feed shows what the client holds.
      const feed = await feedOf(person);
      expect(feed.get(uid(moving.id))).toMatchObject({
        sequence: now.sequence,
        start: now.start,
        end: now.end,
        partstat: held.partstat,
        rsvp: 'FALSE',
      });
      expect(feed.get(uid(dropped.id))).toMatchObject({ sequence: 1 });
    }
    expect(clientOf(english).get(uid(moving.id))!.partstat).toBe('ACCEPTED');
    expect(clientOf(french).get(uid(moving.id))!.partstat).toBe('NEEDS-ACTION');
    // Every message: SEQUENCE never above the exchange's, never a REQUEST after its cancellation.
    for (const message of imipMessages(world.stack.smtp.to(english.email))) {
      if (message.event.uid === uid(moving.id)) expect(message.event.sequence).toBeLessThanOrEqual(2);
    }
    // A participant without e-mail gets nothing, nor does a deactivated one.
    expect(world.stack.smtp.to(silent.email)).toEqual([]);
    expect(world.stack.smtp.to(leaver.email)).toEqual([]);

    // In the reader's language and zone.
    const frenchUpdates = imipMessages(world.stack.smtp.to(french.email)).filter(
      (m) => m.event.uid === uid(moving.id) && m.event.sequence === 2,
    );
    expect(frenchUpdates[0].mail.mail.subject).toBe(`Modifié : ${moving.title as string}`);
    expect(frenchUpdates[0].mail.mail.text).toContain(formatDateTime('fr', new Date(second), 'America/New_York'));
    const englishUpdates = imipMessages(world.stack.smtp.to(english.email)).filter(
      (m) => m.event.uid === uid(moving.id) && m.event.sequence === 2,
    );
    expect(englishUpdates[0].mail.mail.subject).toBe(`Updated: ${moving.title as string}`);
    expect(englishUpdates[0].mail.mail.text).toContain(formatDateTime('en', new Date(second), 'Europe/Brussels'));
    const frenchCancel = imipMessages(world.stack.smtp.to(french.email)).find((m) => m.event.uid === uid(dropped.id))!;
    expect(frenchCancel.mail.mail.subject).toBe(`Annulé : ${dropped.title as string}`);
  });

  it('a RESTRICTED exchange’s update carries only its time and a link', async () => {
    const [english, french] = world.cast.participants;
    const secret = await createExchange(
      world.stack,
      world.cast.unCoordinator,
      exchangeBody(world.cast, {
        participantIds: [english.id, french.id],
        startsAt: inSeconds(20 * DAY),
        marking: 'RESTRICTED',
        title: 'Secret talks on the northern flank',
        location: 'Room 7, annex B',
      }),
    );
    await answered(
      'reschedule',
      200,
      act(world.stack, world.cast.unCoordinator, secret.id, 'reschedule', { startsAt: inSeconds(21 * DAY), reason: 'clash' }),
    );
    for (const [person, summary] of [
      [english, 'Exchange (restricted)'],
      [french, 'Échange (diffusion restreinte)'],
    ] as const) {
      const held = await clientFollows(person, secret.id);
      expect(held.summary).toBe(summary);
      expect(held.location).toBeNull();
      expect(held.description).toMatch(new RegExp(`/exchanges/${secret.id}$`));
      const mails = imipMessages(world.stack.smtp.to(person.email)).filter((m) => m.event.uid === uid(secret.id));
      for (const { mail } of mails) {
        for (const text of [mail.raw, mail.mail.subject ?? '', mail.mail.text ?? '']) {
          expect(text).not.toContain('Secret talks');
          expect(text).not.toContain('Room 7');
        }
      }
    }
  });

  it('a participant removed by a series amendment gets a CANCEL, one added a REQUEST', async () => {
    const [staying, leaving] = world.cast.participants;
    const joining = await createPerson(world.stack, world.cast.un, { email: true, timezone: 'America/New_York' });
    const dtstart = DateTime.now().setZone('Europe/Brussels').plus({ days: 3 }).set({ millisecond: 0, second: 0 });
    const created = await createSeries(
      world.stack,
      world.cast.unCoordinator,
      seriesBody(world.cast, {
        rrule: 'FREQ=DAILY;COUNT=1',
        dtstart: dtstart.toFormat("yyyy-MM-dd'T'HH:mm:ss"),
        timezone: 'Europe/Brussels',
        participantIds: [staying.id, leaving.id],
        reminderOffsets: ['P1D'],
        horizon: 1,
      }),
    );
    expect([created.response.status, created.error?.message]).toEqual([201, undefined]);
    const seriesId = created.data!.id;
    const amend = (changes: object) =>
      world.stack.http().patch(`/v1/series/${seriesId}`).auth(world.cast.unCoordinator.token, { type: 'bearer' }).send(changes).expect(200);
    const [occurrence] = await waitFor(
      'the occurrence of the series',
      async () =>
        (await world.stack.http().get(`/v1/series/${seriesId}/exchanges?limit=5`).auth(world.cast.unCoordinator.token, { type: 'bearer' }))
          .body.items as Array<Record<string, any>>,
      (items) => items?.length === 1,
    );
    // Its workflow runs (an amendment reschedules through it).
    await waitFor(
      'the occurrence’s workflow',
      () =>
        world.stack.api
          .get<Client>(TEMPORAL_CLIENT)
          .workflow.getHandle(`exchange-${occurrence.id as string}`)
          .describe(),
      (description) => description.status.name === 'RUNNING',
    );
    // A first amendment moves it (longer): both participants' calendars get it.
    await amend({ durationMinutes: 90 });
    await waitFor(
      'the first amendment applied',
      () => current(occurrence.id as string),
      (now) => now.exchange.durationMinutes === 90 && now.sequence >= 1,
    );
    await clientFollows(staying, occurrence.id as string);
    await clientFollows(leaving, occurrence.id as string);

    // The second changes who takes part.
    await amend({ participantIds: [staying.id, joining.id] });
    await waitFor(
      'the leaving participant’s CANCEL',
      async () => clientOf(leaving),
      (held) => !held.has(uid(occurrence.id as string)),
    );
    const joined = await clientFollows(joining, occurrence.id as string);
    expect(joined).toMatchObject({ partstat: 'NEEDS-ACTION', rsvp: 'FALSE' });
    await clientFollows(staying, occurrence.id as string);
    const cancels = imipMessages(world.stack.smtp.to(leaving.email)).filter(
      (m) => m.event.uid === uid(occurrence.id as string) && m.method === 'CANCEL',
    );
    expect(cancels).toHaveLength(1);
    // The leaving participant reads French (set in the first test).
    expect(cancels[0].mail.mail.subject).toMatch(/^Vous ne participez plus : /);
    // Their feed no longer lists it; the newcomer's does, as their e-mails left it.
    expect((await feedOf(leaving)).has(uid(occurrence.id as string))).toBe(false);
    const now = await current(occurrence.id as string);
    expect((await feedOf(joining)).get(uid(occurrence.id as string))).toMatchObject({
      sequence: now.sequence,
      start: now.start,
      end: now.end,
    });
  });
});
