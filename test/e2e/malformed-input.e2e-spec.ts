import fc from 'fast-check';
import { randomUUID } from 'node:crypto';
import type { Response, Test } from 'supertest';
import { DateTime } from 'luxon';
import { DataSource } from 'typeorm';
import { BAD_INSTANTS, BAD_UUIDS, Fields, injection, INJECTIONS, malformedBody, short } from '../support/arbitraries';
import { WAIT_MS, waitFor } from '../support/fixtures';
import { createExchange, exchangeBody, remindersOf, useStack } from '../support/exchanges';
import { ADMIN_TOKEN } from '../support/stack';
import { requestBody, submit, supportCast, SupportCast } from '../support/support-requests';

/**
 * Property, on the real stack: hundreds of generated malformed requests across the API (wrong
 * types, missing and unknown fields, huge strings, bad dates, zones and durations, injection
 * strings, deep nesting, prototype keys, malformed ids, bad tokens) each get a 4xx in the brief's
 * error shape, never a 5xx, and the database holds exactly what it held before.
 *
 * Every generated body carries at least one change the endpoint's DTO forbids (injection strings
 * alone may be valid input, so they only ride along). Each property runs all its cases and reports
 * every failing one, grouped. The defects the properties found are pinned, one request each, at the
 * end (after the database check, since some of them do write).
 *
 * The seed is printed at the end and in every failure; FC_SEED=<n> replays it.
 */

type Body = Record<string, unknown>;
type Method = 'get' | 'post' | 'put' | 'patch';

interface Attempt {
  method: Method;
  path: string;
  /** The `Authorization` header; null: none. */
  authorization: string | null;
  /** An object is sent as JSON, a string as it is. */
  body?: Body | string;
  contentType?: string;
  what: string[];
  /** The statuses this attempt may get; each a 4xx. */
  expect: number[];
}

interface Endpoint {
  name: string;
  method: Exclude<Method, 'get'>;
  /** The path on a real target, or with `id` in place of the target's id. */
  path: (id?: string) => string;
  token: () => string;
  valid: () => Body;
  fields: Fields;
}

interface ListEndpoint {
  name: string;
  path: (id?: string) => string;
  token: () => string;
  params: Fields;
  /** Parameters where any string is a valid filter. */
  freeText: string[];
  cursor: 'keyset' | 'audit';
}

type QueryValue = string | string[] | Record<string, string>;

/** Every refusal the API may give malformed input (415: a body that is not JSON). */
const ALLOWED = [400, 401, 403, 404, 409, 413, 415, 422];
const BODY_LIMIT = 1024 * 1024;
/** The longest cursor (a string, as the document says) and free-text filter the document allows. */
const MAX_CURSOR = 200;
const MAX_FILTER = 64;
const STACK_TRACE = /at \w+ \(|node_modules/;
/** Several hundred requests a minute from one address and token: the rate limits must not answer them. */
const NO_RATE_LIMITS = { RATE_LIMIT_PER_ADDRESS: '1000000', RATE_LIMIT_PER_TOKEN: '1000000' };
const LEVELS = ['senior', 'working'] as const;
const LANGUAGES = ['en', 'fr'] as const;
const MARKINGS = ['UNMARKED', 'RESTRICTED'] as const;
/** How many generated requests each property sends (all of them, whatever fails). */
const PLANNED_RUNS: Record<string, number> = {
  'organizations and people': 70,
  exchanges: 80,
  'agenda, minutes, action items': 80,
  series: 70,
  'support requests': 50,
  'support-request steps': 70,
  'list queries': 80,
  'injection strings in filters': 40,
  'malformed ids': 50,
  'tokens and roles': 40,
  'not a JSON object of the DTO': 40,
  'adversarial sizes': 40,
};
/** One seed for every property of a run; FC_SEED=<n> replays the same requests (on fixtures with new ids). */
const SEED = process.env.FC_SEED ? Number(process.env.FC_SEED) : Math.floor(Math.random() * 2 ** 31);

describe('malformed input (property)', () => {
  const world = useStack(0, NO_RATE_LIMITS);
  const http = () => world.stack.http();
  /** In every name, title, code and e-mail this test generates, so that a row written for one is found. */
  const tag = randomUUID().replace(/-/g, '').slice(0, 6).toUpperCase();
  const runs: Record<string, number> = {};
  let sent = 0;

  let cast: SupportCast;
  let exchangeId: string;
  let agendaItemId: string;
  let actionItemId: string;
  let seriesId: string;
  let requestId: string;
  let ownIds: string[] = [];
  let before: Snapshot;

  const bearer = (token: string) => `Bearer ${token}`;
  const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().replace(/\.\d{3}Z$/, 'Z');
  const localIn = (days: number) => `${inDays(days).slice(0, 11)}10:00`;
  /** The support cast's two organisations, as exchangeBody takes them (the requesting one hosts). */
  const sides = () => ({ un: cast.requesting, nato: cast.providing });

  // ------------------------------------------------------------------ the database, before and after

  type Snapshot = Record<string, { rows: number; md5: string }>;

  /**
   * Per application table, the count and checksum of the rows that mention this test's ids, codes
   * or tag (other test files may write to the same database meanwhile). Tokens' `last_used_at` is
   * left out: authenticating writes it, at most once a minute, whatever the request.
   */
  async function snapshot(): Promise<Snapshot> {
    const db = world.stack.api.get(DataSource);
    const tables: Array<{ tablename: string }> = await db.query(
      `SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'migrations' ORDER BY tablename`,
    );
    const pattern = [tag, ...ownIds].map((s) => s.replace(/[^A-Za-z0-9-]/g, '')).join('|');
    const result: Snapshot = {};
    for (const { tablename } of tables) {
      const [row] = await db.query<Array<{ rows: number; md5: string }>>(
        `SELECT count(*)::int AS rows, coalesce(md5(string_agg(j, '|' ORDER BY j)), '') AS md5
           FROM (SELECT (to_jsonb(t) - 'last_used_at')::text AS j FROM "${tablename}" t) s WHERE j ~* $1`,
        [pattern],
      );
      result[tablename] = row;
    }
    return result;
  }

  /**
   * The snapshot once the fixtures' workflows have written what they write at creation (their
   * reminders planned, the series' occurrence made): two snapshots alike, taken one poll apart, after
   * those writes were seen, so that what the properties are checked against is not still moving.
   */
  async function settledSnapshot(fixturesPlanned: () => Promise<unknown>): Promise<Snapshot> {
    await fixturesPlanned();
    let previous: Snapshot | undefined;
    return waitFor(
      "the fixtures' rows settled (a snapshot like the one before it)",
      async () => {
        const next = await snapshot();
        const settled = previous !== undefined && JSON.stringify(next) === JSON.stringify(previous);
        previous = next;
        return { settled, snapshot: next };
      },
      (seen) => seen.settled,
    ).then((seen) => seen.snapshot);
  }

  // ------------------------------------------------------------------ fixtures: one real target of each kind

  function seriesValid(): Body {
    return {
      title: `Malformed ${tag} series`,
      level: 'working',
      areas: ['POC'],
      organizations: [cast.requesting, cast.providing],
      hostRotation: [cast.requesting, cast.providing],
      durationMinutes: 60,
      participantIds: [],
      rrule: 'FREQ=WEEKLY',
      dtstart: localIn(90),
      timezone: 'Europe/Brussels',
      reminderOffsets: ['PT1H'],
      horizon: 1,
    };
  }

  beforeAll(async () => {
    cast = await supportCast(world.stack);
    const asPerson = { type: 'bearer' } as const;
    const created = async (req: Test) => {
      const res = await req;
      if (res.status !== 201) throw new Error(`fixture: ${res.status} ${JSON.stringify(res.body)}`);
      return res.body.id as string;
    };
    exchangeId = (
      await createExchange(
        world.stack,
        cast.requester,
        exchangeBody(sides(), {
          title: `Malformed ${tag} fixture`,
          organizations: [cast.requesting, cast.providing],
          hostOrganization: cast.requesting,
          startsAt: inDays(60),
          participantIds: [cast.requesterParticipant.id],
          reminderOffsets: ['PT1H'],
        }),
      )
    ).id as string;
    agendaItemId = await created(
      http()
        .post(`/v1/exchanges/${exchangeId}/agenda`)
        .auth(cast.requester.token, asPerson)
        .send({ title: `Agenda ${tag}`, area: 'POC' }),
    );
    actionItemId = await created(
      http()
        .post(`/v1/exchanges/${exchangeId}/action-items`)
        .auth(cast.requester.token, asPerson)
        .send({ title: `Action ${tag}`, ownerId: cast.requesterParticipant.id, dueAt: inDays(70) }),
    );
    seriesId = await created(http().post('/v1/series').auth(cast.requester.token, asPerson).send(seriesValid()));
    // horizon: 1, so the series makes one occurrence.
    const occurrences = await waitFor(
      'the series occurrence',
      async () =>
        (await http().get(`/v1/series/${seriesId}/exchanges`).auth(cast.requester.token, asPerson).expect(200)).body.items as Array<{
          id: string;
        }>,
      (items) => items.length === 1,
    );
    requestId = (await submit(world.stack, cast, { title: `Support ${tag}` })).id as string;

    const codes = [cast.requesting, cast.providing, cast.outsider.organization];
    const organizations = (await http().get('/v1/organizations').auth(ADMIN_TOKEN, asPerson).expect(200)).body.items as Array<{
      id: string;
      code: string;
    }>;
    const people = [cast.requester, cast.requesterParticipant, cast.provider, cast.providerSenior, cast.assignee, cast.outsider];
    ownIds = [
      ...codes,
      ...organizations.filter((o) => codes.includes(o.code)).map((o) => o.id),
      ...people.map((p) => p.id),
      exchangeId,
      agendaItemId,
      actionItemId,
      seriesId,
      ...occurrences.map((o) => o.id),
      requestId,
    ];
    defineEndpoints();
    before = await settledSnapshot(async () => {
      // The fixture exchange's PT1H reminders of its participant, and the occurrence's (PT1H, nobody invited: none).
      await waitFor(
        "the fixture exchange's reminders planned",
        () => remindersOf(world.stack, cast.requester, exchangeId),
        (items) => items.length > 0 && items.every((r) => r.status === 'scheduled'),
      );
    });
  });

  afterAll(() => {
    const total = Object.values(runs).reduce((a, b) => a + b, 0);
    const lines = Object.entries(runs).map(([group, n]) => `  ${group}: ${n}`);
    console.log(
      `malformed input (FC_SEED=${SEED}): ${total} generated requests in ${Object.keys(runs).length} properties (${sent} sent in all)\n${lines.join('\n')}`,
    );
  });

  // ------------------------------------------------------------------ sending and checking

  async function send(attempt: Attempt): Promise<Response> {
    sent++;
    let req = http()[attempt.method](attempt.path);
    if (attempt.authorization !== null) req = req.set('Authorization', attempt.authorization);
    if (attempt.body === undefined) return req;
    req = req.set('Content-Type', attempt.contentType ?? 'application/json');
    return req.send(typeof attempt.body === 'string' ? attempt.body : JSON.stringify(attempt.body));
  }

  function describeAttempt(attempt: Attempt, res?: Response): string {
    const body = attempt.body === undefined ? '' : ` ${short(attempt.body)}`;
    const answer = res ? ` → ${res.status} ${res.body && Object.keys(res.body).length ? short(res.body) : short(res.text)}` : '';
    return `${attempt.method.toUpperCase()} ${attempt.path.slice(0, 160)} [${attempt.what.join('; ')}]${body}${answer}`;
  }

  /** What is wrong with the answer: not an expected 4xx, not the error shape, a stack trace; empty if nothing. */
  function problemsOf(attempt: Attempt, res: Response): string[] {
    const problems: string[] = [];
    if (res.status >= 500) problems.push(`a ${res.status}`);
    else if (!ALLOWED.includes(res.status)) problems.push(`a ${res.status}, not a 4xx`);
    else if (!attempt.expect.includes(res.status)) problems.push(`a ${res.status}, not ${attempt.expect.join(' or ')}`);
    const body = res.body as Record<string, unknown> | undefined;
    if (!/application\/json/.test(String(res.headers['content-type']))) problems.push('not JSON');
    if (body?.statusCode !== res.status) problems.push('no statusCode equal to the status');
    if (typeof body?.error !== 'string') problems.push('no error');
    if (typeof body?.message !== 'string') problems.push('no message');
    if (body?.details !== undefined && !Array.isArray(body.details)) problems.push('details not a list');
    if (STACK_TRACE.test(res.text ?? '')) problems.push('a stack trace');
    return problems;
  }

  /**
   * Runs the group's PLANNED_RUNS generated attempts, all of them (a failure does not stop the run), and fails
   * with every failing attempt grouped by endpoint and problem.
   */
  async function property(group: string, arbitrary: fc.Arbitrary<Attempt>, accept200 = false): Promise<void> {
    const numRuns = PLANNED_RUNS[group];
    runs[group] = 0;
    const failures = new Map<string, string[]>();
    await fc.assert(
      fc.asyncProperty(arbitrary, async (attempt) => {
        runs[group]++;
        const res = await send(attempt);
        const problems = accept200 && res.status === 200 ? [] : problemsOf(attempt, res);
        if (problems.length > 0) {
          const key = `${attempt.what[0]}: ${problems.join(', ')}`;
          failures.set(key, [...(failures.get(key) ?? []), describeAttempt(attempt, res)]);
        }
      }),
      { numRuns, seed: SEED },
    );
    if (failures.size > 0) {
      const report = [...failures].map(
        ([key, examples]) => `${key} (${examples.length} of ${numRuns}), e.g.\n      ${examples.slice(0, 3).join('\n      ')}`,
      );
      throw new Error(`${group} (FC_SEED=${SEED}): ${failures.size} kinds of wrong answer\n  - ${report.join('\n  - ')}`);
    }
  }

  /** Attempts that break an endpoint's body; a body over 1 MB must get a 413, any other a 400. */
  function malformed(endpoints: Endpoint[]): fc.Arbitrary<Attempt> {
    return fc.constantFrom(...endpoints).chain((endpoint) => {
      const textFields = Object.keys(endpoint.fields).filter((f) => endpoint.fields[f].kind === 'text');
      const huge = fc
        .tuple(
          fc.constantFrom(...(textFields.length ? textFields : ['padding'])),
          fc.integer({ min: BODY_LIMIT + 1, max: BODY_LIMIT + 200_000 }),
        )
        .map(([field, n]) => ({ body: { ...endpoint.valid(), [field]: 'x'.repeat(n) }, what: [`${field}: ${n} characters`] }));
      return fc
        .oneof({ weight: 40, arbitrary: malformedBody(endpoint.valid, endpoint.fields) }, { weight: 1, arbitrary: huge })
        .map(({ body, what }): Attempt => ({
          method: endpoint.method,
          path: endpoint.path(),
          authorization: bearer(endpoint.token()),
          body,
          what: [endpoint.name, ...what],
          expect: Buffer.byteLength(JSON.stringify(body)) > BODY_LIMIT ? [413] : [400],
        }));
    });
  }

  /**
   * Issue 17: sizes that made the API loop (60,000 distinct areas: 4.7 s in a pairwise uniqueness
   * check; a rule with no occurrence: 31 s walking to the year 9999). Each list field gets just over
   * its maximum, or up to 60,000 distinct items; each text field up to 900,000 characters (a 400, or a
   * 413 over 1 MB); each rule field a rule that never matches (only a 422: a string the document
   * allows, refused by the rule before anything is stored).
   */
  function adversarial(all: Endpoint[]): fc.Arbitrary<Attempt> {
    const lists = all.flatMap((endpoint) =>
      Object.entries(endpoint.fields).flatMap(([name, field]) => {
        const max = LIST_MAX[field.kind] ?? (field.kind === 'strings' ? field.max : undefined);
        return max === undefined ? [] : [{ endpoint, name, max, item: LIST_ITEM[field.kind] ?? ((i: number) => `X${i}`) }];
      }),
    );
    const texts = all.flatMap((endpoint) =>
      Object.entries(endpoint.fields).flatMap(([name, field]) => (field.kind === 'text' ? [{ endpoint, name, max: field.max }] : [])),
    );
    const rules = all.filter((endpoint) => 'rrule' in endpoint.fields);
    const attempt = (endpoint: Endpoint, name: string, value: unknown, what: string, status: 400 | 422 = 400): Attempt => {
      const body = { ...endpoint.valid(), [name]: value };
      return {
        method: endpoint.method,
        path: endpoint.path(),
        authorization: bearer(endpoint.token()),
        body,
        what: [endpoint.name, `${name}: ${what}`],
        expect: Buffer.byteLength(JSON.stringify(body)) > BODY_LIMIT ? [413] : [status],
      };
    };
    return fc.oneof(
      fc.tuple(fc.constantFrom(...lists), fc.nat(), fc.boolean()).map(([list, n, justOver]) => {
        const length = justOver ? list.max + 1 : list.max + 1 + (n % 60_000);
        return attempt(
          list.endpoint,
          list.name,
          Array.from({ length }, (_, i) => list.item(i)),
          `${length} distinct items`,
        );
      }),
      fc
        .tuple(fc.constantFrom(...texts), fc.integer({ min: 1, max: 900_000 }))
        .map(([text, extra]) => attempt(text.endpoint, text.name, 'x'.repeat(text.max + extra), `${text.max + extra} characters`)),
      fc
        .tuple(fc.constantFrom(...rules), fc.constantFrom(...NEVER_MATCHING_RULES))
        .map(([endpoint, rule]) => attempt(endpoint, 'rrule', rule, `${rule} (never matches)`, 422)),
    );
  }

  // ------------------------------------------------------------------ the endpoints and their DTO rules

  const followUp: Fields = {
    confirmationDeadline: { kind: 'duration' },
    escalateAfter: { kind: 'duration' },
    agendaFreeze: { kind: 'duration' },
    minutesDue: { kind: 'duration' },
    actionItemNotice: { kind: 'duration' },
    actionItemGrace: { kind: 'duration' },
  };
  const exchangeFields: Fields = {
    title: { kind: 'text', max: 300, required: true },
    level: { kind: 'enum', values: LEVELS, required: true },
    areas: { kind: 'strings', min: 1, max: 50, unique: true, required: true },
    organizations: { kind: 'strings', min: 1, max: 20, unique: true, required: true },
    hostOrganization: { kind: 'string', required: true },
    startsAt: { kind: 'instant', required: true },
    durationMinutes: { kind: 'int', min: 1, max: 1440, required: true },
    timezone: { kind: 'zone', required: true },
    participantIds: { kind: 'uuids', required: true },
    reminderOffsets: { kind: 'durations' },
    location: { kind: 'text', max: 500 },
    marking: { kind: 'enum', values: MARKINGS },
    ...followUp,
  };
  const seriesRule: Fields = {
    rrule: { kind: 'text', min: 6, max: 500, required: true },
    dtstart: { kind: 'text', min: 10, max: 40, required: true },
    timezone: { kind: 'zone', required: true },
    exdates: { kind: 'strings', max: 200 },
  };
  const seriesFields: Fields = {
    ...seriesRule,
    ...omit(exchangeFields, ['startsAt', 'hostOrganization', 'timezone']),
    hostRotation: { kind: 'strings', min: 1, max: 20, required: true },
    horizon: { kind: 'int', min: 1, max: 24 },
  };
  const amendFields: Fields = Object.fromEntries(
    [
      'title',
      'rrule',
      'dtstart',
      'exdates',
      'durationMinutes',
      'location',
      'participantIds',
      'reminderOffsets',
      'hostRotation',
      'horizon',
    ].map((f) => [f, { ...seriesFields[f], required: false }]),
  );
  const personFields: Fields = {
    name: { kind: 'text', max: 200, required: true },
    email: { kind: 'email', required: true },
    organization: { kind: 'text', max: 16, required: true },
    level: { kind: 'enum', values: LEVELS, required: true },
    roles: { kind: 'strings', max: 3, unique: true, required: true },
    timezone: { kind: 'zone', required: true },
    channels: { kind: 'object', fields: { email: { kind: 'bool', required: true }, webhookUrl: { kind: 'url' } } },
    quietHours: { kind: 'object', fields: { start: { kind: 'clock', required: true }, end: { kind: 'clock', required: true } } },
    language: { kind: 'enum', values: [...LANGUAGES, 'organization'] },
  };
  const supportFields: Fields = {
    title: { kind: 'text', max: 200, required: true },
    description: { kind: 'text', max: 10_000, required: true },
    requestingOrganization: { kind: 'text', max: 32, required: true },
    requestingUnit: { kind: 'text', max: 200, required: true },
    providingOrganization: { kind: 'text', max: 32, required: true },
    area: { kind: 'text', max: 64, required: true },
    a4pArea: { kind: 'text', max: 64, required: true },
    priority: { kind: 'enum', values: ['routine', 'priority', 'urgent'], required: true },
    neededBy: { kind: 'date', required: true },
    marking: { kind: 'enum', values: MARKINGS },
    links: { kind: 'urls' },
  };

  const requester = () => cast.requester.token;
  const provider = () => cast.provider.token;
  const admin = () => ADMIN_TOKEN;
  const onExchange =
    (rest = '') =>
    (id = exchangeId) =>
      `/v1/exchanges/${id}${rest}`;

  const endpoints: Record<string, Endpoint[]> = {};
  function defineEndpoints(): void {
    endpoints.directory = [
      {
        name: 'POST /v1/organizations',
        method: 'post',
        path: () => '/v1/organizations',
        token: admin,
        valid: () => ({
          code: `MF-${tag}`,
          name: `Malformed ${tag}`,
          timezone: 'Europe/Vienna',
          weekend: [6, 7],
          holidays: ['2027-12-25'],
        }),
        fields: {
          code: { kind: 'orgCode', required: true },
          name: { kind: 'text', max: 200, required: true },
          timezone: { kind: 'zone', required: true },
          weekend: { kind: 'weekdays' },
          holidays: { kind: 'holidays' },
          defaultLanguage: { kind: 'enum', values: LANGUAGES },
        },
      },
      {
        name: 'PUT /v1/organizations/:code/calendar',
        method: 'put',
        path: (code = cast.providing) => `/v1/organizations/${code}/calendar`,
        token: admin,
        valid: () => ({ weekend: [], holidays: ['2027-12-25'] }),
        fields: { weekend: { kind: 'weekdays', required: true }, holidays: { kind: 'holidays', required: true } },
      },
      {
        name: 'PUT /v1/organizations/:code/language',
        method: 'put',
        path: (code = cast.providing) => `/v1/organizations/${code}/language`,
        token: admin,
        valid: () => ({ defaultLanguage: 'en' }),
        fields: { defaultLanguage: { kind: 'enum', values: LANGUAGES, required: true } },
      },
      {
        name: 'POST /v1/people',
        method: 'post',
        path: () => '/v1/people',
        token: admin,
        valid: () => ({
          name: `Malformed ${tag}`,
          email: `mf-${tag.toLowerCase()}@example.org`,
          organization: cast.requesting,
          level: 'working',
          roles: ['participant'],
          timezone: 'Europe/Brussels',
          channels: { email: true, webhookUrl: 'https://hooks.example.org/x' },
          quietHours: { start: '22:00', end: '07:00' },
        }),
        fields: personFields,
      },
      {
        name: 'PATCH /v1/people/:id',
        method: 'patch',
        path: (id = cast.requesterParticipant.id) => `/v1/people/${id}`,
        token: requester,
        valid: () => ({
          name: `Malformed ${tag}`,
          level: 'senior',
          channels: { email: false },
          quietHours: { start: '21:00', end: '06:00' },
        }),
        // UpdatePersonDto: every field of the create body but organization, each optional
        fields: Object.fromEntries(Object.entries(omit(personFields, ['organization'])).map(([n, f]) => [n, { ...f, required: false }])),
      },
    ];
    endpoints.exchanges = [
      {
        name: 'POST /v1/exchanges',
        method: 'post',
        path: () => '/v1/exchanges',
        token: requester,
        valid: () =>
          exchangeBody(sides(), {
            title: `Malformed ${tag}`,
            organizations: [cast.requesting, cast.providing],
            hostOrganization: cast.requesting,
            startsAt: inDays(40),
            participantIds: [cast.requesterParticipant.id],
            reminderOffsets: ['P1D'],
            marking: 'RESTRICTED',
            confirmationDeadline: 'P7D',
          }),
        fields: exchangeFields,
      },
      {
        name: 'POST /v1/exchanges/:id/confirm',
        method: 'post',
        path: onExchange('/confirm'),
        token: requester,
        valid: () => ({ organization: cast.requesting }),
        fields: { organization: { kind: 'text', max: 16, required: true } },
      },
      {
        name: 'POST /v1/exchanges/:id/reschedule',
        method: 'post',
        path: onExchange('/reschedule'),
        token: requester,
        valid: () => ({ startsAt: inDays(61), reason: `Malformed ${tag}` }),
        fields: { startsAt: { kind: 'instant', required: true }, reason: { kind: 'text', max: 1000, required: true } },
      },
      {
        name: 'POST /v1/exchanges/:id/cancel',
        method: 'post',
        path: onExchange('/cancel'),
        token: requester,
        valid: () => ({ reason: `Malformed ${tag}` }),
        fields: { reason: { kind: 'text', max: 1000, required: true } },
      },
    ];
    endpoints.followUp = [
      {
        name: 'POST /v1/exchanges/:id/agenda',
        method: 'post',
        path: onExchange('/agenda'),
        token: requester,
        valid: () => ({
          title: `Malformed ${tag}`,
          area: 'WPS',
          ownerId: cast.requesterParticipant.id,
          proposingOrganization: cast.requesting,
        }),
        fields: {
          title: { kind: 'text', max: 500, required: true },
          area: { kind: 'text', max: 40, required: true },
          ownerId: { kind: 'uuid' },
          proposingOrganization: { kind: 'text', max: 16 },
        },
      },
      {
        name: 'PATCH /v1/exchanges/:id/agenda/:itemId',
        method: 'patch',
        path: (id = agendaItemId) => `/v1/exchanges/${exchangeId}/agenda/${id}`,
        token: requester,
        valid: () => ({ title: `Malformed ${tag}`, area: 'WPS', ownerId: cast.requesterParticipant.id }),
        fields: { title: { kind: 'text', max: 500 }, area: { kind: 'text', max: 40 }, ownerId: { kind: 'uuid' } },
      },
      {
        name: 'POST /v1/exchanges/:id/agenda/:itemId/accept',
        method: 'post',
        path: (id = agendaItemId) => `/v1/exchanges/${exchangeId}/agenda/${id}/accept`,
        token: provider,
        valid: () => ({ organization: cast.providing }),
        fields: { organization: { kind: 'text', max: 16, required: true } },
      },
      {
        name: 'PUT /v1/exchanges/:id/minutes',
        method: 'put',
        path: onExchange('/minutes'),
        token: requester,
        valid: () => ({ text: `Malformed ${tag} minutes`, baseVersion: 0 }),
        fields: { text: { kind: 'text', max: 100_000, required: true }, baseVersion: { kind: 'int', min: 0, max: 1_000_000 } },
      },
      {
        name: 'POST /v1/exchanges/:id/minutes/approve',
        method: 'post',
        path: onExchange('/minutes/approve'),
        token: requester,
        valid: () => ({ organization: cast.requesting, version: 1 }),
        fields: {
          organization: { kind: 'text', max: 16, required: true },
          version: { kind: 'int', min: 1, max: 1_000_000, required: true },
        },
      },
      {
        name: 'POST /v1/exchanges/:id/action-items',
        method: 'post',
        path: onExchange('/action-items'),
        token: requester,
        valid: () => ({ title: `Malformed ${tag}`, ownerId: cast.requesterParticipant.id, dueAt: inDays(75) }),
        fields: {
          title: { kind: 'text', max: 500, required: true },
          ownerId: { kind: 'uuid', required: true },
          dueAt: { kind: 'instant', required: true },
        },
      },
      {
        name: 'PATCH /v1/exchanges/:id/action-items/:itemId',
        method: 'patch',
        path: (id = actionItemId) => `/v1/exchanges/${exchangeId}/action-items/${id}`,
        token: requester,
        valid: () => ({ title: `Malformed ${tag}`, ownerId: cast.requesterParticipant.id, dueAt: inDays(76), status: 'done' }),
        fields: {
          title: { kind: 'text', max: 500 },
          ownerId: { kind: 'uuid' },
          dueAt: { kind: 'instant' },
          status: { kind: 'enum', values: ['open', 'done', 'dropped'] },
        },
      },
    ];
    endpoints.series = [
      { name: 'POST /v1/series', method: 'post', path: () => '/v1/series', token: requester, valid: seriesValid, fields: seriesFields },
      {
        name: 'PATCH /v1/series/:id',
        method: 'patch',
        path: (id = seriesId) => `/v1/series/${id}`,
        token: requester,
        valid: () => ({ title: `Malformed ${tag}`, rrule: 'FREQ=WEEKLY;BYDAY=TU', dtstart: localIn(91), durationMinutes: 45, horizon: 2 }),
        fields: amendFields,
      },
      {
        name: 'POST /v1/series/preview',
        method: 'post',
        path: () => '/v1/series/preview',
        token: requester,
        valid: () => ({ rrule: 'FREQ=MONTHLY;BYDAY=2TU', dtstart: '2027-01-12T15:00', timezone: 'Europe/Brussels', exdates: [], count: 3 }),
        fields: { ...seriesRule, count: { kind: 'int', min: 1, max: 400, required: true } },
      },
    ];
    endpoints.support = [
      {
        name: 'POST /v1/support-requests',
        method: 'post',
        path: () => '/v1/support-requests',
        token: requester,
        valid: () => requestBody(cast, { title: `Malformed ${tag}`, marking: 'RESTRICTED' }),
        fields: supportFields,
      },
    ];
    const text = (max: number, required = true) => ({ kind: 'text' as const, max, required });
    const verdict = { kind: 'enum' as const, values: ['approve', 'decline'], required: true };
    const steps: Array<[string, () => string, Body, Fields]> = [
      ['acknowledge', provider, { assigneeId: cast.assignee.id }, { assigneeId: { kind: 'uuid' } }],
      ['request-information', provider, { question: `Malformed ${tag}?` }, { question: text(10_000) }],
      ['provide-information', requester, { answer: `Malformed ${tag}.` }, { answer: text(10_000) }],
      [
        'recommend',
        provider,
        { recommendation: 'approve', rationale: `Malformed ${tag}` },
        { recommendation: verdict, rationale: text(10_000) },
      ],
      [
        'decide',
        () => cast.providerSenior.token,
        { decision: 'decline', rationale: `Malformed ${tag}` },
        { decision: verdict, rationale: text(10_000, false) },
      ],
      ['deliver', provider, { summary: `Malformed ${tag}` }, { summary: text(10_000) }],
      ['withdraw', requester, { reason: `Malformed ${tag}` }, { reason: text(2000) }],
      ['messages', requester, { body: `Malformed ${tag}` }, { body: text(10_000) }],
      ['raise', requester, { exchangeId }, { exchangeId: { kind: 'uuid', required: true } }],
    ];
    endpoints.supportSteps = steps.map(([step, token, valid, fields]) => ({
      name: `POST /v1/support-requests/:id/${step}`,
      method: 'post',
      path: (id = requestId) => `/v1/support-requests/${id}/${step}`,
      token,
      valid: () => ({ ...valid }),
      fields,
    }));
  }

  function lists(): ListEndpoint[] {
    // free-text filters are `string`: only a list or an object breaks them here (their DTOs also cap them at MAX_FILTER)
    const page: Fields = { limit: { kind: 'int', min: 1, max: 200 }, cursor: { kind: 'string' } };
    return [
      {
        name: 'GET /v1/exchanges',
        path: () => '/v1/exchanges',
        token: requester,
        params: {
          ...page,
          from: { kind: 'instant' },
          to: { kind: 'instant' },
          level: { kind: 'enum', values: LEVELS },
          area: { kind: 'string' },
          status: { kind: 'enum', values: ['scheduled', 'confirmed', 'held', 'closed', 'cancelled'] },
          organization: { kind: 'string' },
        },
        freeText: ['area', 'organization'],
        cursor: 'keyset',
      },
      {
        name: 'GET /v1/people',
        path: () => '/v1/people',
        token: admin,
        params: { ...page, organization: { kind: 'string' } },
        freeText: ['organization'],
        cursor: 'keyset',
      },
      {
        name: 'GET /v1/support-requests',
        path: () => '/v1/support-requests',
        token: requester,
        params: {
          ...page,
          status: { kind: 'enum', values: ['submitted', 'acknowledged', 'closed'] },
          priority: { kind: 'enum', values: ['routine', 'priority', 'urgent'] },
          organization: { kind: 'string' },
          area: { kind: 'string' },
          a4pArea: { kind: 'string' },
          overdue: { kind: 'bool' },
        },
        freeText: ['organization', 'area', 'a4pArea'],
        cursor: 'keyset',
      },
      {
        name: 'GET /v1/action-items',
        path: () => '/v1/action-items',
        token: requester,
        params: { ...page, owner: { kind: 'text', min: 2, max: 40 }, status: { kind: 'enum', values: ['open', 'done', 'dropped'] } },
        freeText: [],
        cursor: 'keyset',
      },
      {
        name: 'GET /v1/me/notifications',
        path: () => '/v1/me/notifications',
        token: requester,
        params: { ...page, unread: { kind: 'bool' } },
        freeText: [],
        cursor: 'keyset',
      },
      {
        name: 'GET /v1/admin/audit',
        path: () => '/v1/admin/audit',
        token: admin,
        params: {
          ...page,
          entityType: { kind: 'text', max: 64 },
          entity: { kind: 'text', max: 64 },
          person: { kind: 'uuid' },
          organization: { kind: 'text', max: 32 },
          action: { kind: 'text', max: 64 },
          from: { kind: 'instant' },
          to: { kind: 'instant' },
        },
        freeText: ['entityType', 'entity', 'organization'],
        cursor: 'audit',
      },
      {
        name: 'GET /v1/series/:id/exchanges',
        path: (id = seriesId) => `/v1/series/${id}/exchanges`,
        token: requester,
        params: page,
        freeText: [],
        cursor: 'keyset',
      },
      {
        name: 'GET /v1/exchanges/:id/reminders',
        path: onExchange('/reminders'),
        token: requester,
        params: page,
        freeText: [],
        cursor: 'keyset',
      },
      {
        name: 'GET /v1/exchanges/:id/action-items',
        path: onExchange('/action-items'),
        token: requester,
        params: page,
        freeText: [],
        cursor: 'keyset',
      },
    ];
  }

  /**
   * One query parameter the endpoint refuses: unknown, out of range, of the wrong shape (each a 400: it
   * breaks the document), or a cursor it never gave (a 422: a string the document allows, refused by a rule).
   */
  function badParam(list: ListEndpoint): fc.Arbitrary<{ key: string; value: QueryValue; what: string; status: 400 | 422 }> {
    const names = Object.keys(list.params);
    const structural = fc.oneof(
      fc.constant<QueryValue>({ a: '1' }),
      fc.tuple(fc.string({ maxLength: 5 }), fc.string({ maxLength: 5 })).map(([a, b]): QueryValue => [a, b]),
    );
    const bad = (name: string): fc.Arbitrary<QueryValue> => {
      const field = list.params[name];
      if (name === 'limit') {
        return fc.oneof(
          fc.constantFrom('0', '201', '-1', 'abc', '1.5', '', ' ', '1e3', 'Infinity', 'NaN', '99999999999999999999'),
          structural,
        );
      }
      if (name === 'cursor') {
        return fc
          .oneof(
            fc.constantFrom('garbage', '-1', '1.5', "' OR 1=1 --", '\u0000'),
            fc.constantFrom(...BAD_INSTANTS).map((s) => forgedCursor(s, randomUUID())),
            fc.constantFrom(...BAD_UUIDS).map((u) => forgedCursor('2027-01-01T00:00:00.000Z', u)),
            fc.constant(forgedCursor({ a: 1 }, null)),
            fc.constant(Buffer.from('{"a":').toString('base64url')),
            structural,
          )
          .filter((v) => !(list.cursor === 'audit' && typeof v === 'string' && /^\d{1,19}$/.test(v)));
      }
      switch (field.kind) {
        case 'instant':
          return fc.oneof(fc.constantFrom(...BAD_INSTANTS), injection(), structural);
        case 'enum':
          return fc
            .oneof(fc.constantFrom('finished', 'SCHEDULED', 'approved ', '', 'null'), injection(), structural)
            .filter((v) => typeof v !== 'string' || !field.values.includes(v));
        case 'bool':
          return fc.oneof(fc.constantFrom('yes', '1', '0', 'TRUE', ''), structural);
        case 'uuid':
          return fc.oneof(fc.constantFrom(...BAD_UUIDS), structural);
        case 'text':
          if (name === 'action') return fc.constantFrom('UPPER', 'a b', 'x'.repeat(65), '', "'; --");
          return fc.oneof(
            structural,
            fc.integer({ min: field.max + 1, max: field.max + 3000 }).map((n) => 'x'.repeat(n)),
            ...(field.min ? [fc.constant('x')] : []),
          );
        default:
          return structural;
      }
    };
    const unknown = fc
      .oneof(
        fc.constantFrom('extra', 'sort', 'offset', 'page', 'id', '$where', 'limit ', 'LIMIT'),
        fc.string({ minLength: 1, maxLength: 8 }),
      )
      .filter((k) => !names.includes(k) && !(k in Object.prototype) && !/[[\]]/.test(k));
    return fc.oneof(
      fc
        .tuple(unknown, fc.oneof(fc.string({ maxLength: 10 }), injection()))
        .map(([key, value]) => ({ key, value, what: `unknown parameter ${short(key)}`, status: 400 as const })),
      fc
        .constantFrom(...names)
        .chain((key) => bad(key).map((value) => ({ key, value, what: `${key}: ${short(value)}`, status: badParamStatus(key, value) }))),
    );
  }

  /**
   * The status of a bad value of a known parameter: a cursor that is a string the document allows
   * (at most MAX_CURSOR characters, no NUL) but that the API never wrote is a 422; anything else a 400.
   */
  function badParamStatus(key: string, value: QueryValue): 400 | 422 {
    const wellFormedCursor = key === 'cursor' && typeof value === 'string' && [...value].length <= MAX_CURSOR && !value.includes('\u0000');
    return wellFormedCursor ? 422 : 400;
  }

  /**
   * Whether the document refuses a free-text filter's value (a 400): a NUL, or more characters than the
   * filter takes (its own maximum, or MAX_FILTER). Characters are counted as the validator counts them,
   * by code point (a lone surrogate is sent as U+FFFD, one character).
   */
  function filterRefuses(list: ListEndpoint, name: string, value: string): boolean {
    const field = list.params[name];
    const max = field.kind === 'text' ? field.max : MAX_FILTER;
    return value.includes('\u0000') || [...value].length > max;
  }

  // ------------------------------------------------------------------ properties

  it('refuses malformed organisations and people', () => property('organizations and people', malformed(endpoints.directory)));

  it('refuses malformed exchanges and exchange transitions', () => property('exchanges', malformed(endpoints.exchanges)));

  it('refuses malformed agenda items, minutes and action items', () =>
    property('agenda, minutes, action items', malformed(endpoints.followUp)));

  it('refuses malformed series, amendments and previews', () => property('series', malformed(endpoints.series)));

  it('refuses malformed support requests', () => property('support requests', malformed(endpoints.support)));

  it('refuses malformed support-request steps', () => property('support-request steps', malformed(endpoints.supportSteps)));

  it('refuses malformed list queries', () =>
    property(
      'list queries',
      fc.constantFrom(...lists()).chain((list) =>
        fc
          .tuple(fc.array(badParam(list), { minLength: 1, maxLength: 3 }), fc.subarray(list.freeText), injection())
          .map(([bad, free, inj]): Attempt => {
            const params: Record<string, QueryValue> = {};
            /** Per parameter sent, the status it alone would get; null: accepted. A later value of a name replaces the earlier. */
            const refusals = new Map<string, 400 | 422 | null>();
            for (const name of free) {
              params[name] = inj;
              refusals.set(name, filterRefuses(list, name, inj) ? 400 : null);
            }
            for (const b of bad) {
              params[b.key] = b.value;
              refusals.set(b.key, b.status);
            }
            // Validation runs first: one parameter that breaks the document makes it a 400, whatever the cursor.
            const status = [...refusals.values()].includes(400) ? 400 : 422;
            return {
              method: 'get',
              path: `${list.path()}${queryString(params)}`,
              authorization: bearer(list.token()),
              what: [list.name, ...bad.map((b) => b.what), ...free.map((f) => `${f}: injection`)],
              expect: [status],
            };
          }),
      ),
    ));

  it('answers injection strings in free-text filters without a 5xx (an empty page is a right answer too)', () =>
    property(
      'injection strings in filters',
      fc
        .constantFrom(...lists().filter((l) => l.freeText.length > 0))
        .chain((list) =>
          fc.tuple(fc.constant(list), fc.constantFrom(...list.freeText), fc.oneof(fc.constantFrom(...INJECTIONS), injection())),
        )
        .map(([list, name, value]): Attempt => ({
          method: 'get',
          path: `${list.path()}${queryString({ [name]: value })}`,
          authorization: bearer(list.token()),
          what: [list.name, `${name}: ${short(value)}`],
          expect: [400],
        })),
      true,
    ));

  it('refuses malformed ids in paths with a 400', () => {
    const withIds = Object.values(endpoints)
      .flat()
      .filter((e) => e.path('X') !== e.path() && !e.name.includes(':code'));
    const reads = ['/v1/exchanges/', '/v1/people/', '/v1/series/', '/v1/support-requests/', '/v1/exchanges/:id/action-items/'];
    const badId = fc
      .oneof(
        fc.constantFrom(
          'not-an-id',
          '1',
          '0',
          '-1',
          'null',
          'undefined',
          '%00',
          '%2e%2e%2f%2e%2e%2fadmin',
          "'%20OR%201=1%20--",
          '%3Cscript%3E',
          '%E2%80%AE',
          '%E0%A4%A',
        ),
        fc.uuid().map((u) => `${u}x`),
        fc.uuid().map((u) => u.replace(/-/g, '')),
        fc.integer({ min: 40, max: 2000 }).map((n) => 'a'.repeat(n)),
        fc.constantFrom(...INJECTIONS).map((s) => encodeUtf8(s)),
      )
      .filter((id) => !/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id));
    return property(
      'malformed ids',
      fc.oneof(
        fc.tuple(fc.constantFrom(...withIds), badId).map(([endpoint, id]): Attempt => ({
          method: endpoint.method,
          path: endpoint.path(id),
          authorization: bearer(endpoint.token()),
          body: endpoint.valid(),
          what: [endpoint.name, `id ${short(id)}`],
          expect: [400],
        })),
        fc.tuple(fc.constantFrom(...reads), badId).map(([prefix, id]): Attempt => ({
          method: 'get',
          path: `${prefix.replace(':id', exchangeId)}${id}`,
          authorization: bearer(ADMIN_TOKEN),
          what: [`GET ${prefix}:id`, `id ${short(id)}`],
          expect: [400],
        })),
      ),
    );
  });

  it('refuses requests without a valid token (401) or from the wrong role (403), whatever their body', () => {
    const all = Object.values(endpoints).flat();
    const coordinatorOnly = new Set([
      'POST /v1/exchanges',
      'POST /v1/exchanges/:id/confirm',
      'POST /v1/exchanges/:id/reschedule',
      'POST /v1/exchanges/:id/cancel',
      'POST /v1/exchanges/:id/agenda',
      'PATCH /v1/exchanges/:id/agenda/:itemId',
      'PUT /v1/exchanges/:id/minutes',
      'POST /v1/exchanges/:id/action-items',
      'POST /v1/series',
      'PATCH /v1/series/:id',
      'POST /v1/support-requests',
    ]);
    const adminOnly = new Set(['POST /v1/organizations', 'PUT /v1/organizations/:code/calendar', 'PUT /v1/organizations/:code/language']);
    const badAuthorization = fc.oneof(
      fc.constant(null),
      fc.constantFrom(
        'Bearer',
        'Bearer ',
        'Bearer lsn_not-a-real-token',
        `Bearer ${ADMIN_TOKEN}x`,
        'Basic YWRtaW46YWRtaW4=',
        'Token abc',
        ADMIN_TOKEN,
      ),
      injection().map((s) => `Bearer ${s.replace(/[^\x21-\x7e]/g, '')}x`),
      fc.integer({ min: 100, max: 6000 }).map((n) => `Bearer lsn_${'a'.repeat(n)}`),
    );
    const unauthenticated = fc.tuple(fc.constantFrom(...all), badAuthorization, fc.boolean()).chain(([endpoint, authorization, mutate]) =>
      (mutate ? malformedBody(endpoint.valid, endpoint.fields) : fc.constant({ body: endpoint.valid(), what: [] as string[] })).map(
        ({ body, what }): Attempt => ({
          method: endpoint.method,
          path: endpoint.path(),
          authorization,
          body,
          what: [endpoint.name, `authorization ${short(authorization)}`, ...what],
          expect: [401],
        }),
      ),
    );
    const wrongRole = fc
      .constantFrom(...all.filter((e) => coordinatorOnly.has(e.name) || adminOnly.has(e.name)))
      .map((endpoint): Attempt => ({
        method: endpoint.method,
        path: endpoint.path(),
        authorization: bearer(adminOnly.has(endpoint.name) ? cast.requester.token : cast.requesterParticipant.token),
        body: endpoint.valid(),
        what: [endpoint.name, adminOnly.has(endpoint.name) ? 'a coordinator, not an admin' : 'a participant, not a coordinator'],
        expect: [403],
      }));
    return property('tokens and roles', fc.oneof({ weight: 3, arbitrary: unauthenticated }, { weight: 1, arbitrary: wrongRole }));
  });

  it('refuses bodies that are not a JSON object of the DTO: broken JSON, other types, deep nesting, other content types', () => {
    const all = Object.values(endpoints)
      .flat()
      .filter((e) => Object.values(e.fields).some((f) => f.required));
    const deep = (d: number) => `${'[{"a":'.repeat(d)}1${'}]'.repeat(d)}`;
    const raw = (endpoint: Endpoint) =>
      fc.oneof(
        fc.constantFrom(
          '{"title": ',
          '{',
          '}',
          'not json',
          "{'title': 'x'}",
          '{"a":1}{"b":2}',
          '{"a":1,}',
          '{"a":NaN}',
          '{"a":undefined}',
          '[1,2',
          '{"a":"\\x"}',
        ),
        fc.constantFrom('42', '"x"', 'null', 'true', '[]', '[{}]', '{}', '[[]]', '\uFEFF{}'),
        fc
          .jsonValue({ maxDepth: 3 })
          .map((v) => JSON.stringify(v) ?? 'null')
          .filter((s) => !s.startsWith('{') || s === '{}'),
        // deeply nested: the whole body, or one unknown field of an otherwise valid body
        fc.integer({ min: 1, max: 20_000 }).map(deep),
        fc.integer({ min: 1, max: 20_000 }).map((d) => `${JSON.stringify(endpoint.valid()).slice(0, -1)},"extra":${deep(d)}}`),
      );
    return property(
      'not a JSON object of the DTO',
      fc.oneof(
        fc
          .constantFrom(...all)
          .chain((endpoint) => fc.tuple(fc.constant(endpoint), raw(endpoint)))
          .map(([endpoint, body]): Attempt => ({
            method: endpoint.method,
            path: endpoint.path(),
            authorization: bearer(endpoint.token()),
            body,
            what: [endpoint.name, `raw body ${short(body)}`],
            expect: [400],
          })),
        fc
          .tuple(
            fc.constantFrom(...all),
            fc.constantFrom('text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/xml'),
          )
          .map(([endpoint, contentType]): Attempt => ({
            method: endpoint.method,
            path: endpoint.path(),
            authorization: bearer(endpoint.token()),
            body: JSON.stringify(endpoint.valid()),
            contentType,
            what: [endpoint.name, `Content-Type ${contentType}`],
            // the JSON is not read, so the required fields are missing
            expect: [400, 415],
          })),
      ),
    );
  });

  it('refuses adversarial sizes: lists just over and far over their maximum, strings over theirs, rules that never match', () =>
    property('adversarial sizes', adversarial(Object.values(endpoints).flat())));

  it('leaves the database exactly as it was', async () => {
    // Every request above has been answered, and none was accepted that could start a workflow
    // (the properties fail on any 2xx but a read's), so nothing is still to be written: read it now.
    const after = await snapshot();
    const changed = Object.keys(after)
      .filter((t) => JSON.stringify(after[t]) !== JSON.stringify(before[t]))
      .map((t) => `${t}: ${JSON.stringify(before[t])} → ${JSON.stringify(after[t])}`);
    expect(changed).toEqual([]);
    const [{ generated }] = await world.stack.api
      .get(DataSource)
      .query<Array<{ generated: number }>>(
        `SELECT ((SELECT count(*) FROM organizations WHERE code ILIKE $1) + (SELECT count(*) FROM people WHERE email ILIKE $1))::int AS generated`,
        [`%${tag}%`],
      );
    expect(generated).toBe(0);
    // Every property ran, each all its cases.
    expect(runs).toEqual(PLANNED_RUNS);
  });

  // ------------------------------------------------------------------ defects the properties found, one request each

  describe('defects found (each must get a 4xx in the error shape)', () => {
    const as = (token: string, method: Exclude<Method, 'get'>, path: string, body: unknown) => {
      const req = http()[method](path);
      return req
        .set('Authorization', bearer(token))
        .set('Content-Type', 'application/json')
        .send(typeof body === 'string' ? body : JSON.stringify(body));
    };
    const get = (path: string, token = cast.requester.token) => http().get(path).set('Authorization', bearer(token));
    const preview = (extra: Body | string) =>
      as(
        cast.requester.token,
        'post',
        '/v1/series/preview',
        typeof extra === 'string'
          ? extra
          : { rrule: 'FREQ=MONTHLY;BYDAY=2TU', dtstart: '2027-01-12T15:00', timezone: 'Europe/Brussels', count: 2, ...extra },
      );
    const validPreview = '"rrule":"FREQ=WEEKLY","dtstart":"2027-01-12T15:00","timezone":"UTC","count":1';

    /**
     * Sends `req` (a request not sent yet) and fails unless it gets exactly `status` (a 4xx) in the
     * error shape, and the rows of this test's fixtures are exactly as they were before it.
     */
    async function expectRefused(what: string, req: PromiseLike<Response>, status = 400): Promise<void> {
      const rowsBefore = await snapshot();
      const res = await req;
      const attempt: Attempt = { method: 'post', path: '', authorization: null, what: [what], expect: [status] };
      const problems = problemsOf(attempt, res);
      if (problems.length > 0) throw new Error(`${what}: ${problems.join(', ')} → ${res.status} ${short(res.body)}`);
      const rowsAfter = await snapshot();
      const changed = Object.keys(rowsAfter).filter((t) => JSON.stringify(rowsAfter[t]) !== JSON.stringify(rowsBefore[t]));
      expect([what, changed]).toEqual([what, []]);
    }

    it.each(['constructor', 'toString', 'valueOf', 'hasOwnProperty'])('refuses the unknown body field %s (accepted: 200)', (key) =>
      expectRefused(`preview with "${key}"`, preview({ [key]: 'x' })),
    );

    it('refuses the unknown body field __proto__ (accepted: 200)', () =>
      expectRefused('preview with "__proto__"', preview(`{"__proto__":{"isAdmin":true},${validPreview}}`)));

    it.each(['constructor', 'toString'])('refuses the unknown query parameter %s (accepted: 200)', (key) =>
      expectRefused(`GET /v1/exchanges?${key}=x`, get(`/v1/exchanges?${key}=x`)),
    );

    it('refuses JSON nested 1,000 levels deep (500: stack overflow)', () =>
      expectRefused('nested body', preview(`${'[{"a":'.repeat(1000)}1${'}]'.repeat(1000)}`)));

    it('refuses an unknown field nested 3,000 levels deep (500)', () =>
      expectRefused('nested field', preview(`{${validPreview},"extra":${'{"a":'.repeat(3000)}1${'}'.repeat(3000)}}`)));

    // An instant breaks the document's pattern (a 400); a cursor is a string the document allows, one
    // the API never wrote (a 422).
    it.each([
      ['POST /v1/exchanges startsAt', '+25:00', 400],
      ['POST /v1/exchanges startsAt', '+24:00', 400],
      ['POST /v1/exchanges/:id/reschedule startsAt', '+25:00', 400],
      ['POST /v1/exchanges/:id/action-items dueAt', '-99:59', 400],
      ['GET /v1/exchanges?from', '+25:00', 400],
      ['GET /v1/admin/audit?to', '-99:59', 400],
      ['GET /v1/exchanges/:id/reminders?cursor', '-99:59', 422],
    ])('refuses %s with the UTC offset %s (500: Invalid time value / invalid timestamptz), with a %i', (where, offset, status) => {
      const instant = `2027-03-09T10:00:00${offset}`;
      const body = exchangeBody(sides(), {
        organizations: [cast.requesting, cast.providing],
        hostOrganization: cast.requesting,
        startsAt: instant,
        participantIds: [],
      });
      const req = {
        'POST /v1/exchanges startsAt': () => as(cast.requester.token, 'post', '/v1/exchanges', { ...body, title: `Offset ${tag}` }),
        'POST /v1/exchanges/:id/reschedule startsAt': () =>
          as(cast.requester.token, 'post', `/v1/exchanges/${exchangeId}/reschedule`, { startsAt: instant, reason: 'offset' }),
        'POST /v1/exchanges/:id/action-items dueAt': () =>
          as(cast.requester.token, 'post', `/v1/exchanges/${exchangeId}/action-items`, {
            title: `Offset ${tag}`,
            ownerId: cast.requesterParticipant.id,
            dueAt: instant,
          }),
        'GET /v1/exchanges?from': () => get(`/v1/exchanges?from=${encodeURIComponent(instant)}`),
        'GET /v1/admin/audit?to': () => get(`/v1/admin/audit?to=${encodeURIComponent(instant)}`, ADMIN_TOKEN),
        'GET /v1/exchanges/:id/reminders?cursor': () =>
          get(`/v1/exchanges/${exchangeId}/reminders?cursor=${forgedCursor(instant, randomUUID())}`),
      }[where]!;
      return expectRefused(`${where}=${instant}`, req(), status);
    });

    it.each([
      ['/v1/exchanges?area=a%00b', 'requester'],
      ['/v1/exchanges?organization=%00', 'requester'],
      ['/v1/people?organization=%00', 'admin'],
      ['/v1/support-requests?a4pArea=%00', 'requester'],
      ['/v1/admin/audit?entityType=%00', 'admin'],
    ])('refuses GET %s (a NUL byte in a filter) (500: invalid byte sequence for encoding UTF8)', (path, who) =>
      expectRefused(`GET ${path}`, get(path, who === 'admin' ? ADMIN_TOKEN : cast.requester.token)),
    );

    it.each([
      [
        'PATCH /v1/people/:id name',
        () => as(cast.requester.token, 'patch', `/v1/people/${cast.requesterParticipant.id}`, { name: 'a\u0000b' }),
      ],
      [
        'POST /v1/exchanges/:id/agenda title',
        () => as(cast.requester.token, 'post', `/v1/exchanges/${exchangeId}/agenda`, { title: 'a\u0000b', area: 'POC' }),
      ],
      [
        'POST /v1/support-requests/:id/messages body',
        () => as(cast.requester.token, 'post', `/v1/support-requests/${requestId}/messages`, { body: 'a\u0000b' }),
      ],
    ])('refuses %s with a NUL byte (500: invalid byte sequence for encoding UTF8)', (what, req) => expectRefused(what, req()));

    it.each([
      [
        'PATCH /v1/people/:id email',
        () => as(cast.requester.token, 'patch', `/v1/people/${cast.requesterParticipant.id}`, { email: '\ud800' }),
      ],
      [
        'PATCH /v1/people/:id name',
        () => as(cast.requester.token, 'patch', `/v1/people/${cast.requesterParticipant.id}`, { name: 'a\udc00b' }),
      ],
      [
        'POST /v1/exchanges/:id/agenda title',
        () => as(cast.requester.token, 'post', `/v1/exchanges/${exchangeId}/agenda`, { title: '\ud83c', area: 'POC' }),
      ],
    ])('refuses %s holding a lone surrogate (an e-mail: 500, the validator threw URI malformed)', (what, req) =>
      expectRefused(what, req()),
    );

    it('refuses PATCH /v1/people/:id whose JSON body is sent as text/plain (accepted: 200, an empty update audited as person.update)', () => {
      const req = http()
        .patch(`/v1/people/${cast.requesterParticipant.id}`)
        .set('Authorization', bearer(cast.requester.token))
        .set('Content-Type', 'text/plain')
        .send(JSON.stringify({ name: `Plain ${tag}` }));
      return expectRefused('PATCH person as text/plain', req, 415);
    });

    it('refuses a forged keyset cursor at year 0 (500), with a 422', () =>
      expectRefused('year-0 cursor', get(`/v1/exchanges?cursor=${forgedCursor('0000-01-01T00:00:00Z', randomUUID())}`), 422));

    it('refuses an audit cursor beyond bigint (500), with a 422', () =>
      expectRefused('audit cursor 9999999999999999999', get('/v1/admin/audit?cursor=9999999999999999999', ADMIN_TOKEN), 422));

    it.each(['name', 'email', 'level', 'roles', 'timezone'])(
      'refuses PATCH /v1/people/:id with %s: null (500: not-null violation)',
      (field) =>
        expectRefused(
          `PATCH person ${field}: null`,
          as(cast.requester.token, 'patch', `/v1/people/${cast.requesterParticipant.id}`, { [field]: null }),
        ),
    );

    it.each(['channels', 'quietHours'])('refuses PATCH /v1/people/:id with %s: null (500: TypeError)', (field) =>
      expectRefused(
        `PATCH person ${field}: null`,
        as(cast.requester.token, 'patch', `/v1/people/${cast.requesterParticipant.id}`, { [field]: null }),
      ),
    );

    it.each(['channels', 'quietHours'])('refuses PATCH /v1/people/:id with %s: [] (accepted: 200)', (field) =>
      expectRefused(
        `PATCH person ${field}: []`,
        as(cast.requester.token, 'patch', `/v1/people/${cast.requesterParticipant.id}`, { [field]: [] }),
      ),
    );

    it.each(['title', 'area'])('refuses PATCH /v1/exchanges/:id/agenda/:itemId with %s: null (500: not-null violation)', (field) =>
      expectRefused(
        `PATCH agenda ${field}: null`,
        as(cast.requester.token, 'patch', `/v1/exchanges/${exchangeId}/agenda/${agendaItemId}`, { [field]: null }),
      ),
    );

    const patchActionItem = (body: Body) =>
      as(cast.requester.token, 'patch', `/v1/exchanges/${exchangeId}/action-items/${actionItemId}`, body);

    it('refuses PATCH /v1/exchanges/:id/action-items/:itemId with dueAt: null (accepted: 200, dueAt becomes 1970-01-01T00:00Z)', () =>
      expectRefused('PATCH action item dueAt: null', patchActionItem({ dueAt: null })));

    it('refuses PATCH /v1/exchanges/:id/action-items/:itemId with status: null (accepted: 200, a new revision)', () =>
      expectRefused('PATCH action item status: null', patchActionItem({ status: null })));

    it('refuses an action item due in year 0 (accepted: 201, shown as 0000-01-01T00:17:30+00:17)', () =>
      expectRefused(
        'action item dueAt year 0',
        as(cast.requester.token, 'post', `/v1/exchanges/${exchangeId}/action-items`, {
          title: `Year 0 ${tag}`,
          ownerId: cast.requesterParticipant.id,
          dueAt: '0000-01-01T00:00:00Z',
        }),
      ));

    it('refuses a holiday on 30 February (accepted: 200)', () =>
      expectRefused(
        'holiday 2027-02-30',
        as(ADMIN_TOKEN, 'put', `/v1/organizations/${cast.outsider.organization}/calendar`, { weekend: [], holidays: ['2027-02-30'] }),
      ));

    // Strings the document allows, refused by the rule: parts out of range, a start before the allowed range.
    it.each([
      ['rrule', 'FREQ=DAILY;BYHOUR=99'],
      ['rrule', 'FREQ=DAILY;INTERVAL=0'],
      ['rrule', 'FREQ=DAILY;COUNT=0'],
      ['dtstart', '0000-01-01T00:00'],
    ])('refuses a series rule with %s %s (accepted: 200), with a 422', (field, value) =>
      expectRefused(`preview ${field}=${value}`, preview({ [field]: value }), 422),
    );

    it('refuses PATCH /v1/series/:id with title: null (it got no answer: the amendment activity failed on a not-null violation and retried)', () =>
      expectRefused(
        'PATCH series title: null',
        // A request that is never answered fails here, after the usual wait, and says so.
        as(cast.requester.token, 'patch', `/v1/series/${seriesId}`, { title: null }).timeout(WAIT_MS),
      ));
  });
});

/** The maximum number of items of each list kind, as its DTO says ('strings' fields give their own). */
const LIST_MAX: Partial<Record<Fields[string]['kind'], number>> = {
  durations: 20,
  uuids: 500,
  urls: 20,
  holidays: 400,
  weekdays: 6,
};

/** The i-th of distinct items of each list kind. */
const LIST_ITEM: Partial<Record<Fields[string]['kind'], (i: number) => unknown>> = {
  durations: (i) => `PT${i + 1}M`,
  uuids: (i) => `00000000-0000-4000-8000-${i.toString(16).padStart(12, '0')}`,
  urls: (i) => `https://docs.example.org/${i}`,
  holidays: (i) => DateTime.fromISO('2027-01-01').plus({ days: i }).toISODate(),
  weekdays: (i) => i + 1,
};

/** RRULEs with no occurrence at all (there is no 31 February, no 31 April, no third 3 May in a year). */
const NEVER_MATCHING_RULES = [
  'FREQ=DAILY;BYMONTH=2;BYMONTHDAY=31',
  'FREQ=WEEKLY;BYMONTH=4;BYMONTHDAY=31',
  'FREQ=MONTHLY;BYMONTH=2;BYMONTHDAY=30',
  'FREQ=YEARLY;BYMONTH=5;BYMONTHDAY=3;BYSETPOS=3',
];

function omit(fields: Fields, names: string[]): Fields {
  return Object.fromEntries(Object.entries(fields).filter(([name]) => !names.includes(name)));
}

/** A keyset cursor as the API writes them (base64url of `[sort, id]`), with whatever inside. */
function forgedCursor(sort: unknown, id: unknown): string {
  return Buffer.from(JSON.stringify([sort, id])).toString('base64url');
}

/** Percent-encodes the UTF-8 bytes (a lone surrogate becomes U+FFFD, as a client would send it). */
function encodeUtf8(s: string): string {
  return [...Buffer.from(s, 'utf8')]
    .map((b) =>
      /[A-Za-z0-9_.~-]/.test(String.fromCharCode(b)) ? String.fromCharCode(b) : `%${b.toString(16).padStart(2, '0').toUpperCase()}`,
    )
    .join('');
}

/** `?a=1&b[]=x&c[k]=v`, the extended syntax the API parses. */
function queryString(params: Record<string, QueryValue>): string {
  const parts = Object.entries(params).flatMap(([key, value]) =>
    typeof value === 'string'
      ? [`${encodeUtf8(key)}=${encodeUtf8(value)}`]
      : Array.isArray(value)
        ? value.map((v) => `${encodeUtf8(key)}[]=${encodeUtf8(v)}`)
        : Object.entries(value).map(([k, v]) => `${encodeUtf8(key)}[${encodeUtf8(k)}]=${encodeUtf8(v)}`),
  );
  return parts.length ? `?${parts.join('&')}` : '';
}
