import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAccessMatrix, parseThirdPartyMatrix } from '../support/access-matrix';
import {
  AccessWorld,
  ActionItemName,
  AgendaItemName,
  allPages,
  bearer,
  Caller,
  CALLERS,
  ExchangeName,
  Json,
  personOf,
  must,
  RequestName,
  seedAccessWorld,
  SeriesName,
  tokenOf,
} from '../support/access-world';
import { TestPerson, waitFor } from '../support/fixtures';
import { ADMIN_TOKEN, TestStack } from '../support/stack';

/**
 * The rows each caller sees, as docs/ACCESS.md says (Visibility): the access matrix checks the
 * status of every route; this suite checks, for every read route of the matrix, WHICH rows a 200
 * holds. The world (test/support/access-world.ts) has rows of OWN, of OTHER, internal exchanges of
 * each, a RESTRICTED exchange, series, support requests (one RESTRICTED, one raised through
 * `raise`, one left on an exchange THIRD attends), action items and reminders. Each check reads
 * as every caller and compares the NAMES of the rows seen (ids mapped back to the world) with the
 * tables below, so that a leak fails naming the row. Lists are read unfiltered for people (what
 * they see is only this suite's rows: anything else would be a leak too, shown as `unknown <id>`);
 * admins see every organisation's rows, so theirs are read per organisation of the suite.
 * `anon` is left out: every one of these routes is a 401 for it, which the matrix checks.
 */
const MATRIX_FILE = join(__dirname, '..', '..', 'docs', 'ACCESS.md');
const markdown = readFileSync(MATRIX_FILE, 'utf8');
const READ_ROUTES = [...parseAccessMatrix(markdown), ...parseThirdPartyMatrix(markdown)]
  .filter((row) => row.method === 'GET')
  .map((row) => row.endpoint)
  .filter((endpoint, index, all) => all.indexOf(endpoint) === index);

const PEOPLE_CALLERS = CALLERS.filter((c): c is Exclude<Caller, 'anon'> => c !== 'anon');
type Reader = (typeof PEOPLE_CALLERS)[number];

const OWN_SIDE: Reader[] = ['admin', 'coord-own', 'part-own'];
const OTHER_SIDE: Reader[] = ['admin', 'coord-other', 'part-other'];
/** Who sees each exchange: its participants, the coordinators of its organisations, admins. */
const EXCHANGE_SEEN_BY: Record<ExchangeName, Reader[]> = {
  shared: OWN_SIDE,
  ownInternal: OWN_SIDE,
  ownWithoutPartOwn: ['admin', 'coord-own'],
  restricted: OWN_SIDE,
  trilateral: [...OWN_SIDE, 'coord-third', 'part-third'],
  ownOccurrence: OWN_SIDE,
  otherPeer: OTHER_SIDE,
  otherInternal: OTHER_SIDE,
  otherOccurrence: OTHER_SIDE,
};
/** Whose calendar feed holds each exchange: its participants only. */
const EXCHANGE_IN_FEED_OF: Record<ExchangeName, Reader[]> = {
  shared: ['part-own'],
  ownInternal: ['part-own'],
  ownWithoutPartOwn: [],
  restricted: ['part-own'],
  trilateral: ['part-own', 'part-third'],
  ownOccurrence: ['part-own'],
  otherPeer: ['part-other'],
  otherInternal: ['part-other'],
  otherOccurrence: ['part-other'],
};
const SERIES_SEEN_BY: Record<SeriesName, Reader[]> = { ownSeries: OWN_SIDE, otherSeries: OTHER_SIDE };
/** A RESTRICTED request: not every person of the requesting side, only those named, coordinators, the providing senior level. */
const REQUEST_SEEN_BY: Record<RequestName, Reader[]> = {
  ownRequest: OWN_SIDE,
  ownRestricted: ['admin', 'coord-own'],
  otherRequest: OTHER_SIDE,
};
const ACTION_ITEM_ON: Record<ActionItemName, ExchangeName> = {
  sharedItem: 'shared',
  withoutPartOwnItem: 'ownWithoutPartOwn',
  restrictedItem: 'restricted',
  trilateralItem: 'trilateral',
  otherItem: 'otherPeer',
};
/** Agenda items, their exchange, and whether they are about a support request (never shown to THIRD). */
const AGENDA_ITEM_ON: Record<AgendaItemName, { on: ExchangeName; request: boolean }> = {
  sharedPlain: { on: 'shared', request: false },
  sharedRaised: { on: 'shared', request: true },
  sharedRaisedRestricted: { on: 'shared', request: true },
  restrictedPlain: { on: 'restricted', request: false },
  trilateralPlain: { on: 'trilateral', request: false },
  trilateralLegacy: { on: 'trilateral', request: true },
  otherPlain: { on: 'otherPeer', request: false },
};
const ORGANIZATIONS = ['own', 'peer', 'other', 'third'] as const;

type Observed = Record<Reader, unknown>;
const names = <N extends string>(table: Record<N, Reader[]>, reader: Reader) =>
  (Object.keys(table) as N[]).filter((name) => table[name].includes(reader));

describe('rows each caller sees (docs/ACCESS.md, Visibility)', () => {
  let stack: TestStack;
  let w: AccessWorld;
  /** Every id of the world, by the name the messages use. */
  const nameOf = new Map<string, string>();
  const http = () => stack.http();

  beforeAll(async () => {
    stack = await TestStack.start();
    w = await seedAccessWorld(stack);
    const named: Array<[string, Record<string, Json | TestPerson | string>]> = [
      ['', w.exchanges],
      ['', w.series],
      ['', w.requests],
      ['', w.actionItems],
      ['', w.people],
      ['', w.agendaItems],
    ];
    for (const [, group] of named) {
      for (const [name, row] of Object.entries(group)) nameOf.set(typeof row === 'string' ? row : (row.id as string), name);
    }
    for (const org of ORGANIZATIONS) nameOf.set(w[org], org);
    // Every person's feed is made before any check, so that the audit trail is the same whatever runs first.
    for (const reader of PEOPLE_CALLERS.filter((r) => r !== 'admin')) {
      await must(http().post('/v1/me/calendar/rotate').auth(token(reader), bearer), 200, 'feed');
    }
  });
  afterAll(async () => stack?.stop());

  const token = (reader: Reader) => tokenOf(w, reader)!;
  /** A name for an id, with what the RESTRICTED rows show, so that a redaction or a leak is named. */
  function label(id: string, row?: Json): string {
    const name = nameOf.get(id);
    if (!name) return `unknown ${id}`;
    if (!row) return name;
    const t = w.restrictedText;
    switch (name) {
      case 'restricted':
        return row.title === t.title && row.location === t.location ? 'restricted (in full)' : `restricted (${row.title}, ${row.location})`;
      case 'restrictedPlain':
        return row.title === t.agenda ? 'restrictedPlain (in full)' : `restrictedPlain (${row.title})`;
      case 'ownRestricted':
        return row.title === w.requests.ownRestricted.title ? 'ownRestricted (in full)' : `ownRestricted (${row.title})`;
      case 'sharedRaisedRestricted': {
        const marking = `Support request ${(w.requests.ownRestricted.id as string).slice(0, 8)} (RESTRICTED)`;
        return row.title === marking ? 'sharedRaisedRestricted (marking only)' : `sharedRaisedRestricted (${row.title})`;
      }
      default:
        return name;
    }
  }
  const FULL: Record<string, string> = {
    restricted: 'restricted (in full)',
    restrictedPlain: 'restrictedPlain (in full)',
    ownRestricted: 'ownRestricted (in full)',
    sharedRaisedRestricted: 'sharedRaisedRestricted (marking only)',
  };
  const expectedLabels = (list: string[]) => list.map((name) => FULL[name] ?? name).sort();
  const labels = (rows: Json[], idOf: (row: Json) => string = (row) => row.id as string) => rows.map((row) => label(idOf(row), row)).sort();

  /** For a list admins read across organisations: the union of its pages for each organisation of the suite, the world's rows only. */
  async function adminUnion(path: string, query: (code: string) => Record<string, string>): Promise<Json[]> {
    const seen = new Map<string, Json>();
    for (const org of ORGANIZATIONS) {
      for (const row of await allPages(stack, path, ADMIN_TOKEN, query(w[org]))) {
        if (nameOf.has(row.id as string)) seen.set(row.id as string, row);
      }
    }
    return [...seen.values()];
  }

  /**
   * Reads `path(id)` for every row of `ids` as `reader`: the labels of those it reads; a 404 with
   * `notFound` leaves a row out; any other answer is listed as `name: status code`, so it fails.
   */
  async function readable(reader: Reader, ids: string[], path: (id: string) => string, notFound: string): Promise<string[]> {
    const seen: string[] = [];
    for (const id of ids) {
      const res = await http().get(path(id)).auth(token(reader), bearer);
      if (res.status === 200) seen.push(label(id, res.body as Json));
      else if (res.status !== 404 || res.body.code !== notFound)
        seen.push(`${label(id)}: ${res.status} ${res.body.code ?? res.body.message}`);
    }
    return seen.sort();
  }
  const refusal = async (reader: Reader, path: string) => {
    const res = await http().get(path).auth(token(reader), bearer);
    return `${res.status} ${res.body.code ?? res.body.message}`;
  };
  const ids = <N extends string>(group: Record<N, Json>) => (Object.keys(group) as N[]).map((n) => group[n].id as string);
  const exchangeIds = () => ids(w.exchanges);

  /** Per read route of the matrix: what each reader sees, and what ACCESS.md says they see. */
  const CHECKS: Record<string, { seen: (reader: Reader) => Promise<unknown>; expected: (reader: Reader) => unknown }> = {
    'GET /v1/organizations': {
      seen: async (reader) =>
        (await allPages(stack, '/v1/organizations', token(reader)))
          .map((o) => o.code as string)
          .filter((code) => nameOf.has(code))
          .map((code) => nameOf.get(code))
          .sort(),
      expected: () => [...ORGANIZATIONS].sort(),
    },
    'GET /v1/people': {
      // A coordinator sees their own organisation, whatever organisation they ask for.
      seen: async (reader) => {
        if (reader === 'admin') return labels(await adminUnion('/v1/people', (organization) => ({ organization })));
        const res = await http().get('/v1/people').query({ limit: '200', organization: w.own }).auth(token(reader), bearer);
        return res.status === 200 ? labels(res.body.items as Json[]) : `${res.status} ${res.body.code}`;
      },
      expected: (reader) =>
        ({
          admin: Object.keys(w.people).sort(),
          'coord-own': ['coordOwn', 'partOwn'],
          'coord-other': ['coordOther', 'partOther'],
          'coord-third': ['coordThird', 'partThird'],
        })[reader as string] ?? '403 PERSON.NOT_MANAGER',
    },
    'GET /v1/people/:id': {
      seen: (reader) =>
        readable(
          reader,
          Object.values(w.people).map((p) => p.id),
          (id) => `/v1/people/${id}`,
          'PERSON.NOT_FOUND',
        ),
      expected: (reader) => {
        const me = personOf(w, reader);
        const coordinatorOf = reader.startsWith('coord-') ? me!.organization : null;
        return Object.entries(w.people)
          .filter(([, p]) => reader === 'admin' || p.id === me?.id || p.organization === coordinatorOf)
          .map(([name]) => name)
          .sort();
      },
    },
    'GET /v1/me': {
      seen: async (reader) =>
        reader === 'admin'
          ? refusal(reader, '/v1/me')
          : label((await must(http().get('/v1/me').auth(token(reader), bearer), 200, 'me')).id),
      expected: (reader) => (reader === 'admin' ? '403 ME.NOT_A_PERSON' : nameOf.get(personOf(w, reader)!.id)),
    },
    'GET /v1/me/tokens': {
      // Each person's own token only: one, the current one.
      seen: async (reader) =>
        reader === 'admin'
          ? refusal(reader, '/v1/me/tokens')
          : (await allPages(stack, '/v1/me/tokens', token(reader))).map((t) => (t.current ? 'current' : `another ${t.id}`)),
      expected: (reader) => (reader === 'admin' ? '403 ME.NOT_A_PERSON' : ['current']),
    },
    'GET /v1/me/calendar': {
      // The caller's own feed: the address its rotation showed is the caller's, and the read shows that feed.
      seen: async (reader) => {
        if (reader === 'admin') return refusal(reader, '/v1/me/calendar');
        const rotated = await must(http().post('/v1/me/calendar/rotate').auth(token(reader), bearer), 200, 'rotate');
        const read = await must(http().get('/v1/me/calendar').auth(token(reader), bearer), 200, 'calendar');
        const owner = label(/\/v1\/calendar\/([0-9a-f-]+)\.ics/.exec(rotated.url as string)?.[1] ?? String(rotated.url));
        return `${owner}, ${read.createdAt === rotated.createdAt && read.url === null ? 'the same feed' : `another: ${JSON.stringify(read)}`}`;
      },
      expected: (reader) => (reader === 'admin' ? '403 ME.NOT_A_PERSON' : `${nameOf.get(personOf(w, reader)!.id)}, the same feed`),
    },
    'GET /v1/calendar/:personId.ics': {
      // The exchanges of each person's feed: those they take part in, and not those they only coordinate.
      seen: async (reader) => {
        if (reader === 'admin') return 'not a person';
        const { url } = await must(http().post('/v1/me/calendar/rotate').auth(token(reader), bearer), 200, 'rotate');
        const address = new URL(url as string);
        const feed = await http().get(`${address.pathname}${address.search}`).expect(200);
        return [...feed.text.matchAll(/^UID:exchange-([0-9a-f-]+)@liaison/gm)].map((m) => label(m[1])).sort();
      },
      expected: (reader) => (reader === 'admin' ? 'not a person' : names(EXCHANGE_IN_FEED_OF, reader).sort()),
    },
    'GET /v1/exchanges': {
      seen: async (reader) =>
        labels(
          reader === 'admin'
            ? await adminUnion('/v1/exchanges', (organization) => ({ organization }))
            : await allPages(stack, '/v1/exchanges', token(reader)),
        ),
      expected: (reader) => expectedLabels(names(EXCHANGE_SEEN_BY, reader)),
    },
    'GET /v1/exchanges/:id': {
      seen: (reader) => readable(reader, exchangeIds(), (id) => `/v1/exchanges/${id}`, 'EXCHANGE.NOT_FOUND'),
      expected: (reader) => expectedLabels(names(EXCHANGE_SEEN_BY, reader)),
    },
    'GET /v1/exchanges/:id/reminders': {
      // Coordinators of its organisations and admins; a participant, who sees the exchange, gets a 403.
      seen: async (reader) => {
        const res = await http()
          .get(`/v1/exchanges/${w.exchanges.shared.id as string}/reminders`)
          .auth(token(reader), bearer);
        if (res.status !== 200) return `${res.status} ${res.body.code ?? res.body.message}`;
        return (res.body.items as Json[]).map((r) => `${label(r.personId as string)} ${r.channel} lastError ${r.lastError}`).sort();
      },
      expected: (reader) =>
        ({
          admin: ['partOwn inapp lastError null', 'peerPart inapp lastError null'],
          'coord-own': ['partOwn inapp lastError null', 'peerPart inapp lastError null'],
          'part-own': '403 EXCHANGE.NOT_COORDINATOR',
        })[reader as string] ?? '404 EXCHANGE.NOT_FOUND',
    },
    'GET /v1/exchanges/:id/agenda': {
      seen: async (reader) => {
        const seen: Record<string, unknown> = {};
        for (const id of exchangeIds()) {
          const res = await http().get(`/v1/exchanges/${id}/agenda`).auth(token(reader), bearer);
          if (res.status === 200) {
            // A RESTRICTED request's title is on no agenda, whoever reads it.
            const leak = res.text.includes(w.requests.ownRestricted.title as string) ? ['the RESTRICTED title'] : [];
            seen[label(id)] = [...labels(res.body.items as Json[]), ...leak];
          } else if (res.body.code !== 'EXCHANGE.NOT_FOUND') seen[label(id)] = `${res.status} ${res.body.code}`;
        }
        return seen;
      },
      expected: (reader) =>
        Object.fromEntries(
          names(EXCHANGE_SEEN_BY, reader).map((exchange) => [
            exchange,
            expectedLabels(
              (Object.keys(AGENDA_ITEM_ON) as AgendaItemName[]).filter(
                (item) => AGENDA_ITEM_ON[item].on === exchange && !(AGENDA_ITEM_ON[item].request && reader.endsWith('-third')),
              ),
            ),
          ]),
        ),
    },
    'GET /v1/exchanges/:id/minutes': {
      // No minutes are drafted yet: who sees the exchange reads that (status none), the rest get a 404 for the exchange.
      seen: async (reader) => {
        const seen: Record<string, string> = {};
        for (const id of exchangeIds()) {
          const res = await http().get(`/v1/exchanges/${id}/minutes`).auth(token(reader), bearer);
          if (res.body.code !== 'EXCHANGE.NOT_FOUND')
            seen[label(id)] = `${res.status} ${res.body.code ?? `${res.body.status} ${res.body.text}`}`;
        }
        return seen;
      },
      expected: (reader) => Object.fromEntries(names(EXCHANGE_SEEN_BY, reader).map((e) => [e, '200 none null'])),
    },
    'GET /v1/exchanges/:id/action-items': {
      seen: async (reader) => {
        const seen: Record<string, unknown> = {};
        for (const id of exchangeIds()) {
          const res = await http().get(`/v1/exchanges/${id}/action-items`).auth(token(reader), bearer);
          if (res.status === 200) seen[label(id)] = labels(res.body.items as Json[]);
          else if (res.body.code !== 'EXCHANGE.NOT_FOUND') seen[label(id)] = `${res.status} ${res.body.code}`;
        }
        return seen;
      },
      expected: (reader) =>
        Object.fromEntries(
          names(EXCHANGE_SEEN_BY, reader).map((e) => [
            e,
            (Object.keys(ACTION_ITEM_ON) as ActionItemName[]).filter((item) => ACTION_ITEM_ON[item] === e).sort(),
          ]),
        ),
    },
    'GET /v1/exchanges/:id/action-items/:itemId': {
      seen: async (reader) => {
        const seen: string[] = [];
        for (const [name, item] of Object.entries(w.actionItems)) {
          const res = await http()
            .get(`/v1/exchanges/${item.exchangeId as string}/action-items/${item.id as string}`)
            .auth(token(reader), bearer);
          if (res.status === 200) seen.push(name);
          else if (res.body.code !== 'EXCHANGE.NOT_FOUND') seen.push(`${name}: ${res.status} ${res.body.code}`);
        }
        return seen.sort();
      },
      expected: (reader) =>
        (Object.keys(ACTION_ITEM_ON) as ActionItemName[]).filter((i) => EXCHANGE_SEEN_BY[ACTION_ITEM_ON[i]].includes(reader)).sort(),
    },
    'GET /v1/action-items': {
      seen: async (reader) =>
        labels(
          reader === 'admin'
            ? (
                await Promise.all(
                  [w.people.partOwn, w.people.peerPart, w.people.partThird, w.people.partOther].map((p) =>
                    allPages(stack, '/v1/action-items', ADMIN_TOKEN, { owner: p.id }),
                  ),
                )
              ).flat()
            : await allPages(stack, '/v1/action-items', token(reader)),
        ),
      expected: (reader) =>
        (Object.keys(ACTION_ITEM_ON) as ActionItemName[]).filter((i) => EXCHANGE_SEEN_BY[ACTION_ITEM_ON[i]].includes(reader)).sort(),
    },
    'GET /v1/series': {
      // The list holds what each one may read (GET /v1/series/:id): the world's series only (another suite's are not counted).
      seen: async (reader) => labels((await allPages(stack, '/v1/series', token(reader))).filter((row) => nameOf.has(row.id as string))),
      expected: (reader) => names(SERIES_SEEN_BY, reader).sort(),
    },
    'GET /v1/series/:id': {
      seen: (reader) => readable(reader, ids(w.series), (id) => `/v1/series/${id}`, 'SERIES.NOT_FOUND'),
      expected: (reader) => names(SERIES_SEEN_BY, reader).sort(),
    },
    'GET /v1/series/:id/exchanges': {
      seen: async (reader) => {
        const seen: Record<string, unknown> = {};
        for (const id of ids(w.series)) {
          const res = await http().get(`/v1/series/${id}/exchanges`).auth(token(reader), bearer);
          if (res.status === 200) seen[label(id)] = labels(res.body.items as Json[]);
          else if (res.body.code !== 'SERIES.NOT_FOUND') seen[label(id)] = `${res.status} ${res.body.code}`;
        }
        return seen;
      },
      expected: (reader) =>
        Object.fromEntries(names(SERIES_SEEN_BY, reader).map((s) => [s, [s === 'ownSeries' ? 'ownOccurrence' : 'otherOccurrence']])),
    },
    'GET /v1/support-requests': {
      seen: async (reader) =>
        labels(
          reader === 'admin'
            ? await adminUnion('/v1/support-requests', (organization) => ({ organization }))
            : await allPages(stack, '/v1/support-requests', token(reader)),
        ),
      expected: (reader) => expectedLabels(names(REQUEST_SEEN_BY, reader)),
    },
    'GET /v1/support-requests/:id': {
      seen: (reader) => readable(reader, ids(w.requests), (id) => `/v1/support-requests/${id}`, 'SUPPORT.NOT_FOUND'),
      expected: (reader) => expectedLabels(names(REQUEST_SEEN_BY, reader)),
    },
    'GET /v1/admin/audit': {
      // Admins read every organisation's trail: what people of each organisation of the suite did, by entity.
      seen: async (reader) => {
        if (reader !== 'admin') return refusal(reader, '/v1/admin/audit');
        const byOrg: Record<string, string[]> = {};
        for (const org of ORGANIZATIONS) {
          const rows = await allPages(stack, '/v1/admin/audit', ADMIN_TOKEN, { organization: w[org] });
          byOrg[org] = [...new Set(rows.map((r) => `${r.action} ${label(r.entityId as string)}`))].sort();
        }
        return byOrg;
      },
      expected: (reader) =>
        reader !== 'admin'
          ? '403 ACCESS.ROLE_REQUIRED'
          : {
              own: [
                ...['shared', 'ownInternal', 'ownWithoutPartOwn', 'restricted', 'trilateral'].map((e) => `exchange.create ${e}`),
                'series.create ownSeries',
                'support-request.submit ownRequest',
                'support-request.submit ownRestricted',
                'support-request.raise ownRequest',
                'support-request.raise ownRestricted',
                ...['sharedPlain', 'restrictedPlain', 'trilateralPlain'].map((i) => `agenda-item.add ${i}`),
                'person.calendar.rotate coordOwn',
                'person.calendar.rotate partOwn',
                ...['sharedItem', 'withoutPartOwnItem', 'restrictedItem', 'trilateralItem'].map((i) => `action-item.create ${i}`),
              ].sort(),
              peer: [],
              other: [
                'exchange.create otherPeer',
                'exchange.create otherInternal',
                'series.create otherSeries',
                'support-request.submit otherRequest',
                'agenda-item.add otherPlain',
                'person.calendar.rotate coordOther',
                'person.calendar.rotate partOther',
                'action-item.create otherItem',
              ].sort(),
              third: ['person.calendar.rotate coordThird', 'person.calendar.rotate partThird'],
            },
    },
    'GET /v1/admin/workflows': {
      // The workflows of each organisation of the suite (Temporal's visibility lags a little).
      seen: async (reader) => {
        if (reader !== 'admin') return refusal(reader, '/v1/admin/workflows');
        const list = (org: (typeof ORGANIZATIONS)[number]) =>
          allPages(stack, '/v1/admin/workflows', ADMIN_TOKEN, { organization: w[org] }).then((rows) =>
            rows.map((r) => `${r.kind} ${label(r.entityId as string)}`).sort(),
          );
        const expected = this_expected_workflows(w);
        const byOrg: Record<string, string[]> = {};
        for (const org of ORGANIZATIONS) {
          byOrg[org] = await waitFor(
            `the workflows of ${org} listed`,
            () => list(org),
            (seen) => seen.length >= expected[org].length,
            20_000,
          );
        }
        return byOrg;
      },
      expected: (reader) => (reader !== 'admin' ? '403 ACCESS.ROLE_REQUIRED' : this_expected_workflows(w)),
    },
    'GET /v1/admin/workflows/:workflowId': {
      seen: async (reader) => {
        const seen: string[] = [];
        for (const [name, e] of Object.entries(w.exchanges)) {
          const res = await http()
            .get(`/v1/admin/workflows/exchange-${e.id as string}`)
            .auth(token(reader), bearer);
          seen.push(
            res.status === 200
              ? `${name}: ${[...(res.body.organizations as string[])]
                  .map((c) => nameOf.get(c))
                  .sort()
                  .join('+')}`
              : `${name}: ${res.status}`,
          );
        }
        return seen.sort();
      },
      expected: (reader) =>
        Object.entries(w.exchanges)
          .map(([name, e]) =>
            reader === 'admin'
              ? `${name}: ${[...(e.organizations as string[])]
                  .map((c) => nameOf.get(c))
                  .sort()
                  .join('+')}`
              : `${name}: 403`,
          )
          .sort(),
    },
    'GET /v1/admin/reminders': {
      // Every reminder of every organisation; the world's: the shared exchange's two, and those of the occurrences (the series' default offsets).
      seen: async (reader) => {
        if (reader !== 'admin') return refusal(reader, '/v1/admin/reminders');
        const rows = await allPages(stack, '/v1/admin/reminders', ADMIN_TOKEN, { status: 'scheduled', channel: 'inapp', kind: 'exchange' });
        return rows
          .filter((r) => nameOf.has((r.about as Json).id as string))
          .map((r) => `${label((r.about as Json).id as string)} ${label((r.person as Json).id as string)}`)
          .sort();
      },
      expected: (reader) => {
        if (reader !== 'admin') return '403 ACCESS.ROLE_REQUIRED';
        const offsets = (series: Json) => (series.reminderOffsets as string[]).length;
        const times = (n: number, row: string) => Array.from({ length: n }, () => row);
        return [
          'shared partOwn',
          'shared peerPart',
          ...times(offsets(w.series.ownSeries), 'ownOccurrence partOwn'),
          ...times(offsets(w.series.ownSeries), 'ownOccurrence peerPart'),
          ...times(offsets(w.series.otherSeries), 'otherOccurrence partOther'),
        ].sort();
      },
    },
  };

  /** Read routes without rows of an organisation, and where what they show is checked instead. */
  const NO_ROWS: Record<string, string> = {
    'GET /health/live': 'public, no rows',
    'GET /health/ready': 'public, no rows',
    'GET /metrics': 'public counters, no rows',
    'GET /docs': 'the OpenAPI page',
    'GET /docs/openapi.json': 'the OpenAPI document',
    'GET /docs-yaml': 'the OpenAPI document',
    'GET /v1/areas': 'a catalogue, the same for every token',
    'GET /v1/a4p-areas': 'a catalogue, the same for every token',
    'GET /v1/me/notifications': 'each inbox holds its person’s notifications only: restricted-content.e2e-spec.ts',
    'GET /v1/admin/queues': 'queue counts, no rows',
    'GET /admin': 'the admin page (a cookie), admin-page.e2e-spec.ts',
    'GET /admin/login': 'the login form',
    'GET /v1/auth/oidc/start': 'a redirect to the OpenID provider, no rows',
    'GET /v1/auth/oidc/callback': 'a redirect back to the web app, no rows',
    'GET /v1/auth/methods': 'the ways to sign in, the same for everyone',
    'GET /v1/exchanges/:id/attendance/delegates': 'a participant’s own colleagues, no one else’s: attendance.e2e-spec.ts',
    'GET /v1/attendance/link': 'one signed link’s own person and exchange, whoever calls: attendance-links.e2e-spec.ts',
    'GET /v1/auth/session': 'the caller’s own session (a cookie), sign-in.e2e-spec.ts',
    'GET /v1/me/sessions': 'the caller’s own sessions only, sign-in.e2e-spec.ts',
    'GET /v1/organizations/:code/event-subscriptions':
      'one organisation’s, for its coordinators and admins only: event-subscriptions.e2e-spec.ts',
    'GET /v1/organizations/:code/event-subscriptions/:id':
      'one organisation’s, for its coordinators and admins only: event-subscriptions.e2e-spec.ts',
    'GET /v1/organizations/:code/event-subscriptions/:id/deliveries':
      'one subscription’s log, for its organisation’s coordinators and admins: event-subscriptions.e2e-spec.ts',
    'GET /v1/me/waiting': 'the caller’s own to-do, each item one of their rows the other routes here check: waiting.e2e-spec.ts',
  };

  it('has a row check, or says why there is none, for every read route of docs/ACCESS.md', () => {
    expect({
      unchecked: READ_ROUTES.filter((r) => !(r in CHECKS) && !(r in NO_ROWS)),
      notARoute: [...Object.keys(CHECKS), ...Object.keys(NO_ROWS)].filter((r) => !READ_ROUTES.includes(r)),
    }).toEqual({ unchecked: [], notARoute: [] });
  });

  it.each(Object.keys(CHECKS))('%s', async (endpoint) => {
    const check = CHECKS[endpoint];
    const seen = {} as Observed;
    const expected = {} as Observed;
    for (const reader of PEOPLE_CALLERS) {
      seen[reader] = await check.seen(reader);
      expected[reader] = check.expected(reader);
    }
    expect(seen).toEqual(expected);
  });
});

/** The workflows of each organisation of the world: its exchanges (occurrences included), series and support requests. */
function this_expected_workflows(w: AccessWorld): Record<string, string[]> {
  const of = (code: string) => [
    ...Object.entries(w.exchanges)
      .filter(([, e]) => (e.organizations as string[]).includes(code))
      .map(([name]) => `exchange ${name}`),
    ...Object.entries(w.series)
      .filter(([, s]) => (s.organizations as string[]).includes(code))
      .map(([name]) => `series ${name}`),
    ...Object.entries(w.requests)
      .filter(([, r]) => [r.requestingOrganization, r.providingOrganization].includes(code))
      .map(([name]) => `support-request ${name}`),
  ];
  return { own: of(w.own).sort(), peer: of(w.peer).sort(), other: of(w.other).sort(), third: of(w.third).sort() };
}
