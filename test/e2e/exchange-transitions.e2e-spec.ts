import type { Client } from '@temporalio/client';
import { DataSource } from 'typeorm';
import { LiaisonKind, LiaisonNextDeadline, TEMPORAL_CLIENT } from '../../libs/temporal/src';
import { icsOfMail, parseCalendar } from '../support/ics';
import { inSeconds, TestPerson, waitFor } from '../support/fixtures';
import {
  act,
  createExchange,
  exchangeBody,
  exchangeOf,
  inboxOf,
  planningLeadMs,
  plannedInTime,
  remindersOf,
  useStack,
} from '../support/exchanges';
import { jobsDone } from '../support/reminder-jobs';
import { answered } from '../support/typed-client';

describe('confirm, reschedule and cancel as workflow Updates', () => {
  const world = useStack(1);
  /** A reminder due this far ahead is planned before it falls due on this machine (see planningLeadMs). */
  let leadSeconds: number;
  beforeAll(async () => {
    leadSeconds = Math.ceil((await planningLeadMs(world.stack, world.cast)) / 1000);
  });

  /** The reminders of an exchange once the workflow has handed them all to the queue (`queued`), `count` of them. */
  const queuedReminders = (coordinator: TestPerson, exchangeId: string, count: number) =>
    waitFor(
      `${count} reminders of exchange ${exchangeId} queued`,
      () => remindersOf(world.stack, coordinator, exchangeId),
      (rows) => rows.length === count && rows.every((r) => r.status === 'queued'),
    );

  it('two confirmations, one per organisation, make the exchange confirmed; a third is a 409', async () => {
    const exchange = await createExchange(
      world.stack,
      world.cast.unCoordinator,
      exchangeBody(world.cast, { startsAt: inSeconds(3600), participantIds: [] }),
    );
    const { un, nato } = world.cast;
    const confirm = (coordinator: TestPerson, organization: string) =>
      act(world.stack, coordinator, exchange.id, 'confirm', { organization });
    const confirmedAt = (body: Record<string, any>) =>
      Object.fromEntries(
        (body.confirmations as Array<{ organization: string; confirmedAt: string | null }>).map((c) => [c.organization, c.confirmedAt]),
      );

    const first = await answered('confirm', 200, confirm(world.cast.unCoordinator, un));
    expect(first.status).toBe('scheduled');
    expect(confirmedAt(first)).toEqual({ [un]: expect.any(String), [nato]: null });

    const second = await answered('confirm', 200, confirm(world.cast.natoCoordinator, nato));
    expect(second.status).toBe('confirmed');
    expect(confirmedAt(second)).toEqual({ [un]: expect.any(String), [nato]: expect.any(String) });

    const third = await confirm(world.cast.unCoordinator, un);
    expect(third.response.status).toBe(409);
    expect(third.error).toMatchObject({ statusCode: 409, error: 'Conflict', code: 'EXCHANGE.ALREADY_CONFIRMED' });
    expect(third.error?.message).toMatch(/confirm/i);

    // A coordinator cannot confirm for the other organisation.
    const other = await createExchange(
      world.stack,
      world.cast.unCoordinator,
      exchangeBody(world.cast, { startsAt: inSeconds(3600), participantIds: [] }),
    );
    const refused = await act(world.stack, world.cast.unCoordinator, other.id, 'confirm', { organization: nato });
    expect(refused.response.status).toBe(403);
    expect(refused.error).toMatchObject({ statusCode: 403, code: 'EXCHANGE.NOT_COORDINATOR' });
    expect(confirmedAt(await exchangeOf(world.stack, world.cast.natoCoordinator, other.id))).toEqual({ [un]: null, [nato]: null });

    const stored = await world.stack
      .http()
      .get(`/v1/exchanges/${exchange.id}`)
      .auth(world.cast.natoCoordinator.token, { type: 'bearer' })
      .expect(200);
    expect(stored.body.status).toBe('confirmed');
  });

  it('a reschedule moves the pending reminders and sends none for the old time', async () => {
    const person = world.cast.participants[0];
    // The old reminder due `leadSeconds` from now, the moved one 5 s after it.
    const oldStart = inSeconds(leadSeconds + 15);
    const exchange = await createExchange(
      world.stack,
      world.cast.unCoordinator,
      exchangeBody(world.cast, { startsAt: oldStart, participantIds: [person.id], reminderOffsets: ['PT15S'] }),
    );
    await plannedInTime(world.stack, world.cast.unCoordinator, exchange.id, 2);
    // Handed to the queue ahead of their due time (REMINDER_QUEUE_AHEAD): delayed jobs, which the move must overtake.
    const old = await queuedReminders(world.cast.unCoordinator, exchange.id, 2);

    const newStart = new Date(Date.parse(oldStart) + 5000).toISOString();
    // No job runs across the move (the notifier stopped as SIGTERM would, its jobs kept in Redis):
    // however slow the machine, the old reminder cannot fall due before the move has landed.
    await world.stack.stopNotifier();
    const moved = await answered(
      'reschedule',
      200,
      act(world.stack, world.cast.unCoordinator, exchange.id, 'reschedule', { startsAt: newStart, reason: 'clash' }),
    );
    await world.stack.startNotifier();
    expect(Date.parse(moved.startsAt)).toBe(Date.parse(newStart));
    expect(moved.scheduleRevision).toBe(2);
    // The workflow's search attributes follow: its next deadline is the new start.
    const description = await world.stack.api.get<Client>(TEMPORAL_CLIENT).workflow.getHandle(`exchange-${exchange.id}`).describe();
    expect(description.typedSearchAttributes.get(LiaisonNextDeadline)?.toISOString()).toBe(new Date(newStart).toISOString());
    expect(description.typedSearchAttributes.get(LiaisonKind)).toBe('exchange');

    // The moved reminders are sent after their due time, which comes after the old one's.
    const rows = await waitFor(
      'the moved reminders sent',
      () => remindersOf(world.stack, world.cast.unCoordinator, exchange.id),
      (current) => current.filter((r) => r.revision === 2 && r.status === 'sent').length === 2,
    );
    expect(rows).toHaveLength(4);
    const fresh = rows.filter((r) => r.revision === 2);
    for (const row of fresh) {
      expect(row.dueAt).toBe(new Date(Date.parse(newStart) - 15_000).toISOString());
      expect(Date.parse(row.sentAt)).toBeGreaterThanOrEqual(Date.parse(row.dueAt));
      expect(row.attempts).toBe(1);
    }
    // The old reminders' jobs ran (at their time, or once the notifier was back) and found them cancelled: nothing went out for the old time.
    expect(await jobsDone(world.stack, old)).toEqual(['completed/already-done', 'completed/already-done']);
    const stale = rows.filter((r) => r.revision === 1);
    expect(stale.map((r) => [r.status, r.sentAt])).toEqual([
      ['cancelled', null],
      ['cancelled', null],
    ]);
    // One inbox entry, of the moved time; one e-mail, the moved reminder.
    const inbox = (await inboxOf(world.stack, person)).filter((n) => n.exchangeId === exchange.id);
    expect(inbox.map((n) => n.dueAt)).toEqual([fresh[0].dueAt]);
    const mails = world.stack.smtp.to(person.email);
    expect(mails.filter((m) => m.mail.headers.has('x-liaison-reminder')).map((m) => m.mail.headers.get('x-liaison-reminder'))).toEqual(
      fresh.filter((r) => r.channel === 'email').map((r) => r.key),
    );
    // Besides it, the calendar update sent at the moment of the reschedule (docs/calendar-updates.md):
    // a REQUEST of the new time, SEQUENCE 1; nothing of the old time.
    const updates = await waitFor(
      'the calendar update of the reschedule',
      async () => world.stack.smtp.to(person.email).filter((m) => !m.mail.headers.has('x-liaison-reminder')),
      (found) => found.length > 0,
    );
    expect(updates).toHaveLength(1);
    const update = parseCalendar(icsOfMail(updates[0].raw));
    expect([update.method, update.events[0].sequence, update.events[0].startDate.toJSDate().toISOString()]).toEqual([
      'REQUEST',
      1,
      new Date(newStart).toISOString(),
    ]);
  });

  it('a cancel leaves no reminder sent after it, and a second cancel is a 409', async () => {
    const person = world.cast.participants[0];
    const before = world.stack.smtp.to(person.email).length;
    // Two reminders each, due `leadSeconds` and `leadSeconds + 5` from now.
    const exchange = await createExchange(
      world.stack,
      world.cast.natoCoordinator,
      exchangeBody(world.cast, { startsAt: inSeconds(leadSeconds + 10), participantIds: [person.id], reminderOffsets: ['PT10S', 'PT5S'] }),
    );
    await plannedInTime(world.stack, world.cast.natoCoordinator, exchange.id, 4);
    const queued = await queuedReminders(world.cast.natoCoordinator, exchange.id, 4);

    // No job runs across the cancel (as for the move above): a reminder cannot fall due before it has landed.
    await world.stack.stopNotifier();
    const cancelled = await answered(
      'cancel',
      200,
      act(world.stack, world.cast.natoCoordinator, exchange.id, 'cancel', { reason: 'postponed' }),
    );
    await world.stack.startNotifier();
    expect(cancelled.status).toBe('cancelled');
    expect(cancelled.cancelReason).toBe('postponed');

    // Every reminder's job ran (at its due time, or at the notifier's start if that came later) and found it cancelled.
    expect(await jobsDone(world.stack, queued)).toEqual(Array(4).fill('completed/already-done'));
    const rows = await remindersOf(world.stack, world.cast.natoCoordinator, exchange.id);
    expect(rows.map((r) => [r.status, r.sentAt])).toEqual(Array(4).fill(['cancelled', null]));
    expect((await inboxOf(world.stack, person)).filter((n) => n.exchangeId === exchange.id)).toEqual([]);
    // The only mail after the cancel is the cancellation itself: an iMIP CANCEL of the same event.
    const mails = await waitFor(
      'the cancellation mail',
      async () => world.stack.smtp.to(person.email).slice(before),
      (after) => after.length > 0,
    );
    expect(mails.map((m) => m.mail.subject)).toEqual([`Cancelled: ${exchange.title}`]);
    const calendar = parseCalendar(icsOfMail(mails[0].raw));
    expect(calendar.method).toBe('CANCEL');
    expect(calendar.events[0].uid).toBe(`exchange-${exchange.id}@liaison`);
    expect(calendar.events[0].component.getFirstPropertyValue('status')).toBe('CANCELLED');

    const again = await act(world.stack, world.cast.natoCoordinator, exchange.id, 'cancel', { reason: 'twice' });
    expect(again.response.status).toBe(409);
    expect(again.error).toMatchObject({ statusCode: 409, code: 'EXCHANGE.NOT_OPEN' });
    expect(again.error?.message).toMatch(/cancelled/);
    const revive = await act(world.stack, world.cast.natoCoordinator, exchange.id, 'reschedule', {
      startsAt: inSeconds(600),
      reason: 'revive',
    });
    expect(revive.response.status).toBe(409);
    expect(revive.error).toMatchObject({ statusCode: 409, code: 'EXCHANGE.NOT_OPEN' });
  });

  it('an open exchange whose workflow has not started yet (a series occurrence just written) is a 503 with Retry-After, not a 409', async () => {
    const exchange = await createExchange(
      world.stack,
      world.cast.unCoordinator,
      exchangeBody(world.cast, { startsAt: inSeconds(3600), participantIds: [] }),
    );
    // The same exchange written again under a new id, as a series writes an occurrence before it starts its workflow.
    const db = world.stack.api.get(DataSource);
    const [{ id }] = await db.query(
      `WITH copy AS (
         INSERT INTO exchanges (title, level, areas, host_organization_id, starts_at, duration_minutes, timezone, reminder_offsets)
         SELECT title, level, areas, host_organization_id, starts_at, duration_minutes, timezone, reminder_offsets FROM exchanges WHERE id = $1
         RETURNING id)
       INSERT INTO exchange_organizations (exchange_id, organization_id)
       SELECT copy.id, eo.organization_id FROM copy, exchange_organizations eo WHERE eo.exchange_id = $1
       RETURNING exchange_id AS id`,
      [exchange.id],
    );
    try {
      const { response, error } = await act(world.stack, world.cast.unCoordinator, id, 'cancel', { reason: 'too early' });
      expect(response.status).toBe(503);
      expect(response.headers.get('retry-after')).toBe('5');
      expect(error).toMatchObject({ statusCode: 503, code: 'EXCHANGE.STARTING' });
      expect(error?.message).toMatch(/workflow has not started yet/);
      // Nothing was changed meanwhile.
      const stored = await world.stack
        .http()
        .get(`/v1/exchanges/${id}`)
        .auth(world.cast.unCoordinator.token, { type: 'bearer' })
        .expect(200);
      expect(stored.body.status).toBe('scheduled');
    } finally {
      await db.query(`DELETE FROM exchanges WHERE id = $1`, [id]);
    }
  });
});
