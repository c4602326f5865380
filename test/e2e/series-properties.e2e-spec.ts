import fc from 'fast-check';
import { DateTime } from 'luxon';
import { waitFor } from '../support/fixtures';
import { act, createSeries, seriesBody, useStack } from '../support/exchanges';
import { answered } from '../support/typed-client';
import { changeWall, isoDate, isoWeekday, localDate, placeByRfc, Transition, upcomingTransitions } from '../support/dst';

const DAY = 24 * 3600_000;
const CASES = 25;
/**
 * What the property may take in all. A case takes about 1 s on a quiet machine, longer beside
 * other test files on a busy one (the whole property went past 120 s in a CI run). A worker restart
 * can add one workflow task timeout (10 s): a task the old worker's sticky poller took while it was
 * shutting down is lost with it, and Temporal hands it to the new worker once the task's
 * start-to-close timeout has passed. 25 cases draw about five restarts (one operation in twelve).
 * Past the budget the property fails, saying so, before Jest's timeout, and the case still running
 * stops at its next step, so that the stack is not stopped under it.
 */
const BUDGET_MS = 300_000;

/**
 * Real DST transitions between 40 and 400 days ahead (test/support/dst.ts), in both hemispheres,
 * Santiago's at midnight and Lord Howe's 30-minute one: a series starts a little before one, so
 * the occurrences it materialises straddle it whatever today's date.
 */
const TRANSITIONS = upcomingTransitions(Date.now(), 40, 400);

const RULES = {
  /** From the day before the change: three days straddle it. */
  daily: { rrule: 'FREQ=DAILY', daysBefore: () => fc.constant(1) },
  /** From four to six days before: the first is before the change, the third a week later, after it. */
  weekly: { rrule: 'FREQ=WEEKLY;BYDAY=MO,TH', daysBefore: () => fc.integer({ min: 4, max: 6 }) },
  /** From the last second Tuesday or last Friday of a month before the change. */
  monthly: { rrule: 'FREQ=MONTHLY;BYDAY=2TU,-1FR', daysBefore: (day: number) => fc.constant((day - lastMonthlyBefore(day)) / DAY) },
};

/** The latest date before `day` (UTC ms of 00:00) that is a second Tuesday or a last Friday of its month. */
function lastMonthlyBefore(day: number): number {
  for (let d = day - DAY; ; d -= DAY) {
    const date = new Date(d);
    const secondTuesday = isoWeekday(d) === 2 && date.getUTCDate() > 7 && date.getUTCDate() <= 14;
    const lastFriday = isoWeekday(d) === 5 && new Date(d + 7 * DAY).getUTCMonth() !== date.getUTCMonth();
    if (secondTuesday || lastFriday) return d;
  }
}

/** A transition, a rule, and dtstart's date and hour: the hour the gap or overlap begins in, or a working hour. */
const starts = fc.constantFrom(...TRANSITIONS).chain((t: Transition) => {
  const { date, minuteOfDay } = changeWall(t);
  return fc.constantFrom(...(Object.keys(RULES) as Array<keyof typeof RULES>)).chain((kind) =>
    fc.record({
      t: fc.constant(t),
      rrule: fc.constant(RULES[kind].rrule),
      date: RULES[kind].daysBefore(date).map((before) => date - before * DAY),
      hour: fc.oneof(fc.constant(Math.ceil(minuteOfDay / 60) % 24), fc.integer({ min: 6, max: 20 })),
    }),
  );
});

type Start = typeof starts extends fc.Arbitrary<infer T> ? T : never;

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

  it('finds upcoming transitions both ways in several zones', () => {
    const zones = new Set(TRANSITIONS.map((t) => t.zone));
    expect(zones.size).toBeGreaterThanOrEqual(4);
    expect(new Set(TRANSITIONS.map((t) => t.after > t.before))).toEqual(new Set([true, false]));
  });

  it(
    'keeps one exchange per slot and agrees with the preview after any sequence of changes, across DST changes',
    async () => {
      const op: fc.Arbitrary<Op> = fc.oneof(
        { weight: 3, arbitrary: fc.record({ kind: fc.constant('amend-time' as const), hour: fc.integer({ min: 0, max: 23 }) }) },
        { weight: 2, arbitrary: fc.record({ kind: fc.constant('amend-title' as const) }) },
        { weight: 3, arbitrary: fc.record({ kind: fc.constant('reschedule-one' as const), pick: fc.nat() }) },
        { weight: 3, arbitrary: fc.record({ kind: fc.constant('cancel-one' as const), pick: fc.nat() }) },
        { weight: 1, arbitrary: fc.record({ kind: fc.constant('restart-worker' as const) }) },
      );
      let outOfTime = false;
      let running: Promise<unknown> = Promise.resolve();
      /** Throws once the budget is spent: the case in flight goes no further. */
      const inTime = () => {
        if (outOfTime) throw new Error(`the property went past its budget of ${BUDGET_MS} ms`);
      };
      const runCase = async ({ t, rrule, date, hour }: Start, ops: Op[]) => {
        const zone = t.zone;
        const dtstart = (h: number) => `${isoDate(date)}T${String(h).padStart(2, '0')}:00`;
        const created = await answered(
          'create series',
          201,
          createSeries(
            world.stack,
            world.cast.unCoordinator,
            seriesBody(world.cast, {
              rrule,
              dtstart: dtstart(hour),
              timezone: zone,
              reminderOffsets: ['PT1H'],
              horizon: 3,
            }),
          ),
        );
        const id = created.id;
        const first = await waitFor(
          'the horizon materialised',
          () => occurrences(id),
          (made) => made.length === 3,
        );
        // The generator's promise: the materialised occurrences lie on both sides of the change.
        const instants = first.map((e) => Date.parse(e.startsAt as string)).sort((a, b) => a - b);
        expect([instants[0] < t.at, instants[2] > t.at]).toEqual([true, true]);

        let currentHour = hour;
        for (const step of ops) {
          inTime();
          const live = (await occurrences(id)).filter((e) => e.status === 'scheduled');
          if (step.kind === 'amend-time') {
            currentHour = step.hour;
            await world.stack
              .http()
              .patch(`/v1/series/${id}`)
              .auth(token(), { type: 'bearer' })
              .send({ dtstart: dtstart(step.hour) })
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
              await answered(
                'reschedule',
                200,
                act(world.stack, world.cast.unCoordinator, target.id as string, 'reschedule', { startsAt: later, reason: 'property' }),
              );
            } else {
              await answered(
                'cancel',
                200,
                act(world.stack, world.cast.unCoordinator, target.id as string, 'cancel', { reason: 'property' }),
              );
            }
          }
        }
        // Once the series has applied every operation, each live occurrence is where the rule puts it on
        // that day: the same instant as the API's own preview and as RFC 5545's DST rule read from Intl.
        const mismatches = async () => {
          const final = await occurrences(id);
          const slotDates = final.map((e) => DateTime.fromISO(e.slotStart as string, { zone }).toISODate());
          const problems: string[] = [];
          if (new Set(slotDates).size !== final.length) problems.push(`two occurrences on one date: ${slotDates.join(', ')}`);
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
            const startsAt = Date.parse(exchange.startsAt as string);
            const expected = byDate.get(DateTime.fromMillis(startsAt, { zone }).toISODate());
            if (exchange.startsAt !== expected) problems.push(`${exchange.startsAt as string}: the preview says ${String(expected)}`);
            // The hour on the zone's clock that day, by RFC 5545's DST rule, from Intl's offsets (not the API's code).
            const day = new Date(localDate(zone, startsAt));
            const wall = { year: day.getUTCFullYear(), month: day.getUTCMonth() + 1, day: day.getUTCDate(), hour: currentHour, minute: 0 };
            const rfc = new Date(placeByRfc(zone, wall)).toISOString();
            if (new Date(startsAt).toISOString() !== rfc) problems.push(`${exchange.startsAt as string}: RFC 5545 says ${rfc}`);
          }
          return problems;
        };
        inTime();
        expect(await waitFor(`series ${id} consistent with its rule`, mismatches, (problems) => problems.length === 0)).toEqual([]);
        await world.stack.http().post(`/v1/series/${id}/end`).auth(token(), { type: 'bearer' }).expect(200);
      };
      try {
        await fc.assert(
          fc.asyncProperty(starts, fc.array(op, { minLength: 1, maxLength: 4 }), (start, ops) => {
            const run = runCase(start, ops);
            running = run.catch(() => undefined);
            return run;
          }),
          { numRuns: CASES, plugins: [fc.interruptAfterTimeLimit(BUDGET_MS, { failOnInterrupt: true })] },
        );
      } finally {
        outOfTime = true;
        await running;
      }
    },
    BUDGET_MS + 60_000,
  );
});
