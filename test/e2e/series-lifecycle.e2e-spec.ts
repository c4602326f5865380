import { DateTime } from 'luxon';
import { TEMPORAL_CLIENT } from '../../libs/temporal/src';
import type { Client } from '@temporalio/client';
import { SeriesService } from '../../libs/series/src/series.service';
import { seriesWorkflowId } from '../../libs/domain/src';
import { waitFor, WAIT_MS } from '../support/fixtures';
import { act, createSeries, inboxOf, planningLeadMs, plannedInTime, remindersOf, seriesBody, useStack } from '../support/exchanges';
import { answered } from '../support/typed-client';

const ZONE = 'Europe/Brussels';

/** A series through the real Temporal dev server: materialise, change one, amend, cancel one, end. */
describe('a recurring consultation, end to end', () => {
  const world = useStack(1);
  const as = () => world.cast.unCoordinator;
  const occurrencesOf = async (seriesId: string) =>
    (await world.stack.http().get(`/v1/series/${seriesId}/exchanges?limit=50`).auth(as().token, { type: 'bearer' }).expect(200)).body
      .items as Array<Record<string, any>>;
  /** How far ahead a reminder is planned in time on this machine (see planningLeadMs). */
  let leadSeconds: number;
  beforeAll(async () => {
    leadSeconds = Math.ceil((await planningLeadMs(world.stack, world.cast)) / 1000);
  });

  it('keeps its occurrences and their reminders in line with every change', async () => {
    const person = world.cast.participants[0];
    // The first occurrence's PT20S reminder falls due four planning leads from now: the occurrences
    // are made, one moved, the series amended (the PT20S reminder cancelled, a PT15S one planned) before it.
    const firstStart = DateTime.now()
      .setZone(ZONE)
      .plus({ seconds: 20 + 4 * leadSeconds })
      .set({ millisecond: 0 });
    const created = await createSeries(
      world.stack,
      as(),
      seriesBody(world.cast, {
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
    expect([created.response.status, created.error?.message]).toEqual([201, undefined]);
    const seriesId = created.data!.id;
    expect(created.data).toMatchObject({ status: 'active', horizon: 3, workflowId: `series-${seriesId}` });
    expect(created.data!.upcoming[0]).toBe(firstStart.toISO());

    // Three occurrences, one per day at the same local time, hosts in rotation.
    const made = await waitFor(
      'the three occurrences of the series',
      () => occurrencesOf(seriesId),
      (items) => items.length === 3,
    );
    expect(made.map((e) => e.startsAt)).toEqual([0, 1, 2].map((d) => firstStart.plus({ days: d }).toISO()));
    expect(made.map((e) => e.hostOrganization)).toEqual([world.cast.un, world.cast.nato, world.cast.un]);
    const [today, tomorrow, dayAfter] = made;

    // Reschedule one alone: it becomes detached.
    const moved = firstStart.plus({ days: 1, hours: 2 });
    const rescheduled = await answered(
      'reschedule',
      200,
      act(world.stack, as(), tomorrow.id, 'reschedule', { startsAt: moved.toISO()!, reason: 'one-off clash' }),
    );
    expect(rescheduled.detached).toBe(true);

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

    // The amended reminders of the first occurrence are planned before they fall due (and before the PT20S one would have).
    await plannedInTime(world.stack, as(), today.id, 2);
    if (Date.now() >= firstStart.toMillis() - 20_000)
      throw new Error('amended after the PT20S reminder was due: the schedule was too tight');

    // Cancel one alone.
    await answered('cancel', 200, act(world.stack, as(), dayAfter.id, 'cancel', { reason: 'holiday' }));

    // The first occurrence follows the amendment: its PT20S reminder is cancelled, a PT15S one is sent, once, after its due time.
    const rows = await waitFor(
      'the amended reminders sent',
      () => remindersOf(world.stack, as(), today.id),
      (current) => current.filter((r) => r.status === 'sent').length === 2,
      firstStart.toMillis() - 15_000 - Date.now() + WAIT_MS,
    );
    expect(rows.map((r) => `${r.offset}/${r.channel}/${r.status}`).sort()).toEqual([
      'PT15S/email/sent',
      'PT15S/inapp/sent',
      'PT20S/email/cancelled',
      'PT20S/inapp/cancelled',
    ]);
    for (const row of rows.filter((r) => r.status === 'sent')) expect(Date.parse(row.sentAt)).toBeGreaterThanOrEqual(Date.parse(row.dueAt));
    const mails = world.stack.smtp.to(person.email).filter((m) => m.mail.subject?.startsWith('Reminder'));
    expect(mails).toHaveLength(1);
    expect(mails[0].mail.subject).toBe('Reminder: Daily coordination (amended)');
    const inbox = (await inboxOf(world.stack, person)).filter((n) => n.exchangeId === today.id);
    expect(inbox).toHaveLength(1);
    expect(inbox[0].title).toBe('Reminder: Daily coordination (amended)');

    // End the series: the rest of its undetached future occurrences are cancelled, the moved one stays.
    const ended = await world.stack.http().post(`/v1/series/${seriesId}/end`).auth(as().token, { type: 'bearer' }).expect(200);
    expect(ended.body.status).toBe('ended');
    const paused = await world.stack.http().post(`/v1/series/${seriesId}/pause`).auth(as().token, { type: 'bearer' });
    expect([paused.status, paused.body.code]).toEqual([409, 'SERIES.ENDED']);
    // The series' workflow cancels the first occurrence: wait for that record.
    const final = await waitFor(
      'the first occurrence cancelled by the end of the series',
      () => occurrencesOf(seriesId),
      (items) => items.find((e) => e.id === today.id)?.status === 'cancelled',
    );
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
    // The reminders of the cancelled occurrence are all cancelled; the moved one's old-time reminders too, its new-time ones wait.
    const settled = async (exchangeId: string) =>
      (await remindersOf(world.stack, as(), exchangeId)).map((r) => `${r.revision}/${r.offset}/${r.channel}/${r.status}`).sort();
    expect(await settled(dayAfter.id)).toEqual([
      '1/PT20S/email/cancelled',
      '1/PT20S/inapp/cancelled',
      '2/PT15S/email/cancelled',
      '2/PT15S/inapp/cancelled',
    ]);
    expect(await settled(tomorrow.id)).toEqual([
      '1/PT20S/email/cancelled',
      '1/PT20S/inapp/cancelled',
      '2/PT20S/email/scheduled',
      '2/PT20S/inapp/scheduled',
    ]);
  });

  it('continues as new and keeps its history under a fixed bound', async () => {
    const series = world.stack.api.get(SeriesService);
    const principal = { kind: 'admin-token' } as const;
    const historyLimit = 60;
    const created = await series.create(
      seriesBody(world.cast, {
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
    const latest = await waitFor(
      'a new run of the series workflow',
      () => client.workflow.getHandle(seriesWorkflowId(created.id)).describe(),
      (d) => d.runId !== firstRun && d.status.name === 'RUNNING',
    );
    // A bound, not a count: how many events a run takes before it continues depends on how the worker batched the updates.
    expect(latest.historyLength).toBeLessThan(historyLimit + 40);
    // Every run but the current one continued as new (the visibility store lags the runs a little).
    const runs = await waitFor(
      'the runs of the series workflow listed',
      async () => {
        const listed = [];
        for await (const run of client.workflow.list({ query: `WorkflowId = '${seriesWorkflowId(created.id)}'` })) listed.push(run);
        return listed.map((r) => ({ runId: r.runId, status: r.status.name }));
      },
      (listed) => listed.some((r) => r.runId === latest.runId && r.status === 'RUNNING') && listed.some((r) => r.runId === firstRun),
    );
    expect(runs.filter((r) => r.status !== 'CONTINUED_AS_NEW')).toEqual([{ runId: latest.runId, status: 'RUNNING' }]);
    expect(runs.find((r) => r.runId === firstRun)).toEqual({ runId: firstRun, status: 'CONTINUED_AS_NEW' });
    // Still exactly the horizon of occurrences, not one more, across the runs.
    expect(await occurrencesOf(created.id)).toHaveLength(2);
  });
});
