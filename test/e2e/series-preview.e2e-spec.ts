import { RFC5545_EXAMPLES, RFC5545_SUB_DAILY } from '../fixtures/rfc5545-examples';
import { DateTime } from 'luxon';
import { useStack } from '../support/exchanges';

/** POST /v1/series/preview gives exactly the dates RFC 5545 §3.8.5.3 lists, and refuses what it should. */
describe('series preview', () => {
  const world = useStack(0);
  const preview = (body: object) =>
    world.stack.http().post('/v1/series/preview').auth(world.cast.unCoordinator.token, { type: 'bearer' }).send(body);

  it.each(RFC5545_EXAMPLES.map((e) => [e.name, e] as const))('gives the RFC dates for %s', async (_name, example) => {
    const res = await preview({
      rrule: example.rrule,
      dtstart: example.dtstart,
      timezone: 'America/New_York',
      exdates: example.exdates,
      count: example.dates.length,
    }).expect(200);
    expect(res.body.timezone).toBe('America/New_York');
    expect(res.body.starts).toEqual(example.dates.map((d) => DateTime.fromISO(`${d}T09:00`, { zone: 'America/New_York' }).toISO()));
    for (const start of res.body.starts as string[]) expect(start).toMatch(/T09:00:00\.000-0[45]:00$/);
  });

  it.each(RFC5545_SUB_DAILY)('refuses the sub-daily rule %s with a 422 that says why', async (rrule) => {
    const res = await preview({ rrule, dtstart: '1997-09-02T09:00', timezone: 'America/New_York', count: 5 }).expect(422);
    expect(res.body.code).toBe('SERIES.BAD_RULE');
    expect(res.body.details).toEqual([
      { field: 'rrule', problems: [expect.stringMatching(/FREQ must be DAILY, WEEKLY, MONTHLY or YEARLY/)] },
    ]);
  });

  // rrule's RFC 5545 grammar, dtstart's shape, the zone, the count and the fields are the document's
  // own (a 400); a rule of that grammar that Liaison does not take (sub-daily, above) is a 422.
  it.each([
    ['rrule', { rrule: 'NOT A RULE' }, 400],
    ['rrule', { rrule: 'FREQ=WEEKLY;BYDAY=TUESDAY' }, 400],
    ['dtstart', { dtstart: 'next tuesday' }, 400],
    ['dtstart', { dtstart: '2027-01-12T10:00 and more' }, 400],
    ['timezone', { timezone: 'Atlantis/Central' }, 400],
    ['count', { count: 1000 }, 400],
    ['unknown', { unknown: true }, 400],
  ])('names %s when it is wrong, with a %i', async (field, change, status) => {
    const res = await preview({
      rrule: 'FREQ=MONTHLY;BYDAY=2TU',
      dtstart: '2027-01-12T10:00',
      timezone: 'Europe/Brussels',
      count: 3,
      ...change,
    }).expect(status);
    expect(res.body.statusCode).toBe(status);
    expect(res.body.details.map((d: { field: string }) => d.field)).toEqual([field]);
  });

  it('keeps the wall-clock time across a daylight-saving change', async () => {
    const res = await preview({
      rrule: 'FREQ=MONTHLY;BYDAY=-1FR',
      dtstart: '2027-01-29T15:00',
      timezone: 'Europe/Brussels',
      count: 4,
    }).expect(200);
    expect(res.body.starts).toEqual([
      '2027-01-29T15:00:00.000+01:00',
      '2027-02-26T15:00:00.000+01:00',
      '2027-03-26T15:00:00.000+01:00',
      '2027-04-30T15:00:00.000+02:00',
    ]);
  });
});
