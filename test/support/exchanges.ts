import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import type { Schemas } from '../../libs/client/src';
import { CreateExchangeBody, CreateSeriesBody, unexpected } from './typed-client';
import { createOrganization, createPerson, TestPerson, waitFor } from './fixtures';
import { closeAllBeforeStop } from './before-stop';
import { StackOptions, TestStack } from './stack';

/**
 * The two organisations of the declaration, as one suite's own: `un` and `nato` are codes no other
 * suite uses (`UN-3FA2C1`, `NATO-08B7E4`), so what a suite lists and counts is its own.
 */
export interface Cast {
  un: string;
  nato: string;
  unCoordinator: TestPerson;
  natoCoordinator: TestPerson;
  participants: TestPerson[];
}

/** The suite's two organisations, a coordinator each and participants with e-mail on (NATO, UN, NATO…). */
export async function castOf(stack: TestStack, participants = 2): Promise<Cast> {
  const un = await createOrganization(stack, 'UN', 'America/New_York');
  const nato = await createOrganization(stack, 'NATO', 'Europe/Brussels');
  const unCoordinator = await createPerson(stack, un, { roles: ['coordinator', 'participant'] });
  const natoCoordinator = await createPerson(stack, nato, { roles: ['coordinator', 'participant'] });
  const people: TestPerson[] = [];
  for (let i = 0; i < participants; i++) {
    people.push(
      await createPerson(stack, i % 2 === 0 ? nato : un, {
        email: true,
        timezone: i % 2 === 0 ? 'Europe/Brussels' : 'America/New_York',
      }),
    );
  }
  return { un, nato, unCoordinator, natoCoordinator, participants: people };
}

/** An exchange between the cast's two organisations, hosted by its UN; `overrides` give the rest. */
export function exchangeBody(cast: Pick<Cast, 'un' | 'nato'>, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const defaults: Partial<CreateExchangeBody> = {
    title: `Staff talks ${randomUUID().slice(0, 6)}`,
    level: 'working',
    areas: ['POC', 'WPS'],
    organizations: [cast.un, cast.nato],
    hostOrganization: cast.un,
    durationMinutes: 60,
    timezone: 'Europe/Brussels',
    location: 'Video link',
  };
  return { ...defaults, ...overrides };
}

export async function createExchange(
  stack: TestStack,
  coordinator: TestPerson,
  body: Record<string, unknown>,
): Promise<Record<string, any>> {
  // The caller's body (exchangeBody and its overrides, or one of its own): cast to the document's type here.
  const { data, error, response } = await (
    await stack.client(coordinator.token)
  ).POST('/v1/exchanges', { body: body as Schemas['CreateExchangeDto'] });
  if (!data || response.status !== 201) throw unexpected('create exchange', response, error);
  return data as Record<string, any>;
}

export async function remindersOf(stack: TestStack, coordinator: TestPerson, exchangeId: string): Promise<Array<Record<string, any>>> {
  const { data, error, response } = await (
    await stack.client(coordinator.token)
  ).GET('/v1/exchanges/{id}/reminders', { params: { path: { id: exchangeId }, query: { limit: 200 } } });
  if (!data || response.status !== 200) throw unexpected(`reminders of exchange ${exchangeId}`, response, error);
  return data.items;
}

export async function inboxOf(stack: TestStack, person: TestPerson): Promise<Array<Record<string, any>>> {
  const { data, error, response } = await (
    await stack.client(person.token)
  ).GET('/v1/me/notifications', { params: { query: { limit: 200 } } });
  if (!data || response.status !== 200) throw unexpected(`inbox of ${person.email}`, response, error);
  return data.items;
}

/** A running stack and a cast for the enclosing `describe`: started before its tests, stopped after. */
export function useStack(
  participants: number,
  env: Record<string, string> = {},
  options: StackOptions = {},
): { stack: TestStack; cast: Cast } {
  const world = {} as { stack: TestStack; cast: Cast };
  beforeAll(async () => {
    world.stack = await TestStack.start(env, options);
    world.cast = await castOf(world.stack, participants);
  });
  afterAll(async () => {
    await closeAllBeforeStop();
    await world.stack?.stop();
  });
  return world;
}

/** The body of each action on an exchange, as the document types it. */
interface ActionBodies {
  confirm: Schemas['ConfirmExchangeDto'];
  reschedule: Schemas['RescheduleExchangeDto'];
  cancel: Schemas['CancelExchangeDto'];
}
type ExchangeAction = keyof ActionBodies;

/**
 * `POST /v1/exchanges/:id/<action>` as `person`, through the typed client: its answer as the client
 * gives it (`{ data, error, response }`), for the caller to check; `answered()` when it must be a 200.
 */
export async function act<A extends ExchangeAction>(
  stack: TestStack,
  person: TestPerson,
  exchangeId: string,
  action: A,
  body: ActionBodies[A],
) {
  // The path and body of one of the three operations, which the client types as their union.
  const path: `/v1/exchanges/{id}/${ExchangeAction}` = `/v1/exchanges/{id}/${action}`;
  const sent: ActionBodies[ExchangeAction] = body;
  return (await stack.client(person.token)).POST(path, { params: { path: { id: exchangeId } }, body: sent });
}

/** A series between the cast's UN and NATO, hosts alternating; `overrides` give the rule and the rest. */
export function seriesBody(
  cast: Pick<Cast, 'un' | 'nato'>,
  overrides: { rrule: string; dtstart: string; timezone: string } & Record<string, unknown>,
) {
  return {
    title: `Consultation ${randomUUID().slice(0, 6)}`,
    level: 'working' as const,
    areas: ['POC'],
    organizations: [cast.un, cast.nato],
    hostRotation: [cast.un, cast.nato],
    durationMinutes: 60,
    participantIds: [] as string[],
    ...overrides,
  };
}

/** `POST /v1/series` as `person`, through the typed client: its answer as the client gives it (`{ data, error, response }`). */
export async function createSeries(stack: TestStack, person: TestPerson, body: CreateSeriesBody) {
  return (await stack.client(person.token)).POST('/v1/series', { body });
}

/** The audit trail of one entity, oldest first, read from Postgres. */
export async function auditOf(
  stack: TestStack,
  entityId: string,
): Promise<Array<{ action: string; fromState: string | null; toState: string | null; actorId: string | null }>> {
  return stack.api
    .get(DataSource)
    .query(
      `SELECT action, from_state AS "fromState", to_state AS "toState", actor_id AS "actorId" FROM audit_events WHERE entity_id = $1 ORDER BY id`,
      [entityId],
    );
}

/** `GET /v1/exchanges/:id` as `person`. */
export async function exchangeOf(stack: TestStack, person: TestPerson, id: string): Promise<Record<string, any>> {
  const { data, error, response } = await (await stack.client(person.token)).GET('/v1/exchanges/{id}', { params: { path: { id } } });
  if (!data || response.status !== 200) throw unexpected(`exchange ${id}`, response, error);
  return data;
}

/** Waits until the exchange has reached `status` (read from the API, as a client would). */
export function statusReached(stack: TestStack, person: TestPerson, id: string, status: string, timeoutMs?: number) {
  return waitFor(
    `exchange ${id} ${status}`,
    () => exchangeOf(stack, person, id),
    (exchange) => exchange.status === status,
    timeoutMs,
  );
}

/**
 * How far ahead of now a test must put a reminder's due time for it to be planned before it falls
 * due on this stack, as this machine runs now: four times what the stack took to create a probe
 * exchange and plan its reminder, and at least 5 s. Tests derive their schedules from it instead of
 * guessing seconds, and `plannedInTime` checks the guess held.
 */
export async function planningLeadMs(stack: TestStack, cast: Cast): Promise<number> {
  const probe = await createPerson(stack, cast.un);
  const started = Date.now();
  const exchange = await createExchange(
    stack,
    cast.unCoordinator,
    exchangeBody(cast, {
      startsAt: new Date(Date.now() + 86_400_000).toISOString(),
      participantIds: [probe.id],
      reminderOffsets: ['PT1H'],
    }),
  );
  await waitFor(
    `the probe exchange ${exchange.id as string} planned`,
    () => remindersOf(stack, cast.unCoordinator, exchange.id as string),
    (items) => items.length > 0,
  );
  return Math.max(5000, 4 * (Date.now() - started));
}

/**
 * Waits until the exchange's reminders of `revision` (the newest when omitted) are planned, and
 * fails if one was planned after its due time (`skipped` at planning): the schedule was too tight.
 */
export async function plannedInTime(
  stack: TestStack,
  coordinator: TestPerson,
  exchangeId: string,
  count: number,
  revision?: number,
): Promise<Array<Record<string, any>>> {
  const ofRevision = (items: Array<Record<string, any>>) => {
    const newest = revision ?? Math.max(0, ...items.map((r) => r.revision as number));
    return items.filter((r) => r.revision === newest);
  };
  const planned = ofRevision(
    await waitFor(
      `${count} reminders of exchange ${exchangeId} planned`,
      () => remindersOf(stack, coordinator, exchangeId),
      (items) => ofRevision(items).length >= count,
    ),
  );
  const late = planned.filter((r) => r.status === 'skipped');
  if (late.length > 0) throw new Error(`planned after their due time (the test's schedule was too tight): ${JSON.stringify(late)}`);
  return planned;
}
