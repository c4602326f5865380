import { randomUUID } from 'node:crypto';
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
  const res = await stack
    .http()
    .post('/v1/organizations')
    .auth(ADMIN_TOKEN, { type: 'bearer' })
    .send({ code, name: `${code} secretariat`, timezone, ...extra });
  if (res.status !== 201) throw new Error(`organization ${code}: ${res.status} ${JSON.stringify(res.body)}`);
  return code;
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
