import { randomUUID } from 'node:crypto';
import type { Test } from 'supertest';
import { DataSource } from 'typeorm';
import { appendAgendaItem } from '../../libs/persistence/src/repositories/agenda.repository';
import type { Schemas } from '../../libs/client/src';
import { OrganizationEntity } from '../../libs/persistence/src';
import { createExchange, exchangeBody, seriesBody } from './exchanges';
import { createOrganization, createPerson, TestPerson, waitFor } from './fixtures';
import { ADMIN_TOKEN, TestStack } from './stack';
import { answered, CreateSupportRequestBody } from './typed-client';

export const bearer = { type: 'bearer' } as const;
export type Json = Record<string, any>;
const DAY_MS = 86_400_000;

/**
 * The answer of `test` if it has `status`; otherwise fails, saying what it got. For the callers'
 * own supertest requests; the seeding below calls through the typed client.
 */
export async function must(test: Test, status: number, what: string): Promise<Json> {
  const res = await test;
  if (res.status !== status) throw new Error(`${what}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as Json;
}

/**
 * Every item of a paged list (`{ items, nextCursor }`), page after page. Over supertest: its callers
 * name the list by a path string made at run time (one of many, ids filled in), which the typed
 * client would only take cast to one of its paths.
 */
export async function allPages(stack: TestStack, path: string, token: string, query: Record<string, string> = {}): Promise<Json[]> {
  const items: Json[] = [];
  let cursor: string | undefined;
  do {
    const page = await must(
      stack
        .http()
        .get(path)
        .auth(token, bearer)
        .query({ ...query, limit: '200', ...(cursor ? { cursor } : {}) }),
      200,
      `GET ${path}`,
    );
    items.push(...(page.items as Json[]));
    cursor = (page.nextCursor as string | null) ?? undefined;
  } while (cursor);
  return items;
}

/** The callers of the row checks: the six columns of the matrix and the two of a third organisation. */
export const CALLERS = ['anon', 'admin', 'coord-own', 'part-own', 'coord-other', 'part-other', 'coord-third', 'part-third'] as const;
export type Caller = (typeof CALLERS)[number];

/** The exchanges of the world, by name (the test's messages name rows so). */
export type ExchangeName =
  | 'shared'
  | 'ownInternal'
  | 'ownWithoutPartOwn'
  | 'restricted'
  | 'trilateral'
  | 'ownOccurrence'
  | 'otherPeer'
  | 'otherInternal'
  | 'otherOccurrence';
export type SeriesName = 'ownSeries' | 'otherSeries';
export type RequestName = 'ownRequest' | 'ownRestricted' | 'otherRequest';
export type ActionItemName = 'sharedItem' | 'withoutPartOwnItem' | 'restrictedItem' | 'trilateralItem' | 'otherItem';
/** Agenda items: a plain one on each of these exchanges, and the support requests on them. */
export type AgendaItemName =
  'sharedPlain' | 'sharedRaised' | 'sharedRaisedRestricted' | 'restrictedPlain' | 'trilateralPlain' | 'trilateralLegacy' | 'otherPlain';

/**
 * The seeded world of the row checks: four organisations of the suite's own (OWN, PEER, OTHER,
 * THIRD; unique codes), their people, and rows of each kind that the callers may or may not see.
 */
export interface AccessWorld {
  own: string;
  peer: string;
  other: string;
  third: string;
  people: Record<
    'coordOwn' | 'partOwn' | 'coordOther' | 'partOther' | 'coordThird' | 'partThird' | 'peerCoord' | 'peerPart' | 'peerSenior',
    TestPerson
  >;
  exchanges: Record<ExchangeName, Json>;
  series: Record<SeriesName, Json>;
  requests: Record<RequestName, Json>;
  actionItems: Record<ActionItemName, Json>;
  agendaItems: Record<AgendaItemName, string>;
  /** What a RESTRICTED exchange keeps out of what leaves Liaison: shown in full in the API. */
  restrictedText: { title: string; location: string; agenda: string };
}

/** The person behind a caller column (null: anon and the admin token). */
export function personOf(world: AccessWorld, caller: Caller): TestPerson | null {
  const byCaller: Record<Caller, TestPerson | null> = {
    anon: null,
    admin: null,
    'coord-own': world.people.coordOwn,
    'part-own': world.people.partOwn,
    'coord-other': world.people.coordOther,
    'part-other': world.people.partOther,
    'coord-third': world.people.coordThird,
    'part-third': world.people.partThird,
  };
  return byCaller[caller];
}

export function tokenOf(world: AccessWorld, caller: Caller): string | null {
  return caller === 'admin' ? ADMIN_TOKEN : (personOf(world, caller)?.token ?? null);
}

/** Seeds the world through the API (and one legacy agenda row through the repository), waiting for what is asynchronous. */
export async function seedAccessWorld(stack: TestStack): Promise<AccessWorld> {
  const as = (person: TestPerson | string) => stack.client(typeof person === 'string' ? person : person.token);
  const org = (prefix: string) => createOrganization(stack, prefix, 'Europe/Brussels', { weekend: [] });
  const [own, peer, other, third] = [await org('OWN'), await org('PEER'), await org('OTHER'), await org('THIRD')];
  const coordinator = { roles: ['coordinator', 'participant'] };
  const people = {
    coordOwn: await createPerson(stack, own, coordinator),
    partOwn: await createPerson(stack, own),
    coordOther: await createPerson(stack, other, coordinator),
    partOther: await createPerson(stack, other),
    coordThird: await createPerson(stack, third, coordinator),
    partThird: await createPerson(stack, third),
    peerCoord: await createPerson(stack, peer, coordinator),
    peerPart: await createPerson(stack, peer),
    peerSenior: await createPerson(stack, peer, { level: 'senior' }),
  };
  const ownPeer = { un: own, nato: peer };
  const otherPeer = { un: other, nato: peer };
  const later = (days: number) => new Date(Date.now() + days * DAY_MS).toISOString();
  const restrictedText = {
    title: `Restricted talks ${randomUUID()}`,
    location: `Room R-${randomUUID()}`,
    agenda: `Restricted agenda ${randomUUID()}`,
  };
  const exchange = (by: TestPerson, cast: { un: string; nato: string }, overrides: Record<string, unknown>) =>
    createExchange(stack, by, exchangeBody(cast, { startsAt: later(30), reminderOffsets: [], ...overrides }));

  const exchanges = {
    // Reminder rows to read: one in-app reminder each for part-own and PEER's participant, a month ahead.
    shared: await exchange(people.coordOwn, ownPeer, {
      participantIds: [people.partOwn.id, people.peerPart.id],
      reminderOffsets: ['PT1H'],
    }),
    ownInternal: await exchange(people.coordOwn, ownPeer, { organizations: [own], participantIds: [people.partOwn.id] }),
    ownWithoutPartOwn: await exchange(people.coordOwn, ownPeer, { participantIds: [people.peerPart.id] }),
    restricted: await exchange(people.coordOwn, ownPeer, {
      title: restrictedText.title,
      location: restrictedText.location,
      marking: 'RESTRICTED',
      participantIds: [people.partOwn.id, people.peerPart.id],
    }),
    trilateral: await exchange(people.coordOwn, ownPeer, {
      level: 'senior',
      organizations: [own, peer, third],
      participantIds: [people.partOwn.id, people.peerPart.id, people.partThird.id],
    }),
    otherPeer: await exchange(people.coordOther, otherPeer, { participantIds: [people.partOther.id, people.peerPart.id] }),
    otherInternal: await exchange(people.coordOther, otherPeer, { organizations: [other], participantIds: [people.partOther.id] }),
  } as Record<ExchangeName, Json>;

  const newSeries = async (by: TestPerson, cast: { un: string; nato: string }, participantIds: string[]) =>
    answered(
      'series',
      201,
      (await as(by)).POST('/v1/series', {
        // seriesBody's type leaves out what the document defaults (the generated type requires it): cast here.
        body: seriesBody(cast, {
          rrule: 'FREQ=WEEKLY',
          dtstart: `${later(30).slice(0, 10)}T10:00`,
          timezone: 'Europe/Brussels',
          participantIds,
          horizon: 1,
        }),
      }),
    );
  const series = {
    ownSeries: await newSeries(people.coordOwn, ownPeer, [people.partOwn.id, people.peerPart.id]),
    otherSeries: await newSeries(people.coordOther, otherPeer, [people.partOther.id]),
  };
  for (const [name, of] of [
    ['ownOccurrence', series.ownSeries],
    ['otherOccurrence', series.otherSeries],
  ] as const) {
    const [occurrence] = await waitFor(
      `the one occurrence of series ${of.id}`,
      () => allPages(stack, `/v1/series/${of.id}/exchanges`, ADMIN_TOKEN),
      (items) => items.length === 1,
    );
    exchanges[name] = occurrence;
  }

  const file = async (by: TestPerson, requesting: string, marking: Schemas['CreateSupportRequestDto']['marking']) => {
    const body: CreateSupportRequestBody = {
      title: `C-IED training ${randomUUID()}`,
      description: 'Two-week course for 20 engineers before the next rotation.',
      requestingOrganization: requesting,
      requestingUnit: 'MINUSCA',
      providingOrganization: peer,
      area: 'A4P',
      a4pArea: 'SAFETY-SECURITY',
      priority: 'routine',
      marking,
      neededBy: later(30).slice(0, 10),
    };
    return answered('support request', 201, (await as(by)).POST('/v1/support-requests', { body: body }));
  };
  const requests = {
    ownRequest: await file(people.coordOwn, own, 'UNMARKED'),
    ownRestricted: await file(people.coordOwn, own, 'RESTRICTED'),
    otherRequest: await file(people.coordOther, other, 'UNMARKED'),
  };

  const agendaItem = async (exchangeId: string, by: TestPerson, title = `Item ${randomUUID()}`) =>
    (
      await answered(
        'agenda item',
        201,
        (await as(by)).POST('/v1/exchanges/{id}/agenda', { params: { path: { id: exchangeId } }, body: { title, area: 'POC' } }),
      )
    ).id as string;
  const raise = async (request: Json, exchangeId: string) => {
    const id = request.id as string;
    await answered(
      'raise',
      201,
      (await as(people.coordOwn)).POST('/v1/support-requests/{id}/raise', { params: { path: { id } }, body: { exchangeId } }),
    );
    const agenda = await answered(
      'agenda',
      200,
      (await as(ADMIN_TOKEN)).GET('/v1/exchanges/{id}/agenda', { params: { path: { id: exchangeId } } }),
    );
    return agenda.items.find((i) => i.supportRequestId === request.id)!.id as string;
  };
  const agendaItems = {
    sharedPlain: await agendaItem(exchanges.shared.id as string, people.coordOwn),
    sharedRaised: await raise(requests.ownRequest, exchanges.shared.id as string),
    sharedRaisedRestricted: await raise(requests.ownRestricted, exchanges.shared.id as string),
    restrictedPlain: await agendaItem(exchanges.restricted.id as string, people.coordOwn, restrictedText.agenda),
    trilateralPlain: await agendaItem(exchanges.trilateral.id as string, people.coordOwn),
    // As `raise` put a request on an exchange a third organisation attends, before it refused to: rows made then remain.
    trilateralLegacy: (
      await stack.api.get(DataSource).transaction(async (manager) =>
        appendAgendaItem(manager, {
          exchangeId: exchanges.trilateral.id as string,
          title: `Support request: ${requests.ownRequest.title}`,
          areaCode: 'A4P',
          proposingOrganizationId: (await manager.findOneByOrFail(OrganizationEntity, { code: own })).id,
          ownerId: people.coordOwn.id,
          acceptedBy: [own],
          supportRequestId: requests.ownRequest.id,
          createdBy: people.coordOwn.id,
        }),
      )
    ).id,
    otherPlain: await agendaItem(exchanges.otherPeer.id as string, people.coordOther),
  };

  const actionItem = async (exchangeId: string, by: TestPerson, ownerId: string) =>
    answered(
      'action item',
      201,
      (await as(by)).POST('/v1/exchanges/{id}/action-items', {
        params: { path: { id: exchangeId } },
        body: { title: `Action ${randomUUID()}`, ownerId, dueAt: later(40) },
      }),
    );
  const actionItems = {
    sharedItem: await actionItem(exchanges.shared.id as string, people.coordOwn, people.partOwn.id),
    withoutPartOwnItem: await actionItem(exchanges.ownWithoutPartOwn.id as string, people.coordOwn, people.peerPart.id),
    restrictedItem: await actionItem(exchanges.restricted.id as string, people.coordOwn, people.partOwn.id),
    trilateralItem: await actionItem(exchanges.trilateral.id as string, people.coordOwn, people.partThird.id),
    otherItem: await actionItem(exchanges.otherPeer.id as string, people.coordOther, people.partOther.id),
  };

  // Reminder rows (in-app only: nobody has e-mail): one per participant and offset, planned by each workflow.
  for (const name of ['shared', 'ownOccurrence', 'otherOccurrence'] as const) {
    const e = exchanges[name];
    const count = (e.reminderOffsets as string[]).length * (e.participantIds as string[]).length;
    await waitFor(
      `the ${count} reminders of ${name} planned`,
      () => allPages(stack, `/v1/exchanges/${e.id as string}/reminders`, ADMIN_TOKEN),
      (items) => items.length === count,
    );
  }
  return { own, peer, other, third, people, exchanges, series, requests, actionItems, agendaItems, restrictedText };
}
