import fc from 'fast-check';
import { DateTime } from 'luxon';
import { eventually, sleep } from '../support/fixtures';
import { act, createSeries, seriesBody, useStack } from '../support/exchanges';

const ZONES = ['Europe/Brussels', 'America/New_York', 'Australia/Sydney'];
type Op =
  | { kind: 'amend-time'; hour: number }
  | { kind: 'amend-title' }
  | { kind: 'reschedule-one'; pick: number }
  | { kind: 'cancel-one'; pick: number }
  | { kind: 'restart-worker' };

/**
 * Property, on the real stack: whatever sequence of amendments, single reschedules, single
 * cancellations and worker restarts, a series never has two exchanges for one slot, and every
 * occurrence the series still governs starts where the preview says.
 */
describe('series properties', () => {
  const world = useStack(1);
  const token = () => world.cast.unCoordinator.token;
  const occurrences = async (id: string) =>
    (await world.stack.http().get(`/v1/series/${id}/exchanges?limit=100`).auth(token(), { type: 'bearer' }).expect(200)).body
      .items as Array<Record<string, any>>;

  it('keeps one exchange per slot and agrees with the preview after any sequence of changes', async () => {
    const op: fc.Arbitrary<Op> = fc.oneof(
      fc.record({ kind: fc.constant('amend-time' as const), hour: fc.integer({ min: 0, max: 23 }) }),
      fc.record({ kind: fc.constant('amend-title' as const) }),
      fc.record({ kind: fc.constant('reschedule-one' as const), pick: fc.nat() }),
      fc.record({ kind: fc.constant('cancel-one' as const), pick: fc.nat() }),
      fc.record({ kind: fc.constant('restart-worker' as const) }),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...ZONES),
        fc.constantFrom('FREQ=DAILY', 'FREQ=WEEKLY;BYDAY=MO,TH', 'FREQ=MONTHLY;BYDAY=2TU,-1FR'),
        fc.integer({ min: 6, max: 20 }),
        fc.array(op, { minLength: 2, maxLength: 5 }),
        async (zone, rrule, hour, ops) => {
          const dtstart = DateTime.now().setZone(zone).plus({ days: 2 }).set({ hour, minute: 0, second: 0, millisecond: 0 });
          const created = await createSeries(
            world.stack,
            world.cast.unCoordinator,
            seriesBody({ rrule, dtstart: dtstart.toFormat("yyyy-MM-dd'T'HH:mm"), timezone: zone, reminderOffsets: ['PT1H'], horizon: 3 }),
          ).expect(201);
          const id = created.body.id as string;
          await eventually(async () => ((await occurrences(id)).length >= 3 ? true : undefined), 20_000, 'the horizon materialised');

          let currentHour = hour;
          for (const step of ops) {
            const live = (await occurrences(id)).filter((e) => e.status === 'scheduled');
            if (step.kind === 'amend-time') {
              currentHour = step.hour;
              await world.stack
                .http()
                .patch(`/v1/series/${id}`)
                .auth(token(), { type: 'bearer' })
                .send({ dtstart: dtstart.set({ hour: step.hour }).toFormat("yyyy-MM-dd'T'HH:mm") })
                .expect(200);
            } else if (step.kind === 'amend-title') {
              await world.stack
                .http()
                .patch(`/v1/series/${id}`)
                .auth(token(), { type: 'bearer' })
                .send({ title: `Amended ${Date.now()}` })
                .expect(200);
            } else if (step.kind === 'restart-worker') {
              await world.stack.stopWorker();
              await world.stack.startWorker();
            } else if (live.length > 0) {
              const target = live[step.pick % live.length];
              if (Date.parse(target.startsAt as string) <= Date.now() + 60_000) continue;
              if (step.kind === 'reschedule-one') {
                const later = new Date(Date.parse(target.startsAt as string) + 3 * 3600_000).toISOString();
                await act(world.stack, world.cast.unCoordinator, target.id as string, 'reschedule', {
                  startsAt: later,
                  reason: 'property',
                }).expect(200);
              } else {
                await act(world.stack, world.cast.unCoordinator, target.id as string, 'cancel', { reason: 'property' }).expect(200);
              }
            }
          }
          await sleep(1500);

          const final = await occurrences(id);
          const slotDates = final.map((e) => DateTime.fromISO(e.slotStart as string, { zone }).toISODate());
          expect(new Set(slotDates).size).toBe(final.length);

          const series = (await world.stack.http().get(`/v1/series/${id}`).auth(token(), { type: 'bearer' }).expect(200)).body;
          const preview = (
            await world.stack
              .http()
              .post('/v1/series/preview')
              .auth(token(), { type: 'bearer' })
              .send({ rrule: series.rrule, dtstart: series.dtstart, timezone: zone, count: 60 })
              .expect(200)
          ).body.starts as string[];
          const byDate = new Map(preview.map((s) => [DateTime.fromISO(s, { zone }).toISODate(), s]));
          for (const exchange of final.filter((e) => !e.detached && e.status === 'scheduled')) {
            const expected = byDate.get(DateTime.fromISO(exchange.startsAt as string, { zone }).toISODate());
            expect(exchange.startsAt).toBe(expected);
            expect(DateTime.fromISO(exchange.startsAt as string, { zone }).hour).toBe(currentHour);
          }
          await world.stack.http().post(`/v1/series/${id}/end`).auth(token(), { type: 'bearer' }).expect(200);
        },
      ),
      { numRuns: 5 },
    );
  });
});
