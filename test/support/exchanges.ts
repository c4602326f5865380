import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { ensureOrganization, createPerson, eventually, TestPerson } from './fixtures';
import { TestStack } from './stack';

export interface Cast {
  unCoordinator: TestPerson;
  natoCoordinator: TestPerson;
  participants: TestPerson[];
}

/** The two organisations of the declaration, a coordinator each and participants with e-mail on. */
export async function castOf(stack: TestStack, participants = 2): Promise<Cast> {
  await ensureOrganization(stack, 'UN', 'America/New_York');
  await ensureOrganization(stack, 'NATO', 'Europe/Brussels');
  const unCoordinator = await createPerson(stack, 'UN', { roles: ['coordinator', 'participant'] });
  const natoCoordinator = await createPerson(stack, 'NATO', { roles: ['coordinator', 'participant'] });
  const people: TestPerson[] = [];
  for (let i = 0; i < participants; i++) {
    people.push(
      await createPerson(stack, i % 2 === 0 ? 'NATO' : 'UN', {
        email: true,
        timezone: i % 2 === 0 ? 'Europe/Brussels' : 'America/New_York',
      }),
    );
  }
  return { unCoordinator, natoCoordinator, participants: people };
}

export function exchangeBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    title: `Staff talks ${randomUUID().slice(0, 6)}`,
    level: 'working',
    areas: ['POC', 'WPS'],
    organizations: ['UN', 'NATO'],
    hostOrganization: 'UN',
    durationMinutes: 60,
    timezone: 'Europe/Brussels',
    location: 'Video link',
    ...overrides,
  };
}

export async function createExchange(
  stack: TestStack,
  coordinator: TestPerson,
  body: Record<string, unknown>,
): Promise<Record<string, any>> {
  const res = await stack.http().post('/v1/exchanges').auth(coordinator.token, { type: 'bearer' }).send(body);
  if (res.status !== 201) throw new Error(`create exchange: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as Record<string, any>;
}

export async function remindersOf(stack: TestStack, coordinator: TestPerson, exchangeId: string): Promise<Array<Record<string, any>>> {
  const res = await stack
    .http()
    .get(`/v1/exchanges/${exchangeId}/reminders?limit=200`)
    .auth(coordinator.token, { type: 'bearer' })
    .expect(200);
  return res.body.items as Array<Record<string, any>>;
}

export async function inboxOf(stack: TestStack, person: TestPerson): Promise<Array<Record<string, any>>> {
  const res = await stack.http().get('/v1/me/notifications?limit=200').auth(person.token, { type: 'bearer' }).expect(200);
  return res.body.items as Array<Record<string, any>>;
}

/** A running stack and a cast for the enclosing `describe`: started before its tests, stopped after. */
export function useStack(participants: number, env: Record<string, string> = {}): { stack: TestStack; cast: Cast } {
  const world = {} as { stack: TestStack; cast: Cast };
  beforeAll(async () => {
    world.stack = await TestStack.start(env);
    world.cast = await castOf(world.stack, participants);
  });
  afterAll(async () => world.stack?.stop());
  return world;
}

/** `POST /v1/exchanges/:id/<action>` as `person`. */
export function act(stack: TestStack, person: TestPerson, exchangeId: string, action: 'confirm' | 'reschedule' | 'cancel', body: object) {
  return stack.http().post(`/v1/exchanges/${exchangeId}/${action}`).auth(person.token, { type: 'bearer' }).send(body);
}

/** A series between UN and NATO, hosts alternating; `overrides` give the rule and the rest. */
export function seriesBody(overrides: { rrule: string; dtstart: string; timezone: string } & Record<string, unknown>) {
  return {
    title: `Consultation ${randomUUID().slice(0, 6)}`,
    level: 'working' as const,
    areas: ['POC'],
    organizations: ['UN', 'NATO'],
    hostRotation: ['UN', 'NATO'],
    durationMinutes: 60,
    participantIds: [] as string[],
    ...overrides,
  };
}

/** `POST /v1/series` as `person`. */
export function createSeries(stack: TestStack, person: TestPerson, body: object) {
  return stack.http().post('/v1/series').auth(person.token, { type: 'bearer' }).send(body);
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
  return (await stack.http().get(`/v1/exchanges/${id}`).auth(person.token, { type: 'bearer' }).expect(200)).body as Record<string, any>;
}

/** Waits until the exchange has reached `status` (read from the API, as a client would). */
export function statusReached(stack: TestStack, person: TestPerson, id: string, status: string, timeoutMs: number) {
  return eventually(
    async () => ((await exchangeOf(stack, person, id)).status === status ? true : undefined),
    timeoutMs,
    `exchange ${id} ${status}`,
  );
}
