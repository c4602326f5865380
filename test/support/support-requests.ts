import { randomUUID } from 'node:crypto';
import { ADMIN_TOKEN, TestStack } from './stack';
import { createPerson, eventually, TestPerson } from './fixtures';

/** Two organisations of the test's own (no weekend, so that service levels run on any day) and their people. */
export interface SupportCast {
  requesting: string;
  providing: string;
  requester: TestPerson;
  requesterParticipant: TestPerson;
  provider: TestPerson;
  providerSenior: TestPerson;
  assignee: TestPerson;
  outsider: TestPerson;
}

async function organization(stack: TestStack, prefix: string, timezone: string): Promise<string> {
  const code = `${prefix}-${randomUUID().slice(0, 6).toUpperCase()}`;
  await stack
    .http()
    .post('/v1/organizations')
    .auth(ADMIN_TOKEN, { type: 'bearer' })
    .send({ code, name: `${code} secretariat`, timezone, weekend: [] })
    .expect(201);
  return code;
}

export async function supportCast(stack: TestStack): Promise<SupportCast> {
  const requesting = await organization(stack, 'REQ', 'America/New_York');
  const providing = await organization(stack, 'PRV', 'Europe/Brussels');
  const third = await organization(stack, 'OUT', 'Asia/Tokyo');
  return {
    requesting,
    providing,
    requester: await createPerson(stack, requesting, { roles: ['coordinator', 'participant'], email: true }),
    requesterParticipant: await createPerson(stack, requesting, {}),
    provider: await createPerson(stack, providing, { roles: ['coordinator', 'participant'], email: true }),
    providerSenior: await createPerson(stack, providing, { level: 'senior', email: true }),
    assignee: await createPerson(stack, providing, { email: true }),
    outsider: await createPerson(stack, third, { roles: ['coordinator', 'participant'] }),
  };
}

export function requestBody(cast: SupportCast, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    title: `C-IED training ${randomUUID().slice(0, 6)}`,
    description: 'Two-week course for 20 engineers before the next rotation.',
    requestingOrganization: cast.requesting,
    requestingUnit: 'MINUSCA',
    providingOrganization: cast.providing,
    area: 'A4P',
    a4pArea: 'SAFETY-SECURITY',
    priority: 'routine',
    neededBy: new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10),
    links: ['https://docs.example.org/c-ied-syllabus.pdf'],
    ...overrides,
  };
}

export async function submit(stack: TestStack, cast: SupportCast, overrides: Record<string, unknown> = {}): Promise<Record<string, any>> {
  const res = await stack
    .http()
    .post('/v1/support-requests')
    .auth(cast.requester.token, { type: 'bearer' })
    .send(requestBody(cast, overrides));
  if (res.status !== 201) throw new Error(`submit: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as Record<string, any>;
}

/** `POST /v1/support-requests/:id/<step>` as `person`. */
export function step(stack: TestStack, person: TestPerson, id: string, name: string, body: object = {}) {
  return stack.http().post(`/v1/support-requests/${id}/${name}`).auth(person.token, { type: 'bearer' }).send(body);
}

export async function requestOf(stack: TestStack, person: TestPerson, id: string): Promise<Record<string, any>> {
  return (await stack.http().get(`/v1/support-requests/${id}`).auth(person.token, { type: 'bearer' }).expect(200)).body as Record<
    string,
    any
  >;
}

export function deadlineOf(request: Record<string, any>, kind: string): Record<string, any> {
  return (request.deadlines as Array<Record<string, any>>).find((d) => d.kind === kind)!;
}

/** Waits until the request's timeline holds an entry of `kind` (`deadline.breach`, say). */
export function timelineReached(stack: TestStack, person: TestPerson, id: string, kind: string, timeoutMs = 20_000) {
  return eventually(
    async () => ((await requestOf(stack, person, id)).timeline as Array<{ kind: string }>).find((e) => e.kind === kind),
    timeoutMs,
    `${kind} on support request ${id}`,
  );
}
