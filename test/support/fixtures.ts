import { randomUUID } from 'node:crypto';
import { ADMIN_TOKEN, TestStack } from './stack';

export interface TestPerson {
  id: string;
  token: string;
  email: string;
  organization: string;
}

/** Organisations and people are made through the API, as a user would. */
export async function ensureOrganization(stack: TestStack, code: string, timezone: string): Promise<void> {
  const res = await stack
    .http()
    .post('/v1/organizations')
    .auth(ADMIN_TOKEN, { type: 'bearer' })
    .send({ code, name: `${code} secretariat`, timezone });
  if (res.status !== 201 && res.status !== 409) throw new Error(`organization ${code}: ${res.status} ${JSON.stringify(res.body)}`);
}

export async function createPerson(
  stack: TestStack,
  organization: string,
  options: { roles?: string[]; email?: boolean; level?: 'senior' | 'working'; timezone?: string } = {},
): Promise<TestPerson> {
  const email = `p-${randomUUID().slice(0, 8)}@${organization.toLowerCase()}.example.org`;
  const res = await stack
    .http()
    .post('/v1/people')
    .auth(ADMIN_TOKEN, { type: 'bearer' })
    .send({
      name: `Person ${email}`,
      email,
      organization,
      level: options.level ?? 'working',
      roles: options.roles ?? ['participant'],
      timezone: options.timezone ?? 'Europe/Brussels',
      channels: { email: options.email ?? false },
    });
  if (res.status !== 201) throw new Error(`person: ${res.status} ${JSON.stringify(res.body)}`);
  return { id: res.body.id as string, token: res.body.token as string, email, organization };
}

/** A participant of `organization` whose reminders go in-app and to a webhook at `url` (no e-mail). */
export async function personWithWebhook(stack: TestStack, organization: string, url: string, name = 'Hook Owner'): Promise<TestPerson> {
  const email = `hook-${randomUUID().slice(0, 8)}@${organization.toLowerCase()}.example.org`;
  const res = await stack
    .http()
    .post('/v1/people')
    .auth(ADMIN_TOKEN, { type: 'bearer' })
    .send({
      name,
      email,
      organization,
      level: 'working',
      roles: ['participant'],
      timezone: 'Europe/Brussels',
      channels: { email: false, webhookUrl: url },
    });
  if (res.status !== 201) throw new Error(`person with webhook: ${res.status} ${JSON.stringify(res.body)}`);
  return { id: res.body.id as string, token: res.body.token as string, email, organization };
}

export function inSeconds(seconds: number): string {
  return new Date(Math.ceil(Date.now() / 1000) * 1000 + seconds * 1000).toISOString();
}

/** Polls until `check` returns a value that is not undefined, or fails after `timeoutMs`. */
export async function eventually<T>(check: () => Promise<T | undefined>, timeoutMs: number, what: string): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
