import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import type { LiaisonClient } from '@liaison/client';
import { useStack } from '../support/exchanges';
import { createOrganization, createPerson, TestPerson, waitFor } from '../support/fixtures';
import { ADMIN_TOKEN } from '../support/stack';

const PER_EMAIL = 3;
const PER_ADDRESS = 6;

/**
 * Sign-in to the web app by e-mail link, as its users and its attackers meet it: the answer says
 * nothing of who has an account, a link works once and for 15 minutes, the session cookie is
 * HttpOnly and SameSite=Lax, a change signed in by it needs the web app's Origin and CSRF token,
 * sessions are listed and ended by their owner. Each test asks from an address of its own
 * (TRUST_PROXY=1 and X-Forwarded-For), so that the per-address limit is one test's alone.
 */
describe('sign-in by e-mail link', () => {
  const world = useStack(0, {
    TRUST_PROXY: '1',
    SIGN_IN_LINKS_PER_EMAIL: String(PER_EMAIL),
    SIGN_IN_LINKS_PER_ADDRESS: String(PER_ADDRESS),
  });
  let anonymous: LiaisonClient;
  let origin: string;
  let organization: string;

  beforeAll(async () => {
    anonymous = await world.stack.client();
    origin = await world.stack.baseUrl();
    organization = await createOrganization(world.stack, 'SIGN', 'Europe/Brussels');
  });

  let addresses = 0;
  /** A client address no other ask of this file uses. */
  const fromAddress = () => ({ 'x-forwarded-for': `198.51.100.${++addresses}` });

  async function askLink(email: string, headers: Record<string, string>, next?: string) {
    return anonymous.POST('/v1/auth/email-link', { body: { email, ...(next ? { next } : {}) }, headers });
  }

  /** The token of the one sign-in link sent to `email` after `sent` earlier ones. */
  async function linkTo(email: string, sent = 0): Promise<{ token: string; url: URL }> {
    const mails = await waitFor(
      `sign-in link ${sent + 1} to ${email}`,
      () => Promise.resolve(world.stack.smtp.to(email)),
      (seen) => seen.length > sent,
    );
    const mail = mails[sent];
    const text = mail.mail.text ?? '';
    const url = new URL(/https?:\/\/\S+\/sign-in\/link\?token=\S+/.exec(text)![0]);
    return { token: url.searchParams.get('token')!, url };
  }

  async function signIn(person: TestPerson, next?: string): Promise<{ cookie: string; csrf: string; setCookie: string }> {
    const headers = fromAddress();
    const sent = world.stack.smtp.to(person.email).length;
    expect((await askLink(person.email, headers, next)).response.status).toBe(202);
    const { token } = await linkTo(person.email, sent);
    const { data, response } = await anonymous.POST('/v1/auth/sessions', { body: { token }, headers });
    expect(response.status).toBe(201);
    const setCookie = response.headers.get('set-cookie')!;
    return { cookie: setCookie.split(';')[0], csrf: data!.csrfToken, setCookie };
  }

  it('answers 202 whoever asks, and sends a link only to an active person', async () => {
    const person = await createPerson(world.stack, organization);
    const leaver = await createPerson(world.stack, organization);
    const admin = await world.stack.client(ADMIN_TOKEN);
    expect((await admin.POST('/v1/people/{id}/deactivate', { params: { path: { id: leaver.id } } })).response.status).toBe(200);
    const headers = fromAddress();
    const nobody = `nobody-${randomUUID().slice(0, 8)}@sign.example.org`;

    for (const email of [nobody, leaver.email, person.email]) {
      const { response } = await askLink(email, headers);
      expect(response.status).toBe(202);
      expect(await response.text()).toBe('');
    }
    const { url } = await linkTo(person.email);
    expect(url.pathname).toBe('/sign-in/link');
    expect(world.stack.smtp.to(nobody)).toHaveLength(0);
    expect(world.stack.smtp.to(leaver.email)).toHaveLength(0);
  });

  it('opens a session once per link, with an HttpOnly, SameSite=Lax cookie, landing where the sign-in was asked from', async () => {
    const person = await createPerson(world.stack, organization);
    const headers = fromAddress();
    const next = `/exchanges/${randomUUID()}`;
    await askLink(person.email.toUpperCase(), headers, next);
    const { token } = await linkTo(person.email);

    const first = await anonymous.POST('/v1/auth/sessions', { body: { token }, headers });
    expect(first.response.status).toBe(201);
    expect(first.data).toMatchObject({
      next,
      person: { id: person.id, email: person.email },
      session: { method: 'email-link', current: true },
    });
    const setCookie = first.response.headers.get('set-cookie')!;
    expect(setCookie).toMatch(/^liaison_session=lss_[A-Za-z0-9_-]{43}; HttpOnly; SameSite=Lax; Path=\/; Max-Age=\d+$/);
    const cookie = setCookie.split(';')[0];

    const again = await anonymous.POST('/v1/auth/sessions', { body: { token }, headers });
    expect(again.response.status).toBe(422);
    expect(again.error).toMatchObject({ code: 'AUTH.LINK_NOT_VALID' });

    const me = await anonymous.GET('/v1/me', { headers: { cookie } });
    expect(me.data).toMatchObject({ id: person.id });
    const current = await anonymous.GET('/v1/auth/session', { headers: { cookie } });
    expect(current.data).toMatchObject({ csrfToken: first.data!.csrfToken, session: { id: first.data!.session.id } });
  });

  it('refuses a link after 15 minutes, and one that was never sent', async () => {
    const person = await createPerson(world.stack, organization);
    const headers = fromAddress();
    await askLink(person.email, headers);
    const { token } = await linkTo(person.email);
    await world.stack.api
      .get(DataSource)
      .query(`UPDATE sign_in_links SET expires_at = now() - interval '1 second' WHERE person_id = $1`, [person.id]);

    for (const stale of [token, `lsl_${'A'.repeat(43)}`]) {
      const { response, error } = await anonymous.POST('/v1/auth/sessions', { body: { token: stale }, headers });
      expect(response.status).toBe(422);
      expect(error).toMatchObject({ code: 'AUTH.LINK_NOT_VALID' });
      expect(response.headers.get('set-cookie')).toBeNull();
    }
  });

  it("refuses a change signed in by the cookie without the web app's Origin and CSRF token; reads need neither", async () => {
    const person = await createPerson(world.stack, organization);
    const { cookie, csrf } = await signIn(person);
    const revoke = (headers: Record<string, string>) => anonymous.DELETE('/v1/auth/session', { headers: { cookie, ...headers } });

    const attempts: Array<Record<string, string>> = [
      {},
      { origin: 'https://evil.example' },
      { origin },
      { origin: 'https://evil.example', 'x-csrf-token': csrf },
    ];
    for (const attempt of attempts) {
      const { response, error } = await revoke(attempt);
      expect(response.status).toBe(403);
      expect(error).toMatchObject({ code: 'AUTH.CSRF' });
    }
    const wrong = await revoke({ origin, 'x-csrf-token': (await signIn(person)).csrf });
    expect(wrong.response.status).toBe(403);
    expect((await anonymous.GET('/v1/me', { headers: { cookie } })).response.status).toBe(200);

    const { response } = await revoke({ origin, 'x-csrf-token': csrf });
    expect(response.status).toBe(204);
    expect(response.headers.get('set-cookie')).toBe('liaison_session=; HttpOnly; SameSite=Lax; Path=/; Max-Age=0');
    expect((await anonymous.GET('/v1/me', { headers: { cookie } })).response.status).toBe(401);
  });

  it('lists the live sessions to their owner, who can end any of them; nobody else can', async () => {
    const person = await createPerson(world.stack, organization);
    const other = await createPerson(world.stack, organization);
    const laptop = await signIn(person);
    const phone = await signIn(person);

    const { data } = await anonymous.GET('/v1/me/sessions', { headers: { cookie: laptop.cookie } });
    expect(data!.items).toHaveLength(2);
    const phoneSession = data!.items.find((session) => !session.current)!;
    expect(data!.items.filter((session) => session.current)).toHaveLength(1);

    const intruder = await world.stack.client(other.token);
    const refused = await intruder.DELETE('/v1/me/sessions/{sessionId}', { params: { path: { sessionId: phoneSession.id } } });
    expect(refused.response.status).toBe(404);
    expect((await anonymous.GET('/v1/me', { headers: { cookie: phone.cookie } })).response.status).toBe(200);

    const ended = await anonymous.DELETE('/v1/me/sessions/{sessionId}', {
      params: { path: { sessionId: phoneSession.id } },
      headers: { cookie: laptop.cookie, origin, 'x-csrf-token': laptop.csrf },
    });
    expect(ended.response.status).toBe(204);
    expect((await anonymous.GET('/v1/me', { headers: { cookie: phone.cookie } })).response.status).toBe(401);
    expect((await anonymous.GET('/v1/me', { headers: { cookie: laptop.cookie } })).response.status).toBe(200);
  });

  it("ends a deactivated person's sessions at once", async () => {
    const person = await createPerson(world.stack, organization);
    const { cookie } = await signIn(person);
    const admin = await world.stack.client(ADMIN_TOKEN);
    await admin.POST('/v1/people/{id}/deactivate', { params: { path: { id: person.id } } });
    const { response } = await anonymous.GET('/v1/me', { headers: { cookie } });
    expect(response.status).toBe(401);
  });

  it('limits the links asked for one e-mail, known or not, and from one address', async () => {
    const person = await createPerson(world.stack, organization);
    const nobody = `nobody-${randomUUID().slice(0, 8)}@sign.example.org`;
    for (const email of [person.email, nobody]) {
      for (let ask = 0; ask < PER_EMAIL; ask++) expect((await askLink(email, fromAddress())).response.status).toBe(202);
      const { response, error } = await askLink(email, fromAddress());
      expect(response.status).toBe(429);
      expect(error).toMatchObject({ code: 'RATE_LIMIT.SIGN_IN_EMAIL' });
      expect(Number(response.headers.get('retry-after'))).toBeGreaterThan(0);
    }
    // The links the known address was sent, so that none is still on its way when the stack stops.
    await linkTo(person.email, PER_EMAIL - 1);

    const headers = fromAddress();
    for (let ask = 0; ask < PER_ADDRESS; ask++) {
      expect((await askLink(`other-${ask}-${randomUUID().slice(0, 6)}@sign.example.org`, headers)).response.status).toBe(202);
    }
    const { response, error } = await askLink(`last-${randomUUID().slice(0, 6)}@sign.example.org`, headers);
    expect(response.status).toBe(429);
    expect(error).toMatchObject({ code: 'RATE_LIMIT.SIGN_IN_ADDRESS' });
  });
});
