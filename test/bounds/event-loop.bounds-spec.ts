import { randomUUID } from 'node:crypto';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { Response, Test } from 'supertest';
import { ADMIN_TOKEN } from '../support/stack';
import { createSeries, seriesBody, useStack } from '../support/exchanges';
import { requestBody, supportCast, SupportCast } from '../support/support-requests';
import { answered } from '../support/typed-client';

/**
 * Issue 17, point 2: no request stalls the API. The API runs in this process, so the event loop
 * sampled here is the one that serves it. The adversarial requests below are sent one after another
 * while `/health/live` is polled; each must be refused with a 4xx naming its problem, and every
 * probe of `/health/live` must be answered. The longest the event loop was held (target: under
 * 100 ms) and the slowest `/health/live` answer (target: under 1 s) are printed, not asserted: no
 * test asserts a duration (docs/testing.md). scripts/test.sh runs this suite alone, so the figures
 * are the API's. Each request is sent once before the sampled burst, so that what is measured is
 * the API at work rather than the first compilation of its code paths.
 */

/** The bounds on a stall: the event loop held, and a liveness probe kept waiting. */

/** A rule that never gives an occurrence: there is no 31 February. */
const NEVER = 'FREQ=DAILY;BYMONTH=2;BYMONTHDAY=31';
/** 24 × 60 × 60 starts a day: rrule would list 31 million in the first year before counting them. */
const EVERY_SECOND = `FREQ=DAILY;BYHOUR=${range(24)};BYMINUTE=${range(60)};BYSECOND=${range(60)}`;

interface Probe {
  name: string;
  send: () => Test;
  /**
   * The status it must get (a 400 for what breaks the API document, a 422 for a rule the document allows
   * but that is refused: no occurrence, too many, a start before the allowed range), and what its message must name.
   */
  status: number;
  names: RegExp;
}

describe('event loop under adversarial input', () => {
  const world = useStack(0);
  const bearer = { type: 'bearer' } as const;
  let cast: SupportCast;
  let seriesId: string;

  const dtstart = () => `${new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10)}T10:00`;
  /** Requests as `token`, their bodies serialised now: the client's own work stays out of the sampled window. */
  const as = (token: string) => {
    const request =
      (method: 'post' | 'patch' | 'put' | 'get') =>
      (path: string, body?: object): (() => Test) => {
        const payload = body === undefined ? undefined : JSON.stringify(body);
        return () => {
          const req = world.stack.http()[method](path).auth(token, bearer);
          return payload === undefined ? req : req.set('Content-Type', 'application/json').send(payload);
        };
      };
    return { post: request('post'), patch: request('patch'), put: request('put'), get: request('get') };
  };
  const series = (overrides: Record<string, unknown> = {}) =>
    seriesBody(
      { un: cast.requesting, nato: cast.providing },
      {
        rrule: 'FREQ=WEEKLY',
        dtstart: dtstart(),
        timezone: 'Europe/Brussels',
        horizon: 1,
        ...overrides,
      },
    );
  const exchange = (overrides: Record<string, unknown>) => ({
    title: `Event loop ${randomUUID().slice(0, 6)}`,
    level: 'working',
    areas: ['POC'],
    organizations: [cast.requesting, cast.providing],
    hostOrganization: cast.requesting,
    startsAt: new Date(Date.now() + 40 * 86_400_000).toISOString(),
    durationMinutes: 60,
    timezone: 'Europe/Brussels',
    participantIds: [],
    ...overrides,
  });
  const distinct = (n: number, prefix = 'A') => Array.from({ length: n }, (_, i) => `${prefix}${i}`);

  beforeAll(async () => {
    cast = await supportCast(world.stack);
    seriesId = (await answered('fixture series', 201, createSeries(world.stack, cast.requester, series()))).id;
  });

  function probes(): Probe[] {
    const requester = as(cast.requester.token);
    const admin = as(ADMIN_TOKEN);
    const preview = (body: object) =>
      requester.post('/v1/series/preview', { dtstart: dtstart(), timezone: 'Europe/Brussels', count: 5, ...body });
    return [
      {
        name: 'preview of a rule that never matches',
        send: preview({ rrule: NEVER }),
        status: 422,
        names: /rrule: this rule gives no occurrence before \d{4}-\d{2}-\d{2}/,
      },
      {
        name: 'preview of a rule that first matches in 2044 (29 February on a Monday)',
        send: preview({ rrule: 'FREQ=DAILY;BYMONTH=2;BYMONTHDAY=29;BYDAY=MO', dtstart: '2027-01-04T10:00' }),
        status: 422,
        names: /no occurrence before 2037-01-04/,
      },
      {
        name: 'preview of a rule with a start every second',
        send: preview({ rrule: EVERY_SECOND }),
        status: 422,
        names: /rrule: more than \d+ occurrences a year/,
      },
      { name: 'preview of a billion starts', send: preview({ rrule: 'FREQ=DAILY', count: 1e9 }), status: 400, names: /count/ },
      {
        name: 'POST /v1/series with a rule that never matches',
        send: requester.post('/v1/series', series({ rrule: NEVER })),
        status: 422,
        names: /no occurrence before/,
      },
      {
        name: 'PATCH /v1/series/:id to a rule that never matches',
        send: requester.patch(`/v1/series/${seriesId}`, { rrule: NEVER }),
        status: 422,
        names: /no occurrence before/,
      },
      {
        name: 'a preview with 40,000 exdates',
        send: preview({ rrule: 'FREQ=DAILY', exdates: distinct(40_000, '2027-01-01T') }),
        status: 400,
        names: /exdates/,
      },
      {
        name: 'an exchange with 60,000 distinct areas',
        send: requester.post('/v1/exchanges', exchange({ areas: distinct(60_000) })),
        status: 400,
        names: /areas/,
      },
      {
        name: 'an exchange with 60,000 distinct reminder offsets',
        send: requester.post('/v1/exchanges', exchange({ reminderOffsets: Array.from({ length: 60_000 }, (_, i) => `PT${i + 1}M`) })),
        status: 400,
        names: /reminderOffsets/,
      },
      {
        name: 'an exchange with 20,000 distinct participants',
        send: requester.post('/v1/exchanges', exchange({ participantIds: Array.from({ length: 20_000 }, () => randomUUID()) })),
        status: 400,
        names: /participantIds/,
      },
      {
        name: 'an exchange whose title is 900,000 characters',
        send: requester.post('/v1/exchanges', exchange({ title: 'x'.repeat(900_000) })),
        status: 400,
        names: /title/,
      },
      {
        name: 'a support request with 30,000 links',
        send: requester.post('/v1/support-requests', requestBody(cast, { links: distinct(30_000, 'https://e.org/') })),
        status: 400,
        names: /links/,
      },
      {
        // neededBy drives no loop (service levels run on the submission time): accepted, and quickly.
        name: 'a support request needed by 31 December 9999',
        send: requester.post('/v1/support-requests', requestBody(cast, { neededBy: '9999-12-31' })),
        status: 201,
        names: /.*/,
      },
      {
        name: 'a calendar with 60,000 holidays',
        send: admin.put(`/v1/organizations/${cast.outsider.organization}/calendar`, { weekend: [], holidays: distinct(60_000, '2027-') }),
        status: 400,
        names: /holidays/,
      },
      {
        name: 'a person with 60,000 roles',
        send: admin.patch(`/v1/people/${cast.requesterParticipant.id}`, { roles: distinct(60_000) }),
        status: 400,
        names: /roles/,
      },
      {
        name: 'POST /v1/series starting in 1900 (every expansion walks from the start)',
        send: requester.post('/v1/series', series({ rrule: 'FREQ=DAILY', dtstart: '1900-01-01T10:00' })),
        status: 422,
        names: /dtstart/,
      },
      {
        name: 'a list filter of 8,000 characters',
        send: requester.get(`/v1/exchanges?area=${'x'.repeat(8000)}`),
        status: 400,
        names: /area/,
      },
      {
        name: 'a cursor of 8,000 characters',
        send: requester.get(`/v1/exchanges?cursor=${'x'.repeat(8000)}`),
        status: 400,
        names: /cursor/,
      },
    ];
  }

  it('refuses each adversarial request with a 4xx naming its problem, the API live throughout', async () => {
    // Once each beforehand, unsampled: the bound is on a running API, not on compiling its code paths the first time.
    for (const probe of probes()) await probe.send();
    const list = probes();
    const health: number[] = [];
    let polling = true;
    const poll = (async () => {
      while (polling) {
        const started = performance.now();
        await world.stack.http().get('/health/live').expect(200);
        health.push(performance.now() - started);
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    })();

    const delay = monitorEventLoopDelay({ resolution: 10 });
    delay.enable();
    // One after another, each while /health/live is polled: the bound is on what one request may hold.
    const answers: Array<{ probe: Probe; res: Response; ms: number }> = [];
    for (const probe of list) {
      const started = performance.now();
      const res = await probe.send();
      answers.push({ probe, res, ms: performance.now() - started });
    }
    delay.disable();
    polling = false;
    await poll;

    const maxDelayMs = delay.max / 1e6;
    console.log(
      `event loop: max delay ${maxDelayMs.toFixed(1)} ms, p99 ${(delay.percentile(99) / 1e6).toFixed(1)} ms; ` +
        `slowest request ${Math.round(Math.max(...answers.map((a) => a.ms)))} ms; /health/live answered ${health.length} times, ` +
        `slowest ${Math.round(Math.max(...health))} ms\n` +
        answers.map(({ probe, res, ms }) => `  ${probe.name}: ${res.status} in ${Math.round(ms)} ms`).join('\n'),
    );
    const wrong = answers
      .filter(({ probe, res }) => res.status !== probe.status || !probe.names.test(String(res.body?.message)))
      .map(({ probe, res }) => `${probe.name}: ${res.status} ${String(res.body?.message).slice(0, 200)}`);
    expect(wrong).toEqual([]);
    // The API stayed live the whole time: every probe of /health/live was answered 200 (`.expect`
    // above). How long the loop was held is a figure, printed above and compared with its target
    // (100 ms) by a person or a bench script, not asserted: a timed assertion fails on a busy machine
    // for no fault of the API (docs/testing.md).
    expect(health.length).toBeGreaterThan(0);
  });
});

function range(n: number): string {
  return Array.from({ length: n }, (_, i) => i).join(',');
}
