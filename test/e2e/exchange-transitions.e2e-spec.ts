import type { Client } from '@temporalio/client';
import { DataSource } from 'typeorm';
import { LiaisonKind, LiaisonNextDeadline, TEMPORAL_CLIENT } from '../../libs/temporal/src';
import { icsOfMail, parseCalendar } from '../support/ics';
import { eventually, inSeconds, sleep, TestPerson } from '../support/fixtures';
import { act, createExchange, exchangeBody, inboxOf, remindersOf, useStack } from '../support/exchanges';

describe('confirm, reschedule and cancel as workflow Updates', () => {
  const world = useStack(1);

  it('two confirmations, one per organisation, make the exchange confirmed; a third is a 409', async () => {
    const exchange = await createExchange(
      world.stack,
      world.cast.unCoordinator,
      exchangeBody({ startsAt: inSeconds(3600), participantIds: [] }),
    );
    const confirm = (coordinator: TestPerson, organization: string) =>
      act(world.stack, coordinator, exchange.id, 'confirm', { organization });

    const first = await confirm(world.cast.unCoordinator, 'UN').expect(200);
    expect(first.body.status).toBe('scheduled');
    expect(first.body.confirmations.find((c: { organization: string }) => c.organization === 'UN').confirmedAt).toEqual(expect.any(String));

    const second = await confirm(world.cast.natoCoordinator, 'NATO').expect(200);
    expect(second.body.status).toBe('confirmed');

    const third = await confirm(world.cast.unCoordinator, 'UN').expect(409);
    expect(third.body).toMatchObject({ statusCode: 409, error: 'Conflict' });
    expect(third.body.message).toMatch(/confirm/i);

    // A coordinator cannot confirm for the other organisation.
    const other = await createExchange(
      world.stack,
      world.cast.unCoordinator,
      exchangeBody({ startsAt: inSeconds(3600), participantIds: [] }),
    );
    await act(world.stack, world.cast.unCoordinator, other.id, 'confirm', { organization: 'NATO' }).expect(403);

    const stored = await world.stack
      .http()
      .get(`/v1/exchanges/${exchange.id}`)
      .auth(world.cast.natoCoordinator.token, { type: 'bearer' })
      .expect(200);
    expect(stored.body.status).toBe('confirmed');
  });

  it('a reschedule moves the pending reminders and sends none for the old time', async () => {
    const person = world.cast.participants[0];
    const oldStart = inSeconds(25);
    const exchange = await createExchange(
      world.stack,
      world.cast.unCoordinator,
      exchangeBody({ startsAt: oldStart, participantIds: [person.id], reminderOffsets: ['PT15S'] }),
    );
    await eventually(
      async () => ((await remindersOf(world.stack, world.cast.unCoordinator, exchange.id)).length === 2 ? true : undefined),
      5000,
      'planned reminders',
    );

    const newStart = inSeconds(35);
    const moved = await act(world.stack, world.cast.unCoordinator, exchange.id, 'reschedule', {
      startsAt: newStart,
      reason: 'clash',
    }).expect(200);
    expect(Date.parse(moved.body.startsAt)).toBe(Date.parse(newStart));
    expect(moved.body.scheduleRevision).toBe(2);
    // The workflow's search attributes follow: its next deadline is the new start.
    const description = await world.stack.api.get<Client>(TEMPORAL_CLIENT).workflow.getHandle(`exchange-${exchange.id}`).describe();
    expect(description.typedSearchAttributes.get(LiaisonNextDeadline)?.toISOString()).toBe(new Date(newStart).toISOString());
    expect(description.typedSearchAttributes.get(LiaisonKind)).toBe('exchange');

    // Past the old due time (start − 15 s) plus a margin: nothing may have been sent.
    await sleep(Math.max(0, Date.parse(oldStart) - 15_000 + 3000 - Date.now()));
    expect((await inboxOf(world.stack, person)).filter((n) => n.exchangeId === exchange.id)).toHaveLength(0);
    expect(world.stack.smtp.to(person.email)).toHaveLength(0);

    const rows = await eventually(
      async () => {
        const current = await remindersOf(world.stack, world.cast.unCoordinator, exchange.id);
        return current.filter((r) => r.status === 'sent').length === 2 ? current : undefined;
      },
      30_000,
      'the moved reminders sent',
    );
    const old = rows.filter((r) => r.revision === 1);
    const fresh = rows.filter((r) => r.revision === 2);
    expect(old.map((r) => r.status)).toEqual(['cancelled', 'cancelled']);
    expect(fresh.map((r) => r.status)).toEqual(['sent', 'sent']);
    for (const row of fresh) {
      expect(row.dueAt).toBe(new Date(Date.parse(newStart) - 15_000).toISOString());
      expect(Date.parse(row.sentAt) - Date.parse(row.dueAt)).toBeLessThan(2000);
    }
    expect((await inboxOf(world.stack, person)).filter((n) => n.exchangeId === exchange.id)).toHaveLength(1);
    expect(world.stack.smtp.to(person.email)).toHaveLength(1);
  });

  it('a cancel leaves no reminder sent after it, and a second cancel is a 409', async () => {
    const person = world.cast.participants[0];
    const before = world.stack.smtp.to(person.email).length;
    const startsAt = inSeconds(15);
    const exchange = await createExchange(
      world.stack,
      world.cast.natoCoordinator,
      exchangeBody({ startsAt, participantIds: [person.id], reminderOffsets: ['PT10S', 'PT5S'] }),
    );
    await eventually(
      async () => ((await remindersOf(world.stack, world.cast.natoCoordinator, exchange.id)).length === 4 ? true : undefined),
      5000,
      'planned reminders',
    );

    const cancelled = await act(world.stack, world.cast.natoCoordinator, exchange.id, 'cancel', { reason: 'postponed' }).expect(200);
    expect(cancelled.body.status).toBe('cancelled');
    expect(cancelled.body.cancelReason).toBe('postponed');

    await sleep(Math.max(0, Date.parse(startsAt) - 5000 + 3000 - Date.now()));
    const rows = await remindersOf(world.stack, world.cast.natoCoordinator, exchange.id);
    expect(rows.map((r) => r.status)).toEqual(['cancelled', 'cancelled', 'cancelled', 'cancelled']);
    expect((await inboxOf(world.stack, person)).filter((n) => n.exchangeId === exchange.id)).toHaveLength(0);
    // The only mail after the cancel is the cancellation itself: an iMIP CANCEL of the same event.
    const mails = await eventually(
      async () => {
        const after = world.stack.smtp.to(person.email).slice(before);
        return after.length > 0 ? after : undefined;
      },
      10_000,
      'the cancellation mail',
    );
    expect(mails.map((m) => m.mail.subject)).toEqual([`Cancelled: ${exchange.title}`]);
    const calendar = parseCalendar(icsOfMail(mails[0].raw));
    expect(calendar.method).toBe('CANCEL');
    expect(calendar.events[0].uid).toBe(`exchange-${exchange.id}@liaison`);
    expect(calendar.events[0].component.getFirstPropertyValue('status')).toBe('CANCELLED');

    const again = await act(world.stack, world.cast.natoCoordinator, exchange.id, 'cancel', { reason: 'twice' }).expect(409);
    expect(again.body.message).toMatch(/cancelled/);
    await act(world.stack, world.cast.natoCoordinator, exchange.id, 'reschedule', { startsAt: inSeconds(600), reason: 'revive' }).expect(
      409,
    );
  });
  it('an open exchange whose workflow has not started yet (a series occurrence just written) is a 503 with Retry-After, not a 409', async () => {
    const exchange = await createExchange(
      world.stack,
      world.cast.unCoordinator,
      exchangeBody({ startsAt: inSeconds(3600), participantIds: [] }),
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
      const began = Date.now();
      const res = await act(world.stack, world.cast.unCoordinator, id, 'cancel', { reason: 'too early' }).expect(503);
      expect(Date.now() - began).toBeGreaterThanOrEqual(4_500);
      expect(res.headers['retry-after']).toBe('5');
      expect(res.body).toMatchObject({ statusCode: 503, code: 'EXCHANGE.STARTING' });
      expect(res.body.message).toMatch(/workflow has not started yet/);
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
