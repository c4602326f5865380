import { randomUUID } from 'node:crypto';
import type { Schemas } from '../../libs/client/src';
import type { SupportStep } from '../../libs/domain/src';
import { CreateSupportRequestBody, unexpected } from './typed-client';
import { TestStack } from './stack';
import { createOrganization, createPerson, TestPerson, waitFor, WAIT_MS } from './fixtures';

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

/** An organisation of the test's own that works every day (no weekend). */
const organization = (stack: TestStack, prefix: string, timezone: string) => createOrganization(stack, prefix, timezone, { weekend: [] });

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
  const defaults: CreateSupportRequestBody = {
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
  };
  return { ...defaults, ...overrides };
}

export async function submit(stack: TestStack, cast: SupportCast, overrides: Record<string, unknown> = {}): Promise<Record<string, any>> {
  // requestBody and the caller's overrides: cast to the document's type here.
  const body = requestBody(cast, overrides) as Schemas['CreateSupportRequestDto'];
  const { data, error, response } = await (await stack.client(cast.requester.token)).POST('/v1/support-requests', { body });
  if (!data || response.status !== 201) throw unexpected('submit', response, error);
  return data as Record<string, any>;
}

/** The body of each step of a support request, as the document types it. */
interface StepBodies {
  acknowledge: Schemas['AcknowledgeDto'];
  'request-information': Schemas['RequestInformationDto'];
  'provide-information': Schemas['ProvideInformationDto'];
  recommend: Schemas['RecommendDto'];
  decide: Schemas['DecideDto'];
  'start-delivery': Schemas['StartDeliveryDto'];
  deliver: Schemas['DeliverDto'];
  close: Schemas['CloseDto'];
  withdraw: Schemas['WithdrawDto'];
}
/** The body of step `S` (of any step when `S` is the union). */
export type StepBody<S extends SupportStep = SupportStep> = StepBodies[S];

/**
 * `POST /v1/support-requests/:id/<step>` as `person`, with `body` (`{}` when left out), through the
 * typed client: its answer as the client gives it (`{ data, error, response }`), for the caller to check.
 */
export async function step<S extends SupportStep>(
  stack: TestStack,
  person: TestPerson,
  id: string,
  name: S,
  body: StepBody<S> | Record<string, never> = {},
) {
  // The path and body of one of the steps' operations, which the client types as their union.
  const path: `/v1/support-requests/{id}/${SupportStep}` = `/v1/support-requests/{id}/${name}`;
  const sent: StepBody | Record<string, never> = body;
  return (await stack.client(person.token)).POST(path, { params: { path: { id } }, body: sent });
}

export async function requestOf(stack: TestStack, person: TestPerson, id: string): Promise<Record<string, any>> {
  const { data, error, response } = await (await stack.client(person.token)).GET('/v1/support-requests/{id}', { params: { path: { id } } });
  if (!data || response.status !== 200) throw unexpected(`support request ${id}`, response, error);
  return data;
}

export function deadlineOf(request: Record<string, any>, kind: string): Record<string, any> {
  return (request.deadlines as Array<Record<string, any>>).find((d) => d.kind === kind)!;
}

/** Waits until the request's timeline holds an entry of `kind` (`deadline.breach`, say), and returns that entry. */
export async function timelineReached(
  stack: TestStack,
  person: TestPerson,
  id: string,
  kind: string,
  timeoutMs = WAIT_MS,
): Promise<Record<string, any>> {
  const timeline = await waitFor(
    `${kind} on the timeline of support request ${id}`,
    async () => (await requestOf(stack, person, id)).timeline as Array<Record<string, any>>,
    (entries) => entries.some((e) => e.kind === kind),
    timeoutMs,
  );
  return timeline.find((e) => e.kind === kind)!;
}
