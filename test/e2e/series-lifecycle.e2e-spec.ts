import { DateTime } from 'luxon';
import { TEMPORAL_CLIENT } from '../../libs/temporal/src';
import type { Client } from '@temporalio/client';
import { SeriesService } from '../../libs/series/src/series.service';
import { seriesWorkflowId } from '../../libs/domain/src';
import { eventually, sleep } from '../support/fixtures';
import { act, createSeries, inboxOf, remindersOf, seriesBody, useStack } from '../support/exchanges';

const ZONE = 'Europe/Brussels';

/** A series through the real Temporal dev server: materialise, change one, amend, cancel one, end. */
describe('a recurring consultation, end to end', () => {
  const world = useStack(1);
  const as = () => world.cast.unCoordinator;
  const occurrencesOf = async (seriesId: string) =>
    (await world.stack.http().get(`/v1/series/${seriesId}/exchanges?limit=50`).auth(as().token, { type: 'bearer' }).expect(200)).body
      .items as Array<Record<string, any>>;

  it('keeps its occurrences and their reminders in line with every change', async () => {
    const person = world.cast.participants[0];
    const firstStart = DateTime.now().setZone(ZONE).plus({ seconds: 40 }).set({ millisecond: 0 });
    const created = await createSeries(
      world.stack,
      as(),
      seriesBody({
        title: 'Daily coordination',
        areas: ['OPS-COORDINATION'],
        rrule: 'FREQ=DAILY',
        dtstart: firstStart.toFormat("yyyy-MM-dd'T'HH:mm:ss"),
        timezone: ZONE,
        durationMinutes: 30,
        participantIds: [person.id],
        reminderOffsets: ['PT20S'],
        horizon: 3,
      }),
    );
    expect([created.status, created.body.message]).toEqual([201, undefined]);
    const seriesId = created.body.id as string;
    expect(created.body).toMatchObject({ status: 'active', horizon: 3, workflowId: `series-${seriesId}` });
    expect(created.body.upcoming[0]).toBe(firstStart.toISO());

    // Three occurrences, one per day at the same local time, hosts in rotation.
    const made = await eventually(
      async () => {
        const items = await occurrencesOf(seriesId);
        return items.length === 3 ? items : undefined;
      },
      15_000,
      'three occurrences',
    );
    expect(made.map((e) => e.startsAt)).toEqual([0, 1, 2].map((d) => firstStart.plus({ days: d }).toISO()));
    expect(made.map((e) => e.hostOrganization)).toEqual(['UN', 'NATO', 'UN']);
    const [today, tomorrow, dayAfter] = made;

    // Reschedule one alone: it becomes detached.
    const moved = firstStart.plus({ days: 1, hours: 2 });
    const rescheduled = await act(world.stack, as(), tomorrow.id, 'reschedule', {
      startsAt: moved.toISO(),
      reason: 'one-off clash',
    }).expect(200);
    expect(rescheduled.body.detached).toBe(true);

    // Amend the series: new title and reminder offset for every occurrence not changed alone.
    const amended = await world.stack
      .http()
      .patch(`/v1/series/${seriesId}`)
      .auth(as().token, { type: 'bearer' })
      .send({ title: 'Daily coordination (amended)', reminderOffsets: ['PT15S'], durationMinutes: 45 })
      .expect(200);
    expect(amended.body.revision).toBe(2);
    const afterAmend = new Map((await occurrencesOf(seriesId)).map((e) => [e.id, e]));
    expect(afterAmend.get(today.id)).toMatchObject({
      title: 'Daily coordination (amended)',
      durationMinutes: 45,
      reminderOffsets: ['PT15S'],
    });
    expect(afterAmend.get(tomorrow.id)).toMatchObject({ title: 'Daily coordination', durationMinutes: 30, reminderOffsets: ['PT20S'] });

    // Cancel one alone.
    await act(world.stack, as(), dayAfter.id, 'cancel', { reason: 'holiday' }).expect(200);

    // The first occurrence follows the amendment: its PT20S reminder is cancelled, a PT15S one is sent.
    const rows = await eventually(
      async () => {
        const current = await remindersOf(world.stack, as(), today.id);
        return current.filter((r) => r.status === 'sent').length === 2 ? current : undefined;
      },
      40_000,
      'the amended reminders sent',
    );
    const sent = rows.filter((r) => r.status === 'sent');
    expect(sent.map((r) => `${r.offset}/${r.channel}`).sort()).toEqual(['PT15S/email', 'PT15S/inapp']);
    expect(rows.filter((r) => r.offset === 'PT20S').every((r) => r.status === 'cancelled')).toBe(true);
    for (const row of sent) expect(Date.parse(row.sentAt) - Date.parse(row.dueAt)).toBeLessThan(2000);
    const mails = world.stack.smtp.to(person.email).filter((m) => m.mail.subject?.startsWith('Reminder'));
    expect(mails).toHaveLength(1);
    expect(mails[0].mail.subject).toContain('Daily coordination (amended)');
    const inbox = (await inboxOf(world.stack, person)).filter((n) => n.exchangeId === today.id);
    expect(inbox).toHaveLength(1);
    expect(inbox[0].title).toContain('Daily coordination (amended)');

    // End the series: the rest of its undetached future occurrences are cancelled, the moved one stays.
    const ended = await world.stack.http().post(`/v1/series/${seriesId}/end`).auth(as().token, { type: 'bearer' }).expect(200);
    expect(ended.body.status).toBe('ended');
    await world.stack.http().post(`/v1/series/${seriesId}/pause`).auth(as().token, { type: 'bearer' }).expect(409);
    await sleep(1500);
    const final = await occurrencesOf(seriesId);
    expect(final).toHaveLength(3);
    const byId = new Map(final.map((e) => [e.id, e]));
    expect(byId.get(today.id)).toMatchObject({ status: 'cancelled', title: 'Daily coordination (amended)' });
    expect(byId.get(tomorrow.id)).toMatchObject({
      status: 'scheduled',
      title: 'Daily coordination',
      detached: true,
      startsAt: moved.toISO(),
    });
    expect(byId.get(dayAfter.id)).toMatchObject({ status: 'cancelled', detached: true });
    // One exchange per slot (local date of the rule), whatever happened.
    const slots = final.map((e) => e.slotStart as string).sort((a, b) => Date.parse(a) - Date.parse(b));
    expect(slots).toEqual([0, 1, 2].map((d) => firstStart.plus({ days: d }).toISO()));
    expect(new Set(final.map((e) => DateTime.fromISO(e.slotStart as string, { zone: ZONE }).toISODate())).size).toBe(3);
    // No reminder of the cancelled or moved times went out after their change.
    for (const exchange of [tomorrow, dayAfter]) {
      expect((await remindersOf(world.stack, as(), exchange.id)).filter((r) => r.status === 'sent')).toHaveLength(0);
    }
  });

  it('continues as new and keeps its history under a fixed bound', async () => {
    const series = world.stack.api.get(SeriesService);
    const principal = { kind: 'admin-token' } as const;
    const historyLimit = 60;
    const created = await series.create(
      seriesBody({
        title: 'Monthly staff talks',
        level: 'senior',
        rrule: 'FREQ=MONTHLY;BYDAY=2TU',
        dtstart: '2030-01-08T10:00',
        timezone: ZONE,
      }),
      principal,
      historyLimit,
    );
    const client = world.stack.api.get<Client>(TEMPORAL_CLIENT);
    const handle = client.workflow.getHandle(seriesWorkflowId(created.id));
    const firstRun = (await handle.describe()).runId;
    for (let i = 0; i < 12; i++) {
      await world.stack.http().post(`/v1/series/${created.id}/pause`).auth(as().token, { type: 'bearer' }).expect(200);
      await world.stack.http().post(`/v1/series/${created.id}/resume`).auth(as().token, { type: 'bearer' }).expect(200);
    }
    const latest = await eventually(
      async () => {
        const d = await client.workflow.getHandle(seriesWorkflowId(created.id)).describe();
        return d.runId !== firstRun && d.status.name === 'RUNNING' ? d : undefined;
      },
      10_000,
      'a new run',
    );
    expect(latest.historyLength).toBeLessThan(historyLimit + 40);
    const runs = [];
    for await (const run of client.workflow.list({ query: `WorkflowId = '${seriesWorkflowId(created.id)}'` })) runs.push(run);
    expect(runs.length).toBeGreaterThan(1);
    expect(runs.filter((r) => r.status.name === 'CONTINUED_AS_NEW').length).toBeGreaterThan(0);
    // Still exactly the horizon of occurrences, not one more, across the runs.
    expect(await occurrencesOf(created.id)).toHaveLength(2);
  });
});
