import { randomUUID } from 'node:crypto';
import type { Schemas } from '../../libs/client/src';
import { unexpected } from './typed-client';
import { ADMIN_TOKEN, TestStack } from './stack';

export { WAIT_MS, waitFor } from './wait';

export interface TestPerson {
  id: string;
  token: string;
  email: string;
  organization: string;
}

/** A code no other suite uses: `prefix` and six random hex digits (`UN-3FA2C1`). */
export function uniqueCode(prefix: string): string {
  return `${prefix}-${randomUUID().slice(0, 6).toUpperCase()}`;
}

/**
 * An organisation of the calling suite's own, made through the API as a user would: its code is
 * `prefix` made unique, so that suites never share rows and can assert exact lists and counts.
 */
export async function createOrganization(
  stack: TestStack,
  prefix: string,
  timezone: string,
  extra: Record<string, unknown> = {},
): Promise<string> {
  const code = uniqueCode(prefix);
  // `extra` (weekend, holidays) is the caller's: cast to the document's type here.
  const body: Schemas['CreateOrganizationDto'] = {
    code,
    name: `${code} secretariat`,
    timezone,
    ...(extra as Partial<Schemas['CreateOrganizationDto']>),
  };
  const { data, error, response } = await (await stack.client(ADMIN_TOKEN)).POST('/v1/organizations', { body });
  if (!data || response.status !== 201) throw unexpected(`organization ${code}`, response, error);
  return code;
}

export async function createPerson(
  stack: TestStack,
  organization: string,
  options: { roles?: string[]; email?: boolean; level?: 'senior' | 'working'; timezone?: string } = {},
): Promise<TestPerson> {
  const email = `p-${randomUUID().slice(0, 8)}@${organization.toLowerCase()}.example.org`;
  return newPerson(stack, 'person', {
    name: `Person ${email}`,
    email,
    organization,
    level: options.level ?? 'working',
    // The caller's role names: cast to the document's enum here (an unknown one is the API's to refuse).
    roles: (options.roles ?? ['participant']) as Schemas['CreatePersonDto']['roles'],
    timezone: options.timezone ?? 'Europe/Brussels',
    channels: { email: options.email ?? false },
  });
}

/** `POST /v1/people` as the admin; `what` names the call in the error on another status than 201. */
async function newPerson(stack: TestStack, what: string, body: Schemas['CreatePersonDto']): Promise<TestPerson> {
  const { data, error, response } = await (await stack.client(ADMIN_TOKEN)).POST('/v1/people', { body });
  if (!data || response.status !== 201) throw unexpected(what, response, error);
  return { id: data.id, token: data.token, email: body.email, organization: body.organization };
}

/** A participant of `organization` whose reminders go in-app and to a webhook at `url` (no e-mail). */
export async function personWithWebhook(stack: TestStack, organization: string, url: string, name = 'Hook Owner'): Promise<TestPerson> {
  const email = `hook-${randomUUID().slice(0, 8)}@${organization.toLowerCase()}.example.org`;
  return newPerson(stack, 'person with webhook', {
    name,
    email,
    organization,
    level: 'working',
    roles: ['participant'],
    timezone: 'Europe/Brussels',
    channels: { email: false, webhookUrl: url },
  });
}

export function inSeconds(seconds: number): string {
  return new Date(Math.ceil(Date.now() / 1000) * 1000 + seconds * 1000).toISOString();
}
