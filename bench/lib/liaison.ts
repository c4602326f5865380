import { randomUUID } from 'node:crypto';
import { BENCH, BenchStack } from './stack';

/** A call to the bench stack's API; anything but the expected status is an error that says what came back. */
export async function call<T = any>(
  stack: BenchStack,
  method: string,
  path: string,
  token: string,
  body?: unknown,
  expect = [200, 201],
): Promise<T> {
  const res = await fetch(`${stack.apiUrl}${path}`, {
    method,
    headers: { Authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  if (!expect.includes(res.status)) throw new Error(`${method} ${path}: ${res.status} ${text.slice(0, 500)}`);
  return (text ? JSON.parse(text) : undefined) as T;
}

/** The people a benchmark acts as and sends reminders to. */
export interface Cast {
  organizations: [string, string];
  coordinatorToken: string;
  /** In-app only (`channels.email` off): one reminder per person and offset. */
  participantIds: string[];
}

/**
 * Two organisations, a coordinator in the first, and `participants` people spread over both,
 * made through the API as an administrator would.
 */
export async function createCast(stack: BenchStack, participants: number): Promise<Cast> {
  const organizations: [string, string] = ['BENCH-A', 'BENCH-B'];
  for (const code of organizations) {
    await call(stack, 'POST', '/v1/organizations', BENCH.adminToken, {
      code,
      name: `Bench secretariat ${code}`,
      timezone: 'Europe/Brussels',
    });
  }
  const person = (organization: string, roles: string[]) =>
    call<{ id: string; token: string }>(stack, 'POST', '/v1/people', BENCH.adminToken, {
      name: `Bench ${roles[0]} ${randomUUID().slice(0, 8)}`,
      email: `bench-${randomUUID()}@bench.example.org`,
      organization,
      level: 'working',
      roles,
      timezone: 'Europe/Brussels',
      channels: { email: false },
    });
  const coordinator = await person(organizations[0], ['coordinator', 'participant']);
  const participantIds: string[] = [];
  for (let i = 0; i < participants; i++) participantIds.push((await person(organizations[i % 2], ['participant'])).id);
  return { organizations, coordinatorToken: coordinator.token, participantIds };
}

/** The body of `POST /v1/exchanges` for an exchange of the cast starting at `startsAt`. */
export function exchangeBody(cast: Cast, startsAt: Date, reminderOffsets: string[], participantIds = cast.participantIds): object {
  return {
    title: `Bench exchange ${randomUUID().slice(0, 8)}`,
    level: 'working',
    areas: ['POC'],
    organizations: cast.organizations,
    hostOrganization: cast.organizations[0],
    startsAt: startsAt.toISOString(),
    durationMinutes: 60,
    timezone: 'Europe/Brussels',
    participantIds,
    reminderOffsets,
  };
}
